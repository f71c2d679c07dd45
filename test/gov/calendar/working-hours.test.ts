/**
 * The working-hours rule (국가공무원 복무규정 §9): general administrative work counted in working hours, as the
 * classified hand-over's one working hour is.
 */
import { CalendarError, computeDeadline, createBusinessCalendar } from '../../../gov/calendar';

const hoursFrom = (receivedAt: string, amount: number) =>
  computeDeadline(createBusinessCalendar(), { rule: 'working-hours', receivedAt, period: { unit: 'hours', amount } });

describe('working-hours deadlines', () => {
  it.each([
    ['within the morning', '2027-02-16T10:00:00+09:00', 1, '2027-02-16T11:00:00+09:00'],
    ['across lunch', '2027-02-16T11:30:00+09:00', 1, '2027-02-16T13:30:00+09:00'],
    [
      'ending at the close of the day, not the next morning',
      '2027-02-16T17:00:00+09:00',
      1,
      '2027-02-16T18:00:00+09:00',
    ],
    ['from Friday 17:30 over the weekend to Monday 09:30', '2027-03-05T17:30:00+09:00', 1, '2027-03-08T09:30:00+09:00'],
    ['from a Saturday: counting starts Monday 09:00', '2027-03-06T10:00:00+09:00', 1, '2027-03-08T10:00:00+09:00'],
    ['over 설날 and its substitute day', '2027-02-05T17:30:00+09:00', 1, '2027-02-10T09:30:00+09:00'],
  ])('%s', (_, receivedAt, amount, dueAt) => {
    const deadline = hoursFrom(receivedAt, amount);
    expect(deadline.dueAt).toBe(dueAt);
    expect(deadline.unit).toBe('working-hours');
    expect(deadline.explanation.text.join('\n')).toContain('국가공무원 복무규정 제9조');
  });

  it('counts hours only: a period in days names its own statute', () => {
    expect(() =>
      computeDeadline(createBusinessCalendar(), {
        rule: 'working-hours',
        receivedAt: '2027-02-16T10:00:00+09:00',
        period: { unit: 'days', amount: 1 },
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', parameter: 'unit' }) as CalendarError);
  });
});
