/** Korean civil dates and instants in fixed +09:00. */
import {
  addDays,
  formatKst,
  kstDate,
  parseInstant,
  sameDayMonthsLater,
  weekday,
} from '../../../gov/calendar/local-date';

describe('dates and instants in Korea Standard Time', () => {
  it('reads instants with any offset and writes them in +09:00', () => {
    expect(formatKst(parseInstant('2026-03-09T01:00:00Z', 'x'))).toBe('2026-03-09T10:00:00+09:00');
    expect(formatKst(parseInstant('2026-03-08T20:00-05:00', 'x'))).toBe('2026-03-09T10:00:00+09:00');
    expect(formatKst(parseInstant('2026-03-09T10:00:30.250+09:00', 'x'))).toBe('2026-03-09T10:00:30.250+09:00');
  });

  it('places an instant on its Korean date: 2026-03-08T15:00Z is already Monday 3/9 in Seoul', () => {
    expect(kstDate(parseInstant('2026-03-08T15:00:00Z', 'x'))).toBe('2026-03-09');
    expect(kstDate(parseInstant('2026-03-08T14:59:59Z', 'x'))).toBe('2026-03-08');
  });

  it('refuses an instant without an offset, naming the parameter', () => {
    expect(() => parseInstant('2026-03-09T10:00:00', 'receivedAt')).toThrow(/^receivedAt: /);
    expect(() => parseInstant('2026-03-09', 'receivedAt')).toThrow(/with an offset/);
    expect(() => parseInstant('2026-03-09T24:00:00+09:00', 'receivedAt')).toThrow(/not a real date and time/);
  });

  it('knows weekdays and adds days across years (2026-12-31 is a Thursday; 2027-01-01 a Friday)', () => {
    expect(weekday('2026-12-31')).toBe('thu');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(weekday('2027-01-01')).toBe('fri');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });

  it('finds the same day months later, or none when the month is too short', () => {
    expect(sameDayMonthsLater('2026-01-15', 1)).toBe('2026-02-15');
    expect(sameDayMonthsLater('2026-11-30', 3)).toBeUndefined();
    expect(sameDayMonthsLater('2026-12-31', 12)).toBe('2027-12-31');
  });
});
