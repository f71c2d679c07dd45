/**
 * The periods of an objection (이의신청) against a petition decision, 민원 처리에 관한 법률 §35: the petitioner
 * objects within 60 days of the decision notice; the agency decides within 10 days and may extend once by 10. The
 * petitioner's 60 days run on the calendar as 민법 §157 and §161 count them (the notice day not counted, a last
 * day off rolled forward); the agency's 10 are a processing period, counted by the calendar's civil-petition rule
 * (the process model calls `legal deadline`). Pure, so the API, the worker and a workflow may call it.
 */
import type { BusinessCalendar, Instant, LocalDate } from '../calendar';
import { addDays, kstDate } from '../calendar/local-date';

export const OBJECTION_PERIOD_DAYS = 60;
export const OBJECTION_DECISION_DAYS = 10;
/** The one extension allowed, of at most the original length. */
export const OBJECTION_EXTENSION_DAYS = 10;

/** The last day on which an objection to a decision notified at `notifiedAt` may be filed. */
export function lastDayToObject(calendar: BusinessCalendar, notifiedAt: Instant): LocalDate {
  let day = addDays(kstDate(notifiedAt), OBJECTION_PERIOD_DAYS);
  while (!calendar.isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/** Whether an objection filed at `filedAt` is in time, and the last day it could have been. */
export function objectionTimeliness(
  calendar: BusinessCalendar,
  notifiedAt: Instant,
  filedAt: Instant,
): { inTime: boolean; lastDay: LocalDate } {
  const lastDay = lastDayToObject(calendar, notifiedAt);
  return { inTime: kstDate(filedAt) <= lastDay, lastDay };
}
