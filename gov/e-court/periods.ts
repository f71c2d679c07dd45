/**
 * The periods of a civil case after filing (docs/e-court.md), counted in calendar time from the instant the event
 * happened: the court's periods run by days, not working days, and the process fires at the instant they end.
 */
import { isLocalDate, kstInstant } from '../calendar/local-date';

const DAY_MS = 24 * 60 * 60 * 1000;

/** 전자문서법 §11④: a complaint not opened within 7 days of the notice is deemed served when they have passed. */
export const DEEMED_SERVICE_DAYS = 7;
/** 민사소송법 §256①: the defendant answers within 30 days of service. */
export const ANSWER_DAYS = 30;
/** The hour a judgment without hearing is pronounced on the day the judge sets (14:00 in Korea). */
export const JUDGMENT_MINUTE_OF_DAY = 14 * 60;

/** The instant `days` whole days after `from` (a 보정 period the judge sets is counted the same way). */
export function daysAfter(from: Date, days: number): Date {
  return new Date(from.getTime() + days * DAY_MS);
}

export const deemedServedAt = (noticedAt: Date): Date => daysAfter(noticedAt, DEEMED_SERVICE_DAYS);

export const answerDueAt = (servedAt: Date): Date => daysAfter(servedAt, ANSWER_DAYS);

/** The pronouncement instant on a Korean date, or undefined for text that is no date. */
export function judgmentInstant(date: string): Date | undefined {
  return isLocalDate(date) ? new Date(kstInstant(date, JUDGMENT_MINUTE_OF_DAY)) : undefined;
}
