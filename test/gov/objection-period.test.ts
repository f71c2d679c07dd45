/**
 * The petitioner's 60 days to object (민원처리법 §35①), counted as 민법 §157 and §161 have them: the notice day not
 * counted, a last day off rolled forward to the next working day.
 */
import { createBusinessCalendar } from '../../gov/calendar';
import { lastDayToObject, objectionTimeliness } from '../../gov/petitions/objection-period';

const calendar = createBusinessCalendar();
const kst = (text: string) => Date.parse(`${text}+09:00`);

describe('the 60 days to object to a petition decision', () => {
  it('ends 60 days after the notice day, which is not counted', () => {
    expect(lastDayToObject(calendar, kst('2027-01-15T11:00:00'))).toBe('2027-03-16');
  });

  it('takes the notice day in Korea, whatever the UTC date', () => {
    // 00:30 on 16 January in Korea is still 15 January in UTC.
    expect(lastDayToObject(calendar, kst('2027-01-16T00:30:00'))).toBe('2027-03-17');
  });

  it('rolls a last day on a Saturday holiday past the Sunday and the substitute holiday', () => {
    // 1 May 2027 is a Saturday and 노동절, 3 May its substitute holiday.
    expect(lastDayToObject(calendar, kst('2027-03-02T10:00:00'))).toBe('2027-05-04');
  });

  it('rolls a last day in 추석 to the first working day after it', () => {
    expect(lastDayToObject(calendar, kst('2027-07-16T10:00:00'))).toBe('2027-09-17');
  });

  it('rolls past a day an administrator declares a holiday', () => {
    const declared = createBusinessCalendar({ declared: [{ date: '2027-03-16', name: '임시공휴일' }], withdrawn: [] });
    expect(lastDayToObject(declared, kst('2027-01-15T11:00:00'))).toBe('2027-03-17');
  });

  it('takes an objection on the last day, to its last minute, and not on the day after', () => {
    const decided = kst('2027-01-15T11:00:00');
    expect(objectionTimeliness(calendar, decided, kst('2027-03-16T23:59:00'))).toEqual({
      inTime: true,
      lastDay: '2027-03-16',
    });
    expect(objectionTimeliness(calendar, decided, kst('2027-03-17T00:00:00'))).toEqual({
      inTime: false,
      lastDay: '2027-03-16',
    });
  });
});
