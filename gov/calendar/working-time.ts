/**
 * Working-time arithmetic: walking the working time from an instant (which adding working hours and measuring the
 * working time between two instants both use), counting working days, rolling a date forward to a working day. Each step records what it counted and what it skipped and why, so that every result can be explained.
 */
import type { BusinessCalendar, DayOffReason } from './business-calendar';
import { formatClockStop, type ClockStop, type ClockStops } from './clock-stop';
import { CalendarError } from './errors';
import { addDays, kstDate, kstInstant, type Instant, type LocalDate } from './local-date';

/** A stretch of working time within a day, in minutes after midnight (Asia/Seoul), [from, to). */
export interface WorkingWindow {
  from: number;
  to: number;
}

/** 국가공무원 복무규정 §9: 09:00-18:00 with lunch 12:00-13:00. */
export const GOVERNMENT_WORKING_TIME: readonly WorkingWindow[] = [
  { from: 9 * 60, to: 12 * 60 },
  { from: 13 * 60, to: 18 * 60 },
];

/** What a count runs against: the calendar, the clock-stops, and the working windows of a working day. */
export interface CountingContext {
  calendar: BusinessCalendar;
  stops: ClockStops;
  windows: readonly WorkingWindow[];
}

export type SkipReason =
  | DayOffReason
  | { kind: 'clock-stopped'; period: string; label?: string }
  /** The receipt came after the day's working time: counting starts on the next working day. */
  | { kind: 'after-hours' };

/** Working time counted, [from, to) within one day. */
export interface CountedSpan {
  date: LocalDate;
  from: Instant;
  to: Instant;
}

/** A day (or, with from/to, part of a day's working time) that the count passed over. */
export interface SkippedSpan {
  date: LocalDate;
  from?: Instant;
  to?: Instant;
  reasons: SkipReason[];
}

export interface WorkingTimeResult {
  startsAt: Instant;
  dueAt: Instant;
  counted: CountedSpan[];
  skipped: SkippedSpan[];
}

export interface WorkingDaysResult {
  counted: LocalDate[];
  skipped: SkippedSpan[];
}

/** Ten years: far more than any deadline; a count that runs this long has a bug or absurd input. */
const MAX_SCAN_DAYS = 3660;

export function stoppedReason(stop: ClockStop): SkipReason {
  return stop.label === undefined
    ? { kind: 'clock-stopped', period: formatClockStop(stop) }
    : { kind: 'clock-stopped', period: formatClockStop(stop), label: stop.label };
}

function* days(from: LocalDate): Generator<LocalDate> {
  for (let scanned = 0; scanned < MAX_SCAN_DAYS; scanned += 1) yield addDays(from, scanned);
  throw new CalendarError('INVALID_INPUT', `The count did not end within ${MAX_SCAN_DAYS} days of ${from}.`);
}

/** One step of a walk through working time: a stretch counted, or a day (or part of one) passed over and why. */
export type WorkingTimeStep = { kind: 'counted'; span: CountedSpan } | { kind: 'skipped'; span: SkippedSpan };

/**
 * Walks the working time from `from` on, day by day and in order: each stretch of working time, and each day or part
 * of a day passed over with its reasons (day off, clock-stop, after hours). With `until`, the walk ends there
 * (excluded) and never looks at a later day, so an end near the data's horizon does not run past it. Consumers stop
 * it: addWorkingTime when the period is used up, workingTimeBetween at the other instant.
 */
export function* walkWorkingTime(
  context: CountingContext,
  from: Instant,
  until: Instant = Number.POSITIVE_INFINITY,
): Generator<WorkingTimeStep, void> {
  const { calendar, stops, windows } = context;
  const lastWindow = windows[windows.length - 1];
  for (const date of days(kstDate(from))) {
    if (kstInstant(date, 0) >= until) return;
    const dayOff = calendar.dayOff(date);
    const stoppedDay = stops.wholeDay(date);
    if (dayOff.length > 0 || stoppedDay) {
      yield {
        kind: 'skipped',
        span: { date, reasons: [...dayOff, ...(stoppedDay ? [stoppedReason(stoppedDay)] : [])] },
      };
      continue;
    }
    if (lastWindow && from >= kstInstant(date, lastWindow.to)) {
      yield { kind: 'skipped', span: { date, reasons: [{ kind: 'after-hours' }] } };
      continue;
    }
    for (const window of windows) {
      const windowEnd = Math.min(kstInstant(date, window.to), until);
      let cursor = Math.max(kstInstant(date, window.from), from);
      if (cursor >= windowEnd) continue;
      for (const span of [
        ...stops.spansWithin(cursor, windowEnd),
        { from: windowEnd, to: windowEnd, stop: undefined },
      ]) {
        if (span.from > cursor) yield { kind: 'counted', span: { date, from: cursor, to: span.from } };
        if (span.stop)
          yield { kind: 'skipped', span: { date, from: span.from, to: span.to, reasons: [stoppedReason(span.stop)] } };
        cursor = Math.max(cursor, span.to);
      }
    }
  }
}

/** Adds `duration` milliseconds of working time to `from`; the count starts at the next working instant. */
export function addWorkingTime(context: CountingContext, from: Instant, duration: number): WorkingTimeResult {
  if (!(duration > 0))
    throw new CalendarError('INVALID_INPUT', 'A working-time period must be longer than zero.', 'period');
  const counted: CountedSpan[] = [];
  const skipped: SkippedSpan[] = [];
  let remaining = duration;

  for (const step of walkWorkingTime(context, from)) {
    if (step.kind === 'skipped') {
      skipped.push(step.span);
      continue;
    }
    const { date, from: spanFrom, to: spanTo } = step.span;
    const take = Math.min(spanTo - spanFrom, remaining);
    counted.push({ date, from: spanFrom, to: spanFrom + take });
    remaining -= take;
    if (remaining === 0) {
      const first = counted[0] as CountedSpan;
      return { startsAt: first.from, dueAt: spanFrom + take, counted, skipped };
    }
  }
  throw new CalendarError('INVALID_INPUT', 'The count did not end.');
}

/** The first date a day count can start on: the receipt date, or the next day when the receipt came after hours. */
function firstCountableDate(
  context: CountingContext,
  receivedAt: Instant,
): { date: LocalDate; skipped: SkippedSpan[] } {
  const date = kstDate(receivedAt);
  const lastWindow = context.windows[context.windows.length - 1];
  if (!lastWindow || receivedAt < kstInstant(date, lastWindow.to) || context.calendar.dayOff(date).length > 0)
    return { date, skipped: [] };
  return { date: addDays(date, 1), skipped: [{ date, reasons: [{ kind: 'after-hours' }] }] };
}

/**
 * Counts `count` working days, the day of receipt included when its working time has not ended. Days off and days
 * a clock-stop touches are skipped.
 */
export function countWorkingDays(context: CountingContext, receivedAt: Instant, count: number): WorkingDaysResult {
  if (!(count > 0) || !Number.isInteger(count))
    throw new CalendarError('INVALID_INPUT', 'A number of working days must be a whole number above zero.', 'period');
  const start = firstCountableDate(context, receivedAt);
  const counted: LocalDate[] = [];
  const skipped = start.skipped;
  for (const date of days(start.date)) {
    const reasons = skipReasons(context, date);
    if (reasons.length > 0) {
      skipped.push({ date, reasons });
      continue;
    }
    counted.push(date);
    if (counted.length === count) break;
  }
  return { counted, skipped };
}

/** The date itself when it is a working day the clock runs on, else the next such day (민법 §161). */
export function rollForward(context: CountingContext, date: LocalDate): { date: LocalDate; skipped: SkippedSpan[] } {
  const skipped: SkippedSpan[] = [];
  for (const day of days(date)) {
    const reasons = skipReasons(context, day);
    if (reasons.length === 0) return { date: day, skipped };
    skipped.push({ date: day, reasons });
  }
  throw new CalendarError('INVALID_INPUT', 'The roll-forward did not end.');
}

/** Why a whole day does not count in day units: days off, and any clock-stop touching it. */
export function skipReasons(context: CountingContext, date: LocalDate): SkipReason[] {
  const stop = context.stops.touching(date);
  return [...context.calendar.dayOff(date), ...(stop ? [stoppedReason(stop)] : [])];
}
