/**
 * Periods of weeks, months and years, counted on the calendar as 민법 §159-161 has them: the period ends with the
 * day before the day that corresponds to its first day (§160②), or with the month's last day when that month has
 * no such day (§160③), and a last day that is a Saturday or a holiday rolls forward to the next working day (§161).
 * Clock-stops lengthen the period by the calendar days they touch.
 */
import { addDays, lastDayMonthsLater, sameDayMonthsLater, type LocalDate } from './local-date';
import { rollForward, skipReasons, type CountingContext, type SkippedSpan } from './working-time';

export type CalendarUnit = 'weeks' | 'months' | 'years';

export interface CalendarPeriodResult {
  /** The last day by the calendar, before any clock-stop or roll-forward. */
  calendarLastDay: LocalDate;
  /** The last day after clock-stops lengthened the period, before the roll-forward. */
  extendedLastDay: LocalDate;
  /** The day the period ends on. */
  lastDay: LocalDate;
  /** Days a clock-stop added, then the days the roll-forward passed over. */
  skipped: SkippedSpan[];
}

/** The last day of a period whose first day is `first` (the first day counted, as 민원처리법 시행령 §19③ has it). */
export function calendarPeriodLastDay(first: LocalDate, unit: CalendarUnit, amount: number): LocalDate {
  if (unit === 'weeks') return addDays(first, 7 * amount - 1);
  const months = unit === 'years' ? 12 * amount : amount;
  const corresponding = sameDayMonthsLater(first, months);
  return corresponding ? addDays(corresponding, -1) : lastDayMonthsLater(first, months);
}

export function countCalendarPeriod(
  context: CountingContext,
  first: LocalDate,
  unit: CalendarUnit,
  amount: number,
): CalendarPeriodResult {
  const calendarLastDay = calendarPeriodLastDay(first, unit, amount);
  // Every stopped day within the period moves its end one day on; the days added may hold more stopped days.
  let stopped: LocalDate[] = [];
  for (;;) {
    const end = addDays(calendarLastDay, stopped.length);
    const next: LocalDate[] = [];
    for (let day = first; day <= end; day = addDays(day, 1)) if (context.stops.touching(day)) next.push(day);
    if (next.length === stopped.length) break;
    stopped = next;
  }
  const extendedLastDay = addDays(calendarLastDay, stopped.length);
  const rolled = rollForward(context, extendedLastDay);
  const stoppedSkips: SkippedSpan[] = stopped.map((date) => ({
    date,
    reasons: skipReasons(context, date).filter((reason) => reason.kind === 'clock-stopped'),
  }));
  return { calendarLastDay, extendedLastDay, lastDay: rolled.date, skipped: [...stoppedSkips, ...rolled.skipped] };
}
