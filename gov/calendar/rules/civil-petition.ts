/**
 * 민원 처리에 관한 법률 시행령 §19 (처리기간의 계산):
 *  ① 5 days or less: counted in working hours from the receipt instant, 1 day = 8 working hours, Saturdays and
 *     holidays excluded; a receipt outside working time starts at the next working minute. "Immediately" (즉시) is
 *     3 working hours, and a period in hours is counted the same way.
 *  ② 6 days or more: counted in working days, the first day included, Saturdays and holidays excluded; due at the
 *     end of the last day's working time (18:00).
 *  ③ weeks, months, years: on the calendar, the first day included, 민법 §159-161 (roll forward to a working day).
 */
import { countCalendarPeriod, type CalendarUnit } from '../civil-code';
import type { RuleResult, StatutoryRule } from '../deadline';
import { buildExplanation, countedDays, countedHours } from '../explanation';
import { dayNumber, formatKst, kstDate, kstInstant, type Instant } from '../local-date';
import { addWorkingTime, countWorkingDays, type CountingContext } from '../working-time';

const BASIS = '민원 처리에 관한 법률 시행령 제19조';
const HOUR_MS = 60 * 60_000;
/** §19①: a period of this many days or fewer is counted in working hours. */
const MAX_DAYS_IN_HOURS = 5;
const HOURS_PER_DAY = 8;
const IMMEDIATELY_HOURS = 3;
const UNIT_NAMES = { weeks: '주', months: '개월', years: '년' } as const;

export const civilPetitionRule: StatutoryRule = {
  title: '민원 처리기간',
  basis: BASIS,
  count(context, receivedAt, period) {
    switch (period.unit) {
      case 'immediately':
        return inWorkingHours(
          context,
          receivedAt,
          IMMEDIATELY_HOURS,
          `즉시 처리: 접수 시각부터 ${IMMEDIATELY_HOURS}근무시간 (${BASIS})`,
        );
      case 'hours':
        return inWorkingHours(
          context,
          receivedAt,
          period.amount,
          `처리기간 ${period.amount}시간: 접수 시각부터 근무시간으로 계산, 토요일·공휴일 제외 (${BASIS}제1항)`,
        );
      case 'days':
        return period.amount <= MAX_DAYS_IN_HOURS
          ? inWorkingHours(
              context,
              receivedAt,
              period.amount * HOURS_PER_DAY,
              `처리기간 ${period.amount}일: 5일 이하이므로 접수 시각부터 근무시간 ${period.amount * HOURS_PER_DAY}시간으로 계산(1일 = 8시간), 토요일·공휴일 제외 (${BASIS}제1항)`,
            )
          : inWorkingDays(context, receivedAt, period.amount);
      case 'weeks':
      case 'months':
      case 'years':
        return onCalendar(context, receivedAt, period.unit, period.amount);
    }
  },
};

function inWorkingHours(context: CountingContext, receivedAt: Instant, hours: number, method: string): RuleResult {
  const result = addWorkingTime(context, receivedAt, hours * HOUR_MS);
  const explanation = buildExplanation({
    method,
    receivedAt,
    countingFrom: formatKst(result.startsAt),
    dueAt: result.dueAt,
    counted: countedHours(result.counted),
    skipped: result.skipped,
    totals: { workingMinutes: hours * 60 },
  });
  return { unit: 'working-hours', dueAt: formatKst(result.dueAt), dueAtEpochMs: result.dueAt, explanation };
}

function inWorkingDays(context: CountingContext, receivedAt: Instant, days: number): RuleResult {
  const result = countWorkingDays(context, receivedAt, days);
  const lastDay = result.counted[result.counted.length - 1] as string;
  const dueAt = endOfWorkingDay(context, lastDay);
  const explanation = buildExplanation({
    method: `처리기간 ${days}일: 6일 이상이므로 일 단위로 계산, 첫날 산입, 토요일·공휴일 제외, 마지막 날 근무시간 종료 시 만료 (${BASIS}제2항)`,
    receivedAt,
    countingFrom: result.counted[0] as string,
    dueAt,
    counted: countedDays(result.counted),
    skipped: result.skipped,
    totals: { workingDays: days },
  });
  return { unit: 'working-days', dueAt: formatKst(dueAt), dueAtEpochMs: dueAt, explanation };
}

function onCalendar(context: CountingContext, receivedAt: Instant, unit: CalendarUnit, amount: number): RuleResult {
  const first = kstDate(receivedAt);
  const result = countCalendarPeriod(context, first, unit, amount);
  const dueAt = endOfWorkingDay(context, result.lastDay);
  const explanation = buildExplanation({
    method: `처리기간 ${amount}${UNIT_NAMES[unit]}: 첫날을 산입하여 역(曆)에 따라 계산, 말일이 토요일·공휴일이면 다음 근무일에 만료 (${BASIS}제3항, 민법 제159조~제161조)`,
    receivedAt,
    countingFrom: first,
    dueAt,
    counted: [],
    skipped: result.skipped,
    totals: { calendarDays: dayNumber(result.calendarLastDay) - dayNumber(first) + 1 },
    ...(result.lastDay !== result.extendedLastDay
      ? { rolledForward: { from: result.extendedLastDay, to: result.lastDay } }
      : {}),
  });
  return { unit: 'calendar', dueAt: formatKst(dueAt), dueAtEpochMs: dueAt, explanation };
}

/** The end of the day's working time (18:00 for the government's hours). */
function endOfWorkingDay(context: CountingContext, date: string): Instant {
  const last = context.windows[context.windows.length - 1];
  return kstInstant(date, last ? last.to : 24 * 60);
}
