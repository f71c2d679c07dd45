/**
 * How much working time lies between two instants: the time left until a due date, or, once it has passed, the
 * working time since. It walks the same working time as the deadline count (working-time.ts), so that the time left
 * at the receipt instant of an hour-unit deadline is exactly the period counted.
 */
import type { BusinessCalendar } from './business-calendar';
import { clockStops } from './clock-stop';
import { CalendarError } from './errors';
import { kstDate, MS_PER_MINUTE, type Instant } from './local-date';
import { GOVERNMENT_WORKING_TIME, walkWorkingTime } from './working-time';

export interface WorkingTimeBetween {
  /**
   * Whole minutes of working time (09:00-12:00 and 13:00-18:00 on working days) from `from` to `to`, a part minute
   * dropped: positive when `to` is later, negative when `to` is earlier, 0 when none lies between.
   */
  minutes: number;
  /** `to` is before `from` (a due date that has passed); the working time since it is `-minutes`, possibly 0. */
  overdue: boolean;
}

/**
 * The working time from `from` to `to` on the calendar, e.g. from now to a task's due date. Both instants must lie
 * within the holiday data: outside it this throws CalendarError OUT_OF_HORIZON naming `from` or `to`, never a guess.
 */
export function workingTimeBetween(calendar: BusinessCalendar, from: Instant, to: Instant): WorkingTimeBetween {
  for (const [parameter, instant] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (!Number.isFinite(instant))
      throw new CalendarError('INVALID_INPUT', `${parameter}: not a valid instant.`, parameter);
    const date = kstDate(instant);
    const { first, last, source } = calendar.horizon;
    if (date < first || date > last) {
      throw new CalendarError(
        'OUT_OF_HORIZON',
        `${parameter}: ${date} is beyond the holiday data (${source} covers ${first} to ${last}); the working time cannot be counted there.`,
        parameter,
      );
    }
  }
  const overdue = to < from;
  const context = { calendar, stops: clockStops(), windows: GOVERNMENT_WORKING_TIME };
  let milliseconds = 0;
  for (const step of walkWorkingTime(context, overdue ? to : from, overdue ? from : to)) {
    if (step.kind === 'counted') milliseconds += step.span.to - step.span.from;
  }
  const minutes = Math.floor(milliseconds / MS_PER_MINUTE);
  return { minutes: overdue && minutes > 0 ? -minutes : minutes, overdue };
}
