/**
 * Clock-stop: periods a statutory deadline does not count (보완 요구 from sending to arrival, 이송, 협의, 현지조사...).
 * A stop is either whole days, 'YYYY-MM-DD/YYYY-MM-DD' (both days included), or instants, '<ISO>/<ISO>' with offsets
 * (from included, to excluded).
 *
 * How each counting mode uses them:
 *  - working hours: whole-day stops remove those days; instant stops remove exactly the working time between them.
 *  - working days and calendar periods: a stop removes every day it touches, the day it starts and the day it ends
 *    included (the 보완 rule counts the sending day and the arrival day as stopped).
 */
import { CalendarError } from './errors';
import {
  formatKst,
  isLocalDate,
  kstDate,
  kstInstant,
  parseInstant,
  parseLocalDate,
  type Instant,
  type LocalDate,
} from './local-date';

export type ClockStop =
  | { kind: 'days'; from: LocalDate; to: LocalDate; label?: string }
  | { kind: 'instants'; from: Instant; to: Instant; label?: string };

/** Parses 'YYYY-MM-DD/YYYY-MM-DD' or '<ISO 8601 with offset>/<ISO 8601 with offset>'. */
export function parseClockStop(text: string, parameter = 'excluded', label?: string): ClockStop {
  const parts = text.split('/');
  const [from, to] = parts;
  if (parts.length !== 2 || !from || !to) {
    throw new CalendarError(
      'INVALID_INPUT',
      `${parameter}: '${text}' is not a period: write YYYY-MM-DD/YYYY-MM-DD or two ISO 8601 instants with offsets joined by '/'.`,
      parameter,
    );
  }
  const stop: ClockStop =
    isLocalDate(from) || isLocalDate(to)
      ? { kind: 'days', from: parseLocalDate(from, parameter), to: parseLocalDate(to, parameter) }
      : { kind: 'instants', from: parseInstant(from, parameter), to: parseInstant(to, parameter) };
  return validClockStop(label === undefined ? stop : { ...stop, label }, parameter);
}

/** Checks a stop handed in as data: real dates, and an end after the start. */
export function validClockStop(stop: ClockStop, parameter = 'excluded'): ClockStop {
  if (stop.kind === 'days') {
    parseLocalDate(stop.from, parameter);
    parseLocalDate(stop.to, parameter);
    if (stop.to < stop.from)
      throw new CalendarError(
        'INVALID_INPUT',
        `${parameter}: the period ${formatClockStop(stop)} ends before it starts.`,
        parameter,
      );
  } else if (!Number.isFinite(stop.from) || !Number.isFinite(stop.to) || stop.to <= stop.from) {
    throw new CalendarError(
      'INVALID_INPUT',
      `${parameter}: the period ${formatClockStop(stop)} must end after it starts.`,
      parameter,
    );
  }
  return stop;
}

/** The stop as it would be written: days as given, instants in +09:00. */
export function formatClockStop(stop: ClockStop): string {
  return stop.kind === 'days' ? `${stop.from}/${stop.to}` : `${formatKst(stop.from)}/${formatKst(stop.to)}`;
}

/** The part of an instant stop that falls inside [from, to). */
export interface StoppedSpan {
  from: Instant;
  to: Instant;
  stop: ClockStop;
}

export interface ClockStops {
  /** A whole-day stop covering the date. */
  wholeDay(date: LocalDate): ClockStop | undefined;
  /** Any stop touching the date: a whole-day stop covering it, or an instant stop starting, running or ending on it. */
  touching(date: LocalDate): ClockStop | undefined;
  /** The instant stops overlapping [from, to), clipped to it and sorted. */
  spansWithin(from: Instant, to: Instant): StoppedSpan[];
}

export function clockStops(stops: readonly ClockStop[] = []): ClockStops {
  const checked = stops.map((stop) => validClockStop(stop));
  const dayStops = checked.filter((stop) => stop.kind === 'days');
  const instantStops = checked.filter((stop) => stop.kind === 'instants');

  const wholeDay = (date: LocalDate) => dayStops.find((stop) => stop.from <= date && date <= stop.to);
  const spansWithin = (from: Instant, to: Instant): StoppedSpan[] =>
    instantStops
      .filter((stop) => stop.from < to && from < stop.to)
      .map((stop) => ({ from: Math.max(stop.from, from), to: Math.min(stop.to, to), stop }))
      .sort((a, b) => a.from - b.from);
  const touching = (date: LocalDate) =>
    wholeDay(date) ?? instantStops.find((stop) => kstDate(stop.from) <= date && date <= kstDate(stop.to - 1));

  return { wholeDay, touching, spansWithin };
}

/** The instants bounding a civil date in Korea, [00:00, 24:00). */
export function dayBounds(date: LocalDate): { from: Instant; to: Instant } {
  return { from: kstInstant(date, 0), to: kstInstant(date, 24 * 60) };
}
