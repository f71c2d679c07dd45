/**
 * 국가공무원 복무규정 §9 (근무시간): general administrative work counted in working hours — 09:00-12:00 and
 * 13:00-18:00 on working days, Saturdays, Sundays and holidays excluded. A start outside working time counts from
 * the next working minute; time that runs out at 12:00 or 18:00 is due then. Only hours: a rule of this kind that
 * needs days names its own statute.
 */
import type { RuleResult, StatutoryRule } from '../deadline';
import { CalendarError } from '../errors';
import { buildExplanation, countedHours } from '../explanation';
import { formatKst } from '../local-date';
import { addWorkingTime } from '../working-time';

const BASIS = '국가공무원 복무규정 제9조';
const HOUR_MS = 60 * 60_000;

export const workingHoursRule: StatutoryRule = {
  title: '근무시간 기준 처리기한',
  basis: BASIS,
  count(context, receivedAt, period): RuleResult {
    if (period.unit !== 'hours') {
      throw new CalendarError(
        'INVALID_INPUT',
        `unit: the working-hours rule counts hours only, not ${period.unit}.`,
        'unit',
      );
    }
    const result = addWorkingTime(context, receivedAt, period.amount * HOUR_MS);
    const explanation = buildExplanation({
      method: `${period.amount}근무시간: 시작 시각부터 근무시간(09:00~12:00, 13:00~18:00)으로 계산, 토요일·공휴일 제외 (${BASIS})`,
      receivedAt,
      countingFrom: formatKst(result.startsAt),
      dueAt: result.dueAt,
      counted: countedHours(result.counted),
      skipped: result.skipped,
      totals: { workingMinutes: period.amount * 60 },
    });
    return { unit: 'working-hours', dueAt: formatKst(result.dueAt), dueAtEpochMs: result.dueAt, explanation };
  },
};
