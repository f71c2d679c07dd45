/**
 * BPMN timer values (ISO 8601): a date (timeDate), a duration (timeDuration) or a repeating cycle (timeCycle,
 * `R<n>/<duration>` or `R<n>/<start>/<duration>`, no n = unbounded). Pure: the caller supplies "now", which in
 * a workflow is Temporal's deterministic clock. The compiler checks static values with the same parser.
 */
import { DateTime, Duration } from 'luxon';

export type TimerKind = 'date' | 'duration' | 'cycle';

/** When a timer fires, as instants in epoch milliseconds. A cycle yields up to `repetitions` of them. */
export interface TimerSchedule {
  /** The first firing. */
  firstAt: number;
  /** Milliseconds between firings of a cycle; undefined for a single firing. */
  intervalMs?: number;
  /** How many times in all; Infinity for `R/…`; 1 for dates and durations. */
  repetitions: number;
}

export class TimerValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimerValueError';
  }
}

function parseDuration(text: string): number {
  const duration = Duration.fromISO(text);
  if (!duration.isValid) throw new TimerValueError(`'${text}' is not an ISO 8601 duration such as PT15M or P3D`);
  const ms = duration.toMillis();
  if (ms <= 0) throw new TimerValueError(`the duration '${text}' must be longer than zero`);
  return ms;
}

function parseDate(text: string): number {
  // An offset is required: a legal deadline without a time zone is ambiguous.
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(text))
    throw new TimerValueError(`the date '${text}' needs a UTC offset, e.g. 2026-12-01T09:00:00+09:00`);
  const date = DateTime.fromISO(text, { setZone: true });
  if (!date.isValid) throw new TimerValueError(`'${text}' is not an ISO 8601 date-time`);
  return date.toMillis();
}

/** Parses a timer value of the given kind into a schedule, relative to `now` (epoch ms). */
export function scheduleTimer(kind: TimerKind, value: string, now: number): TimerSchedule {
  const text = value.trim();
  if (kind === 'date') return { firstAt: parseDate(text), repetitions: 1 };
  if (kind === 'duration') return { firstAt: now + parseDuration(text), repetitions: 1 };
  const match = /^R(\d*)\/(?:([^/]+)\/)?([^/]+)$/.exec(text);
  if (!match) throw new TimerValueError(`'${text}' is not an ISO 8601 cycle such as R3/PT10M or R/P1D`);
  const [, count, start, period] = match;
  const repetitions = count === '' || count === undefined ? Infinity : Number(count);
  if (repetitions < 1) throw new TimerValueError(`the cycle '${text}' must repeat at least once`);
  const intervalMs = parseDuration(period ?? '');
  const firstAt = start === undefined ? now + intervalMs : parseDate(start);
  return { firstAt, intervalMs, repetitions };
}

/** The instant of the n-th firing (0-based) of a schedule. */
export function firingAt(schedule: TimerSchedule, n: number): number {
  return schedule.firstAt + n * (schedule.intervalMs ?? 0);
}

/**
 * The latest firing due by `now`, counting from the n-th (n itself while that one is not yet due): a cycle that
 * missed several firings (its start lies in the past, or its instance was suspended) catches up with one firing
 * there, not with one per missed instant.
 */
export function latestDueFiring(schedule: TimerSchedule, n: number, now: number): number {
  if (schedule.intervalMs === undefined || firingAt(schedule, n) > now) return n;
  const due = Math.floor((now - schedule.firstAt) / schedule.intervalMs);
  return Math.min(Math.max(due, n), schedule.repetitions - 1);
}
