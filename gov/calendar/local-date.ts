/**
 * Civil dates and instants in Korea Standard Time. Korea has no daylight saving time, so all arithmetic is done in
 * fixed UTC+09:00 and needs no time-zone database. Pure: only Date.UTC and toISOString, never the current time.
 */
import { CalendarError } from './errors';

/** A civil date in Asia/Seoul, 'YYYY-MM-DD'. */
export type LocalDate = string;
/** An instant, in milliseconds since the Unix epoch. */
export type Instant = number;

export type Weekday = 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat';

export const KST_OFFSET_MS = 9 * 60 * 60_000;
export const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 24 * 60 * 60_000;
const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

export function isLocalDate(text: string): boolean {
  const match = DATE_PATTERN.exec(text);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Throws INVALID_INPUT naming `parameter` unless `text` is a real 'YYYY-MM-DD' date. */
export function parseLocalDate(text: string, parameter: string): LocalDate {
  if (!isLocalDate(text))
    throw new CalendarError(
      'INVALID_INPUT',
      `${parameter}: '${text}' is not a date in the form YYYY-MM-DD.`,
      parameter,
    );
  return text;
}

/**
 * Parses an ISO 8601 date-time that states its offset ('Z' or ±HH:MM): an instant without one is ambiguous, so it
 * is refused rather than read in some default zone.
 */
export function parseInstant(text: string, parameter: string): Instant {
  const match = INSTANT_PATTERN.exec(text);
  if (!match) {
    throw new CalendarError(
      'INVALID_INPUT',
      `${parameter}: '${text}' is not an ISO 8601 date-time with an offset, e.g. 2026-03-03T10:00:00+09:00.`,
      parameter,
    );
  }
  const [, y, mo, d, h, mi, s = '0', fraction = '0', offset = 'Z'] = match as unknown as string[];
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!isLocalDate(`${y}-${mo}-${d}`) || hour > 23 || minute > 59 || second > 59) {
    throw new CalendarError('INVALID_INPUT', `${parameter}: '${text}' is not a real date and time.`, parameter);
  }
  const offsetMinutes =
    offset === 'Z'
      ? 0
      : (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * MS_PER_MINUTE;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01. */
export function dayNumber(date: LocalDate): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function fromDayNumber(days: number): LocalDate {
  return new Date(days * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(dayNumber(date) + days);
}

export function weekday(date: LocalDate): Weekday {
  return WEEKDAYS[(((dayNumber(date) + 4) % 7) + 7) % 7] as Weekday; // 1970-01-01 was a Thursday
}

/** The Korean civil date of an instant. */
export function kstDate(instant: Instant): LocalDate {
  return fromDayNumber(Math.floor((instant + KST_OFFSET_MS) / MS_PER_DAY));
}

/** The instant of a time of day (minutes after midnight) on a Korean civil date. */
export function kstInstant(date: LocalDate, minuteOfDay: number): Instant {
  return dayNumber(date) * MS_PER_DAY + minuteOfDay * MS_PER_MINUTE - KST_OFFSET_MS;
}

/** ISO 8601 in +09:00, with seconds, and milliseconds only when there are any: 2026-03-03T14:30:00+09:00. */
export function formatKst(instant: Instant): string {
  const iso = new Date(instant + KST_OFFSET_MS).toISOString();
  const local = iso.endsWith('.000Z') ? iso.slice(0, 19) : iso.slice(0, 23);
  return `${local}+09:00`;
}

/** The Korean wall-clock time of an instant: 'HH:MM', or 'HH:MM:SS' when it has seconds. */
export function formatKstTime(instant: Instant): string {
  const iso = new Date(instant + KST_OFFSET_MS).toISOString();
  return iso.slice(17, 19) === '00' ? iso.slice(11, 16) : iso.slice(11, 19);
}

/**
 * The same day-of-month `months` later (민법 §160②), or undefined when that month has no such day (§160③: the
 * period then ends on the last day of that month).
 */
export function sameDayMonthsLater(date: LocalDate, months: number): LocalDate | undefined {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  if (day > daysInMonth(targetYear, targetMonth)) return undefined;
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The last day of the month `months` after the month of `date`. */
export function lastDayMonthsLater(date: LocalDate, months: number): LocalDate {
  const [year, month] = date.split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth).padStart(2, '0')}-${String(daysInMonth(targetYear, targetMonth)).padStart(2, '0')}`;
}
