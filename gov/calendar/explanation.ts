/**
 * How a deadline was counted, as data (for the task page) and as Korean sentences (for the task page and a letter
 * to the citizen): the days or hours counted, and each day skipped with its reason. Plain JSON, so it can travel in
 * an API response, a workflow result or a process variable.
 */
import { formatKst, formatKstTime, kstDate, weekday, type Instant, type LocalDate, type Weekday } from './local-date';
import type { CountedSpan, SkippedSpan, SkipReason } from './working-time';

export interface CountedDay {
  date: LocalDate;
  weekday: Weekday;
  /** Working-hour units: the working time counted on the day, 'HH:MM' in Asia/Seoul, [from, to). */
  spans?: Array<{ from: string; to: string }>;
  minutes?: number;
  /** Working-day units: the day's place in the count, from 1. */
  ordinal?: number;
}

export interface SkippedDay {
  date: LocalDate;
  weekday: Weekday;
  /** Set when only part of the day's working time was skipped (an instant clock-stop). */
  from?: string;
  to?: string;
  reasons: SkipReason[];
}

export interface Explanation {
  receivedAt: string;
  /** The instant the count started (working hours), or its first day (working days, calendar). */
  countingFrom: string;
  counted: CountedDay[];
  skipped: SkippedDay[];
  totals: { workingMinutes?: number; workingDays?: number; calendarDays?: number };
  /** Calendar periods: the calendar's last day and the working day it rolled forward to (민법 §161). */
  rolledForward?: { from: LocalDate; to: LocalDate };
  /** The same, in Korean sentences. */
  text: string[];
}

export interface ExplanationInput {
  /** The rule's one-sentence account of how it counts this period. */
  method: string;
  receivedAt: Instant;
  countingFrom: string;
  dueAt: Instant;
  counted: CountedDay[];
  skipped: SkippedSpan[];
  totals: Explanation['totals'];
  rolledForward?: { from: LocalDate; to: LocalDate };
}

const KOREAN_WEEKDAY: Record<Weekday, string> = {
  sun: '일',
  mon: '월',
  tue: '화',
  wed: '수',
  thu: '목',
  fri: '금',
  sat: '토',
};

export function buildExplanation(input: ExplanationInput): Explanation {
  const skipped = input.skipped.map(toSkippedDay);
  const explanation: Explanation = {
    receivedAt: formatKst(input.receivedAt),
    countingFrom: input.countingFrom,
    counted: input.counted,
    skipped,
    totals: input.totals,
    ...(input.rolledForward ? { rolledForward: input.rolledForward } : {}),
    text: [],
  };
  explanation.text = koreanText(input, explanation);
  return explanation;
}

/** Working-hour counts: the spans grouped by day. */
export function countedHours(spans: readonly CountedSpan[]): CountedDay[] {
  const days: CountedDay[] = [];
  for (const span of spans) {
    let day = days[days.length - 1];
    if (day?.date !== span.date) {
      day = { date: span.date, weekday: weekday(span.date), spans: [], minutes: 0 };
      days.push(day);
    }
    day.spans?.push({ from: formatKstTime(span.from), to: formatKstTime(span.to) });
    day.minutes = (day.minutes ?? 0) + (span.to - span.from) / 60_000;
  }
  return days;
}

/** Working-day counts: each day with its ordinal. */
export function countedDays(dates: readonly LocalDate[]): CountedDay[] {
  return dates.map((date, index) => ({ date, weekday: weekday(date), ordinal: index + 1 }));
}

function toSkippedDay(span: SkippedSpan): SkippedDay {
  const part =
    span.from !== undefined && span.to !== undefined
      ? { from: formatKstTime(span.from), to: formatKstTime(span.to) }
      : {};
  return { date: span.date, weekday: weekday(span.date), ...part, reasons: span.reasons };
}

export function koreanDate(date: LocalDate): string {
  return `${date}(${KOREAN_WEEKDAY[weekday(date)]})`;
}

export function koreanInstant(instant: Instant): string {
  return `${koreanDate(kstDate(instant))} ${formatKstTime(instant)}`;
}

export function koreanReason(reason: SkipReason, date: LocalDate): string {
  switch (reason.kind) {
    case 'weekend':
      return weekday(date) === 'sat' ? '토요일' : '일요일';
    case 'holiday':
      return reason.names.map((name) => (name.includes('공휴일') ? name : `${name}(공휴일)`)).join('·');
    case 'declared':
      return `지정 휴일(${reason.name})`;
    case 'clock-stopped':
      return `처리기간 정지(${reason.label ? `${reason.label} ` : ''}${reason.period})`;
    case 'after-hours':
      return '근무시간 후 접수';
  }
}

function hoursText(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = Math.round(minutes % 60);
  return rest === 0 ? `${hours}시간` : hours === 0 ? `${rest}분` : `${hours}시간 ${rest}분`;
}

function koreanText(input: ExplanationInput, explanation: Explanation): string[] {
  const lines = [input.method, `접수: ${koreanInstant(input.receivedAt)}`];
  const counted = explanation.counted.map((day) =>
    day.spans
      ? `${koreanDate(day.date)} ${day.spans.map((span) => `${span.from}–${span.to}`).join(', ')} (${hoursText(day.minutes ?? 0)})`
      : `${koreanDate(day.date)}${day.ordinal ? ` (${day.ordinal}일째)` : ''}`,
  );
  if (counted.length > 0) lines.push(`산입: ${counted.join('; ')}`);
  const { workingMinutes, workingDays, calendarDays } = explanation.totals;
  if (workingMinutes !== undefined) lines.push(`산입한 근무시간: ${hoursText(workingMinutes)}`);
  if (workingDays !== undefined) lines.push(`산입한 근무일: ${workingDays}일`);
  if (calendarDays !== undefined) lines.push(`역일(曆日) 기간: ${calendarDays}일`);
  if (explanation.skipped.length > 0) {
    const skipped = explanation.skipped.map(
      (day) =>
        `${koreanDate(day.date)}${day.from ? ` ${day.from}–${day.to}` : ''} ${day.reasons.map((reason) => koreanReason(reason, day.date)).join(', ')}`,
    );
    lines.push(`제외: ${skipped.join('; ')}`);
  }
  if (explanation.rolledForward) {
    const { from, to } = explanation.rolledForward;
    lines.push(
      `기간의 말일 ${koreanDate(from)}은(는) 근무일이 아니므로 다음 근무일 ${koreanDate(to)}에 만료(민법 제161조)`,
    );
  }
  lines.push(`처리기한: ${koreanInstant(input.dueAt)}`);
  return lines;
}
