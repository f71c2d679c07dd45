/**
 * Continue-as-new for long-running instances (loops, repeating timers): before Temporal's history limits, the
 * instance hands its state to a fresh run of itself. It does so only at a quiet moment: every token of the
 * process scope waits at a user task, a timer or a message or signal catch (or has been absorbed into a
 * parallel join), no sub-process or multi-instance body is running, and no update is being handled. The new run
 * restarts those waits as they were: the same task rows, the same timer instants, the same subscriptions.
 */
import { workflowInfo } from '@temporalio/workflow';
import type { Variables } from '../shared/feel';
import type { ElementHistoryEntry, ProcessInput } from '../shared/workflow-contract';
import type { LegalClockState } from './legal-time';
import type { CompletedActivity } from './scope-execution';
import type { TimerAnchor } from './triggers';

/** Temporal suggests continuing as new itself (at a few thousand events); this is the fallback threshold. */
const DEFAULT_EVENT_LIMIT = 10_000;

/** A token waiting at an element, as the new run restarts it. */
export interface ParkedToken {
  elementId: string;
  elementInstanceId: string;
  via?: string;
  /** What the element needs to wait again without starting over (a user task's task id and local variables). */
  state: unknown;
}

export interface ResumeState {
  variables: Variables;
  elementInstances: number;
  endElementId?: string;
  parked: ParkedToken[];
  parallelArrivals: Array<[string, Array<[string, number]>]>;
  completed: CompletedActivity[];
  timerAnchors: Array<[string, TimerAnchor]>;
  seenEventIds: string[];
  openHistory: ElementHistoryEntry[];
  pendingHistory: ElementHistoryEntry[];
  legalClocks: Array<[string, LegalClockState]>;
}

export function continueAsNewDue(input: ProcessInput): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || info.historyLength >= (input.continueAsNewAfterEvents ?? DEFAULT_EVENT_LIMIT);
}

export function resumeStateOf(input: ProcessInput): ResumeState | undefined {
  return input.resume as ResumeState | undefined;
}
