/**
 * Legal time inside an instance: the business calendar (statutory holidays plus the administrators' declared and
 * withdrawn days, handed in as data and updated by the calendarChanged signal), named legal clocks that the
 * process stops and resumes (gov:legalClock), and the FEEL function
 * `legal deadline(rule, received at, amount, unit[, clock])` that models use for due dates and timers.
 * Whatever waits on a legal deadline watches `version` and counts again when the calendar or a clock changes.
 */
import {
  CalendarError,
  computeDeadline,
  createBusinessCalendar,
  type BusinessCalendar,
  type CalendarOverrides,
  type PeriodUnit,
} from '../gov/calendar';
import { FeelEvaluationError } from '../shared/feel';
import { instanceIndex } from './activities';

const PERIOD_UNITS: readonly string[] = ['hours', 'days', 'weeks', 'months', 'years'];

export interface LegalClockState {
  /** Stopped spans, 'ISO/ISO', excluded from every deadline counted on this clock. */
  stops: string[];
  stoppedSince?: number;
}

const iso = (epochMs: number) => new Date(epochMs).toISOString();
/** Legal clocks stop and resume on whole minutes, as deadlines are counted in working minutes. */
const minuteNow = () => Math.floor(Date.now() / 60_000) * 60_000;

export class LegalTime {
  private calendar: BusinessCalendar;
  private readonly clocks = new Map<string, LegalClockState>();
  /** The clocks read by the expressions evaluated inside track(). */
  private readClocks = new Set<string>();
  /** Bumped at every change of the calendar or of a clock. */
  version = 0;

  constructor(
    private readonly instanceId: string,
    private overrides: CalendarOverrides = {},
  ) {
    this.calendar = createBusinessCalendar(overrides);
  }

  /** What continue-as-new carries over: the calendar changes received and every legal clock. */
  snapshot(): { overrides: CalendarOverrides; clocks: Array<[string, LegalClockState]> } {
    return {
      overrides: this.overrides,
      clocks: [...this.clocks.entries()].map(([name, state]) => [name, { ...state, stops: [...state.stops] }]),
    };
  }

  restoreClocks(clocks: Array<[string, LegalClockState]>): void {
    for (const [name, state] of clocks) this.clocks.set(name, { ...state, stops: [...state.stops] });
  }

  update(overrides: CalendarOverrides): void {
    this.overrides = overrides;
    this.calendar = createBusinessCalendar(overrides);
    this.version += 1;
  }

  stop(clock: string): void {
    const state = this.clock(clock);
    if (state.stoppedSince !== undefined) return;
    state.stoppedSince = minuteNow();
    this.version += 1;
  }

  resume(clock: string): void {
    const state = this.clock(clock);
    if (state.stoppedSince === undefined) return;
    const now = minuteNow();
    if (now > state.stoppedSince) state.stops.push(`${iso(state.stoppedSince)}/${iso(now)}`);
    state.stoppedSince = undefined;
    this.version += 1;
  }

  /** Runs an evaluation and tells whether it counted on a clock that is stopped now (its result is not final). */
  track<T>(evaluate: () => T): { result: T; onStoppedClock: boolean } {
    this.readClocks = new Set();
    const result = evaluate();
    const onStoppedClock = [...this.readClocks].some((name) => this.clocks.get(name)?.stoppedSince !== undefined);
    return { result, onStoppedClock };
  }

  /** Records on the instance that a due date or a timer of one of its elements moved. */
  async recordMove(elementId: string, what: 'due date' | 'timer', from: string, to: string): Promise<void> {
    await instanceIndex.recordDeadlineMoved({ instanceId: this.instanceId, elementId, what, from, to });
  }

  /** The FEEL functions every expression of the instance can call. */
  feelFunctions(): Record<string, (...args: unknown[]) => unknown> {
    return {
      'legal deadline': (rule, receivedAt, amount, unit, clock) => this.deadline(rule, receivedAt, amount, unit, clock),
    };
  }

  private clock(name: string): LegalClockState {
    const state = this.clocks.get(name) ?? { stops: [] };
    this.clocks.set(name, state);
    return state;
  }

  private deadline(rule: unknown, receivedAt: unknown, amount: unknown, unit: unknown, clock: unknown): string {
    const args = [rule, receivedAt, amount, unit, ...(clock === undefined || clock === null ? [] : [clock])];
    const expression = `legal deadline(${args.map((arg) => JSON.stringify(arg)).join(', ')})`;
    const received =
      typeof receivedAt === 'object' && receivedAt !== null && 'toISO' in receivedAt
        ? (receivedAt as { toISO(): string }).toISO()
        : receivedAt;
    if (typeof rule !== 'string' || typeof received !== 'string') {
      throw new FeelEvaluationError(
        expression,
        `${expression}: give a rule name and the receipt date-time with its offset`,
      );
    }
    const period =
      unit === 'immediately'
        ? ({ unit: 'immediately' } as const)
        : PERIOD_UNITS.includes(String(unit))
          ? { unit: unit as PeriodUnit, amount: Number(amount) }
          : undefined;
    if (!period)
      throw new FeelEvaluationError(
        expression,
        `${expression}: the unit must be one of ${PERIOD_UNITS.join(', ')} or immediately`,
      );
    try {
      return computeDeadline(this.calendar, { rule, receivedAt: received, period, excluded: this.excluded(clock) })
        .dueAt;
    } catch (error) {
      if (error instanceof CalendarError) throw new FeelEvaluationError(expression, `${expression}: ${error.message}`);
      throw error;
    }
  }

  /** The stopped spans of a clock; a clock stopped now counts as stopped until now (the due date if it resumed now). */
  private excluded(clock: unknown): string[] {
    if (clock === undefined || clock === null) return [];
    if (typeof clock !== 'string')
      throw new FeelEvaluationError(
        'legal deadline',
        `the legal clock must be named by a string, not ${JSON.stringify(clock)}`,
      );
    const name = clock;
    this.readClocks.add(name);
    const state = this.clocks.get(name);
    if (!state) return [];
    const now = minuteNow();
    const stoppedUntilNow = state.stoppedSince !== undefined && now > state.stoppedSince;
    return stoppedUntilNow ? [...state.stops, `${iso(state.stoppedSince ?? 0)}/${iso(now)}`] : state.stops;
  }
}
