/**
 * Continue-as-new for long-running instances (loops, repeating timers): before Temporal's history limits, the
 * instance hands its state to a fresh run of itself. It does so only at a quiet moment: every token of the
 * process scope waits at a user task, a timer or a message or signal catch (or has been absorbed into a
 * parallel join), or at such a wait in the iterations of a multi-instance (multi-instance.ts), or in an embedded
 * sub-process every token of which waits so (nested scopes alike), no event sub-process or standard loop body is
 * running, and no update is being handled. The new run restarts those waits as they were: the same task rows, the
 * same timer instants, the same subscriptions, the sub-processes' scopes and variables.
 */
import { workflowInfo } from '@temporalio/workflow';
import type { Variables } from '../shared/feel';
import type { ElementHistoryEntry, ProcessInput } from '../shared/workflow-contract';
import { elementHistory } from './element-history';
import type { EventWaits } from './event-waits';
import type { LegalClockState, LegalTime } from './legal-time';
import type { Suspension } from './suspension';
import type { CompletedActivity, ScopeExecution, TokenStart } from './scope-execution';
import type { TimerAnchor, TimerAnchors } from './triggers';

/** Temporal suggests continuing as new itself (at a few thousand events); this is the fallback threshold. */
const DEFAULT_EVENT_LIMIT = 10_000;

/** A token waiting at an element, as the new run restarts it. */
export interface ParkedToken {
  elementId: string;
  elementInstanceId: string;
  via?: string;
  /**
   * What the element needs to wait again without starting over (a user task's task id and local variables); a
   * sub-process's adds `subProcess`, its scope as a NestedScopeState.
   */
  state: unknown;
}

/** The scope of an embedded sub-process whose every token waits, as the new run rebuilds it. */
export interface NestedScopeState {
  variables: Variables;
  parked: ParkedToken[];
  parallelArrivals: Array<[string, Array<[string, number]>]>;
  completed: CompletedActivity[];
}

/** A token waiting in this run. Its state is read when a snapshot is taken: a sub-process's changes as it waits. */
export interface Parking {
  elementId: string;
  elementInstanceId: string;
  via?: string;
  state: () => unknown;
  /** The scope of the sub-process this token runs: the token waits while every token inside it waits. */
  inner?: ScopeExecution;
  /** False while part of the token still runs (an iteration of a parallel multi-instance). */
  waits?: () => boolean;
}

export interface ResumeState {
  variables: Variables;
  elementInstances: number;
  endElementId?: string;
  parked: ParkedToken[];
  /** Elements where the new run starts fresh tokens (an operator's modification, workflows/modification.ts). */
  starts?: string[];
  parallelArrivals: Array<[string, Array<[string, number]>]>;
  completed: CompletedActivity[];
  timerAnchors: Array<[string, TimerAnchor]>;
  seenEventIds: string[];
  openHistory: ElementHistoryEntry[];
  pendingHistory: ElementHistoryEntry[];
  legalClocks: Array<[string, LegalClockState]>;
  /** Present only when the instance was suspended, so a snapshot of a running instance is as it always was. */
  suspended?: true;
}

export function continueAsNewDue(input: ProcessInput): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || info.historyLength >= (input.continueAsNewAfterEvents ?? DEFAULT_EVENT_LIMIT);
}

export function resumeStateOf(input: ProcessInput): ResumeState | undefined {
  return input.resume as ResumeState | undefined;
}

/** Tokens of a scope waiting where a new run could pick them up again, by element instance. */
export class ParkedTokens {
  private readonly tokens = new Map<string, Parking>();
  private firstPark: (() => void) | undefined;

  /** Runs `callback` once, when the first token parks here. */
  onFirstPark(callback: () => void): void {
    this.firstPark = callback;
  }

  park(token: Parking): void {
    this.tokens.set(token.elementInstanceId, token);
    const first = this.firstPark;
    this.firstPark = undefined;
    first?.();
  }

  unpark(elementInstanceId: string): void {
    this.tokens.delete(elementInstanceId);
  }

  all(): Parking[] {
    return [...this.tokens.values()];
  }
}

/** Every token of the scope waits where a new run can pick it up, inside the sub-processes it runs too. */
export function waitsThroughout(scope: ScopeExecution): boolean {
  const tokens = scope.parked.all();
  return (
    scope.liveTokens() > 0 &&
    tokens.length === scope.liveTokens() &&
    tokens.every((token) => (token.inner === undefined || waitsThroughout(token.inner)) && (token.waits?.() ?? true))
  );
}

/** The waiting tokens of the scope as a snapshot carries them. */
export function carriedTokens(scope: ScopeExecution): ParkedToken[] {
  return scope.parked.all().map(({ elementId, elementInstanceId, via, state, inner }) => ({
    elementId,
    elementInstanceId,
    via,
    state: carriedState(state, inner),
  }));
}

/** A wait's state as a snapshot carries it: with the scope of the sub-process it runs, if any. */
export function carriedState(state: () => unknown, inner: ScopeExecution | undefined): unknown {
  return inner ? { ...(state() as object), subProcess: nestedScopeState(inner) } : state();
}

function nestedScopeState(scope: ScopeExecution): NestedScopeState {
  return {
    variables: scope.localVariables(),
    parked: carriedTokens(scope),
    parallelArrivals: scope.parallelArrivalsSnapshot(),
    completed: [...scope.completed],
  };
}

/** The carried scope of a sub-process, when its token resumes one. */
export function nestedScopeOf(resume: unknown): NestedScopeState | undefined {
  return (resume as { subProcess?: NestedScopeState } | undefined)?.subProcess;
}

/** Takes over a sub-process scope's joins and compensation log; the tokens to restart it with. */
export function restoreNestedScope(scope: ScopeExecution, state: NestedScopeState): TokenStart[] {
  scope.restoreParallelArrivals(state.parallelArrivals);
  scope.completed.push(...state.completed);
  return state.parked.map((token) => ({ elementId: token.elementId, via: token.via, resume: token }));
}

/** What a run holds that the next one takes over. */
export interface RunState {
  root: ScopeExecution;
  anchors: TimerAnchors;
  events: EventWaits;
  legalTime: LegalTime;
  suspension: Suspension;
  elementInstances: number;
  endElementId: string | undefined;
}

/**
 * Every token waits where a new run can pick it up, no subscription is being written, and no firing or delivery is
 * held by a suspension (a delivered message would not reach the new run).
 */
export function canHandOver({ root, events, suspension }: RunState): boolean {
  return waitsThroughout(root) && events.settled() && !suspension.holdsAny();
}

/** The state the new run starts from (the pending history goes with it rather than with an activity). */
export function snapshotOf(run: RunState): ResumeState {
  return {
    variables: run.root.localVariables(),
    elementInstances: run.elementInstances,
    endElementId: run.endElementId,
    parked: carriedTokens(run.root),
    parallelArrivals: run.root.parallelArrivalsSnapshot(),
    completed: [...run.root.completed],
    timerAnchors: run.anchors.entries(),
    seenEventIds: run.events.seenIds(),
    openHistory: elementHistory.openEntries(),
    pendingHistory: elementHistory.drain() ?? [],
    legalClocks: run.legalTime.snapshot().clocks,
    ...(run.suspension.suspended ? { suspended: true as const } : {}),
  };
}

/** Takes over the joins, compensation log, timers, seen events, history and legal clocks of the previous run. */
export function restoreInto(
  run: Omit<RunState, 'elementInstances' | 'endElementId' | 'suspension'>,
  state: ResumeState,
): void {
  run.root.restoreParallelArrivals(state.parallelArrivals);
  run.root.completed.push(...state.completed);
  run.anchors.restore(state.timerAnchors);
  run.events.restoreSeen(state.seenEventIds);
  elementHistory.restore(state.openHistory, state.pendingHistory);
  run.legalTime.restoreClocks(state.legalClocks);
}
