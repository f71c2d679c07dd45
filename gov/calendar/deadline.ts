/**
 * The calculator's entry point: a named statutory rule, a receipt instant, a period and clock-stops in; the due
 * instant and its explanation out. The interpreter will call it for due dates and timers (its result is plain JSON
 * and `dueAtEpochMs` feeds a timer), the API for the task page and letters.
 */
import type { BusinessCalendar } from './business-calendar';
import { clockStops, parseClockStop, validClockStop, type ClockStop } from './clock-stop';
import { CalendarError } from './errors';
import type { Explanation } from './explanation';
import { parseInstant, type Instant } from './local-date';
import { isRuleName, ruleNames, statutoryRules, type RuleName } from './rules';
import { GOVERNMENT_WORKING_TIME, type CountingContext, type WorkingWindow } from './working-time';

export type PeriodUnit = 'hours' | 'days' | 'weeks' | 'months' | 'years';
/** A statutory period: N hours, days, weeks, months or years, or "immediately" (즉시). */
export type Period = { unit: PeriodUnit; amount: number } | { unit: 'immediately' };

/** How the rule counted the period. */
export type CountingUnit = 'working-hours' | 'working-days' | 'calendar';

export interface DeadlineRequest {
  rule: string;
  /** The receipt instant: epoch milliseconds, or ISO 8601 with an offset. */
  receivedAt: Instant | string;
  period: Period;
  /** Clock-stops: ClockStop data, or strings 'YYYY-MM-DD/YYYY-MM-DD' or '<ISO>/<ISO>'. */
  excluded?: ReadonlyArray<ClockStop | string>;
}

export interface Deadline {
  rule: RuleName;
  period: Period;
  unit: CountingUnit;
  /** ISO 8601 in +09:00. */
  dueAt: string;
  dueAtEpochMs: number;
  explanation: Explanation;
}

/** What a rule's counting returns; computeDeadline adds the rule and the period. */
export type RuleResult = Pick<Deadline, 'unit' | 'dueAtEpochMs' | 'dueAt' | 'explanation'>;

export interface StatutoryRule {
  /** e.g. '민원 처리기간' */
  title: string;
  /** The law the rule implements, e.g. '민원 처리에 관한 법률 시행령 제19조'. */
  basis: string;
  /** The working time of a working day; the government's 09:00-12:00 and 13:00-18:00 when not given. */
  windows?: readonly WorkingWindow[];
  count(context: CountingContext, receivedAt: Instant, period: Period): RuleResult;
}

export function computeDeadline(calendar: BusinessCalendar, request: DeadlineRequest): Deadline {
  if (!isRuleName(request.rule)) {
    throw new CalendarError(
      'UNKNOWN_RULE',
      `rule: '${request.rule}' is not a known rule; known rules: ${ruleNames.join(', ')}.`,
      'rule',
    );
  }
  const rule: StatutoryRule = statutoryRules[request.rule];
  const receivedAt =
    typeof request.receivedAt === 'string' ? parseInstant(request.receivedAt, 'receivedAt') : request.receivedAt;
  if (!Number.isFinite(receivedAt))
    throw new CalendarError('INVALID_INPUT', 'receivedAt: not a valid instant.', 'receivedAt');
  const period = validPeriod(request.period);
  const stops = (request.excluded ?? []).map((stop) =>
    typeof stop === 'string' ? parseClockStop(stop) : validClockStop(stop),
  );
  const context: CountingContext = {
    calendar,
    stops: clockStops(stops),
    windows: rule.windows ?? GOVERNMENT_WORKING_TIME,
  };
  return { rule: request.rule, period, ...rule.count(context, receivedAt, period) };
}

function validPeriod(period: Period): Period {
  if (period.unit === 'immediately') return period;
  if (!Number.isInteger(period.amount) || period.amount < 1) {
    throw new CalendarError(
      'INVALID_INPUT',
      `${period.unit}: a period is a whole number of at least 1, not ${String(period.amount)}.`,
      period.unit,
    );
  }
  return period;
}
