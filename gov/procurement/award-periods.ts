/**
 * The periods that run from an award (낙찰): the contract within 10 days (국가계약법 시행령 §48) and the objection
 * window (국가계약법 §110: 20 days of the event, 15 of knowing it). Calendar days as 민법 counts them: the day of the
 * event is not counted (§157), the period ends at 24:00 of its last day, and a last day that is not a working day
 * rolls forward (§161). Pure: the caller hands in the business calendar (docs/procurement.md).
 */
import type { BusinessCalendar } from '../calendar';
import { addDays, formatKst, kstDate, kstInstant, type Instant, type LocalDate } from '../calendar/local-date';

export const CONTRACT_DAYS = 10;
export const OBJECTION_DAYS_OF_EVENT = 20;
export const OBJECTION_DAYS_OF_KNOWLEDGE = 15;
/** 입찰보증금 and 계약보증금 as percentages of the price. */
export const BID_BOND_PERCENT = 5;
export const PERFORMANCE_BOND_PERCENT = 10;
/** 적격심사 통과점수 ⚠ (the usual 85 of 100; each kind's own 기준 must be checked). */
export const QUALIFICATION_PASS_SCORE = 85;

export interface PeriodEnd {
  /** The last day, after any roll-forward. */
  lastDay: LocalDate;
  /** 24:00 of the last day in Korea, as an ISO 8601 instant with +09:00. */
  endsAt: string;
}

/** The end of a period of `days` calendar days after the day of `from`. */
export function calendarDaysAfter(calendar: BusinessCalendar, from: Instant, days: number): PeriodEnd {
  let lastDay = addDays(kstDate(from), days);
  while (!calendar.isWorkingDay(lastDay)) lastDay = addDays(lastDay, 1);
  return { lastDay, endsAt: formatKst(kstInstant(addDays(lastDay, 1), 0)) };
}

/** The contract deadline of an award, with its explanation. */
export function contractDeadline(calendar: BusinessCalendar, awardedAt: Instant): PeriodEnd & { explanation: string } {
  const end = calendarDaysAfter(calendar, awardedAt, CONTRACT_DAYS);
  return {
    ...end,
    explanation:
      `국가계약법 시행령 §48: 낙찰자는 낙찰 통지를 받은 날부터 ${CONTRACT_DAYS}일 이내에 계약을 체결하여야 합니다. ` +
      `초일을 빼고 세어 ${end.lastDay} 24:00까지이며(민법 §157, §161), 기한을 넘기면 입찰보증금은 국고에 귀속됩니다.`,
  };
}

/**
 * The objection window of an award notice: both periods run, and whichever ends first closes it. The bidders are
 * notified at the award, so they know of it that day. ⚠ The rules mark these periods to be checked.
 */
export function objectionWindow(
  calendar: BusinessCalendar,
  eventAt: Instant,
  knownAt: Instant,
): PeriodEnd & { explanation: string } {
  const ofEvent = calendarDaysAfter(calendar, eventAt, OBJECTION_DAYS_OF_EVENT);
  const ofKnowledge = calendarDaysAfter(calendar, knownAt, OBJECTION_DAYS_OF_KNOWLEDGE);
  const end = ofKnowledge.endsAt < ofEvent.endsAt ? ofKnowledge : ofEvent;
  return {
    ...end,
    explanation:
      `국가계약법 §110: 이의신청은 그 행위가 있은 날부터 ${OBJECTION_DAYS_OF_EVENT}일(${ofEvent.lastDay}까지) 또는 ` +
      `안 날부터 ${OBJECTION_DAYS_OF_KNOWLEDGE}일(${ofKnowledge.lastDay}까지) 이내에 하여야 하며, ` +
      `낙찰 통지로 안 날을 기준으로 먼저 끝나는 ${end.lastDay} 24:00까지 받습니다.`,
  };
}

/** The least bond of a price at a percentage, in whole won rounded up (a bond never falls short by a fraction). */
export function bondFor(price: number, percent: number): number {
  return Math.ceil((price * percent) / 100);
}
