/**
 * Legal time inside an instance: the business calendar (statutory holidays plus the administrators' declared and
 * withdrawn days, handed in as data and updated by the calendarChanged signal) and the FEEL function
 * `legal deadline(rule, received at, amount, unit)` that models use for due dates and timers. Whatever waits on
 * a legal deadline watches `version` and counts again when the calendar changes.
 */
import { CalendarError, computeDeadline, createBusinessCalendar, type BusinessCalendar, type CalendarOverrides, type PeriodUnit } from '../gov/calendar';
import { FeelEvaluationError } from '../shared/feel';
import { projections } from './activities';

const PERIOD_UNITS: readonly string[] = ['hours', 'days', 'weeks', 'months', 'years'];

export class LegalTime {
  private calendar: BusinessCalendar;
  /** Bumped at every calendar change. */
  version = 0;

  constructor(
    private readonly instanceId: string,
    private overrides: CalendarOverrides = {},
  ) {
    this.calendar = createBusinessCalendar(overrides);
  }

  /** Records on the instance that a calendar change moved a due date or a timer of one of its elements. */
  async recordMove(elementId: string, what: 'due date' | 'timer', from: string, to: string): Promise<void> {
    await projections.recordDeadlineMoved({ instanceId: this.instanceId, elementId, what, from, to });
  }

  currentOverrides(): CalendarOverrides {
    return this.overrides;
  }

  update(overrides: CalendarOverrides): void {
    this.overrides = overrides;
    this.calendar = createBusinessCalendar(overrides);
    this.version += 1;
  }

  /** The FEEL functions every expression of the instance can call. */
  feelFunctions(): Record<string, (...args: unknown[]) => unknown> {
    return { 'legal deadline': (rule, receivedAt, amount, unit) => this.deadline(rule, receivedAt, amount, unit) };
  }

  private deadline(rule: unknown, receivedAt: unknown, amount: unknown, unit: unknown): string {
    const expression = `legal deadline(${[rule, receivedAt, amount, unit].map((arg) => JSON.stringify(arg)).join(', ')})`;
    const received = typeof receivedAt === 'object' && receivedAt !== null && 'toISO' in receivedAt ? (receivedAt as { toISO(): string }).toISO() : receivedAt;
    if (typeof rule !== 'string' || typeof received !== 'string') {
      throw new FeelEvaluationError(expression, `${expression}: give a rule name and the receipt date-time with its offset`);
    }
    try {
      const period =
        unit === 'immediately'
          ? ({ unit: 'immediately' } as const)
          : PERIOD_UNITS.includes(String(unit))
            ? { unit: unit as PeriodUnit, amount: Number(amount) }
            : undefined;
      if (!period) throw new FeelEvaluationError(expression, `${expression}: the unit must be one of ${PERIOD_UNITS.join(', ')} or immediately`);
      return computeDeadline(this.calendar, { rule, receivedAt: received, period }).dueAt;
    } catch (error) {
      if (error instanceof CalendarError) throw new FeelEvaluationError(expression, `${expression}: ${error.message}`);
      throw error;
    }
  }
}
