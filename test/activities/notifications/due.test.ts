import { createBusinessCalendar } from '../../../gov/calendar';
import { dueWithinWorkingDays } from '../../../activities/notifications/due';

describe('dueWithinWorkingDays', () => {
  const calendar = createBusinessCalendar();
  const at = (kst: string) => Date.parse(`${kst}+09:00`);
  const christmasEve = at('2026-12-24T10:00:00');

  it('counts the working days after today up to the due date (D-1: one working day ahead)', () => {
    expect(dueWithinWorkingDays(calendar, christmasEve, at('2026-12-24T18:00:00'), 1)).toBe(true);
    // 12-25 is Christmas and 12-26/27 a weekend: Monday the 28th is the first working day ahead
    expect(dueWithinWorkingDays(calendar, christmasEve, at('2026-12-28T18:00:00'), 1)).toBe(true);
    expect(dueWithinWorkingDays(calendar, christmasEve, at('2026-12-29T09:00:00'), 1)).toBe(false);
    expect(dueWithinWorkingDays(calendar, christmasEve, at('2026-12-29T09:00:00'), 2)).toBe(true);
  });

  it('counts declared holidays out', () => {
    const declared = createBusinessCalendar({ declared: [{ date: '2026-12-28', name: '임시공휴일' }] });
    expect(dueWithinWorkingDays(declared, christmasEve, at('2026-12-29T09:00:00'), 1)).toBe(true);
  });

  it('never reminds for a due date beyond the holiday data', () => {
    expect(dueWithinWorkingDays(calendar, at('2099-12-30T10:00:00'), at('2099-12-31T10:00:00'), 1)).toBe(false);
  });
});
