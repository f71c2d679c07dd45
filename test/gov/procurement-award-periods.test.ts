/**
 * The periods after an award (gov/procurement/award-periods.ts): the contract within 10 days and the objection
 * window, counted without the award day, ending at 24:00, a last day off rolled to the next working day.
 */
import { createBusinessCalendar } from '../../gov/calendar';
import { bondFor, contractDeadline, objectionWindow } from '../../gov/procurement/award-periods';

const calendar = createBusinessCalendar();
const kst = (text: string) => Date.parse(`${text}+09:00`);

describe('contractDeadline', () => {
  it('ends at 24:00 of the tenth day after the award day', () => {
    expect(contractDeadline(calendar, kst('2027-03-19T11:00:00'))).toMatchObject({
      lastDay: '2027-03-29',
      endsAt: '2027-03-30T00:00:00+09:00',
    });
  });

  it('rolls a tenth day on a Saturday to the Monday', () => {
    // 2027-04-14 + 10 = Saturday 4/24.
    expect(contractDeadline(calendar, kst('2027-04-14T15:00:00')).lastDay).toBe('2027-04-26');
  });

  it('rolls over a holiday an administrator declared', () => {
    const declared = createBusinessCalendar({ declared: [{ date: '2027-03-29', name: '임시공휴일' }] });
    expect(contractDeadline(declared, kst('2027-03-19T11:00:00')).lastDay).toBe('2027-03-30');
  });
});

describe('objectionWindow', () => {
  it('closes with the 15 days of knowing the award when the notice goes out that day', () => {
    const award = kst('2027-03-19T11:00:00');
    const window = objectionWindow(calendar, award, award);
    // 3/19 + 15 = Saturday 4/3, rolled to Monday 4/5.
    expect(window).toMatchObject({ lastDay: '2027-04-05', endsAt: '2027-04-06T00:00:00+09:00' });
    expect(window.explanation).toContain('국가계약법 §110');
  });

  it('closes with the 20 days of the event when the bidder learnt of it late', () => {
    const window = objectionWindow(calendar, kst('2027-03-19T11:00:00'), kst('2027-04-01T09:00:00'));
    // 20 days of 3/19 = Thursday 4/8; 15 days of 4/1 = Friday 4/16.
    expect(window.lastDay).toBe('2027-04-08');
  });
});

describe('bondFor', () => {
  it('rounds a bond up to the whole won', () => {
    expect(bondFor(1_850_000_001, 10)).toBe(185_000_001);
    expect(bondFor(90_000_000, 5)).toBe(4_500_000);
  });
});
