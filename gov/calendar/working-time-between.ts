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
  assertWithinHorizon(calendar, 'from', from);
  assertWithinHorizon(calendar, 'to', to);
  const overdue = to < from;
  let milliseconds = 0;
  for (const step of walkWorkingTime(countingContext(calendar), overdue ? to : from, overdue ? from : to)) {
    if (step.kind === 'counted') milliseconds += step.span.to - step.span.from;
  }
  return between(milliseconds, overdue);
}

/**
 * The working time from one instant to each of many (e.g. now to every due date of a queue page), each exactly as
 * workingTimeBetween answers it, but walking the calendar once over their whole range rather than once per instant:
 * the counted spans and their running total answer each instant by a binary search. An instant outside the holiday
 * data (or `from` outside it) answers undefined.
 */
export function workingTimesFrom(
  calendar: BusinessCalendar,
  from: Instant,
  tos: readonly Instant[],
): Array<WorkingTimeBetween | undefined> {
  const inside = (instant: Instant) => withinHorizon(calendar, instant);
  if (!inside(from)) return tos.map(() => undefined);
  const counted = tos.filter(inside);
  const start = Math.min(from, ...counted);
  const spans: Array<{ from: Instant; to: Instant }> = [];
  for (const step of walkWorkingTime(countingContext(calendar), start, Math.max(from, ...counted))) {
    if (step.kind === 'counted') spans.push(step.span);
  }
  const totals: number[] = []; // totals[i]: the working time from `start` to the start of spans[i]
  let total = 0;
  for (const span of spans) {
    totals.push(total);
    total += span.to - span.from;
  }
  const upTo = (instant: Instant): number => {
    let low = 0;
    let high = spans.length; // the first span starting at or after `instant`
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((spans[middle] as { from: Instant }).from < instant) low = middle + 1;
      else high = middle;
    }
    if (low === 0) return 0;
    const previous = spans[low - 1] as { from: Instant; to: Instant };
    return (totals[low - 1] as number) + Math.min(instant, previous.to) - previous.from;
  };
  const fromTotal = upTo(from);
  return tos.map((to) => (inside(to) ? between(Math.abs(upTo(to) - fromTotal), to < from) : undefined));
}

function between(milliseconds: number, overdue: boolean): WorkingTimeBetween {
  const minutes = Math.floor(milliseconds / MS_PER_MINUTE);
  return { minutes: overdue && minutes > 0 ? -minutes : minutes, overdue };
}

function countingContext(calendar: BusinessCalendar) {
  return { calendar, stops: clockStops(), windows: GOVERNMENT_WORKING_TIME };
}

function withinHorizon(calendar: BusinessCalendar, instant: Instant): boolean {
  if (!Number.isFinite(instant)) return false;
  const date = kstDate(instant);
  return date >= calendar.horizon.first && date <= calendar.horizon.last;
}

function assertWithinHorizon(calendar: BusinessCalendar, parameter: 'from' | 'to', instant: Instant): void {
  if (!Number.isFinite(instant))
    throw new CalendarError('INVALID_INPUT', `${parameter}: not a valid instant.`, parameter);
  if (withinHorizon(calendar, instant)) return;
  const { first, last, source } = calendar.horizon;
  throw new CalendarError(
    'OUT_OF_HORIZON',
    `${parameter}: ${kstDate(instant)} is beyond the holiday data (${source} covers ${first} to ${last}); the working time cannot be counted there.`,
    parameter,
  );
}
