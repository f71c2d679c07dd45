/**
 * The Temporal contract between api/ and workflows/, declared once: workflow type, task queue, updates, queries
 * and their payloads. Both sides import these definitions, so a rename cannot drift.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CalendarOverrides } from '../gov/calendar';
import type { EngineLimits } from './engine-limits';
import type { ProcessGraph, TimerDefinition } from './graph';
import type { Variables } from './feel';

export const PROCESS_WORKFLOW = 'runProcess';

export interface ProcessInput {
  instanceId: string;
  definition: { id: string; processId: string; version: number };
  graph: ProcessGraph;
  variables: Variables;
  businessKey?: string;
  /** The administrators' declared and withdrawn holidays at the start, for models that count legal time. */
  calendar?: CalendarOverrides;
  /** A triggered start event (message, signal, timer) to start at instead of the none start event. */
  startElementId?: string;
  /** Set when a call activity started this instance: an uncaught BPMN error then goes to the caller. */
  parent?: { instanceId: string; elementInstanceId: string };
  /** The state a previous run handed over when it continued as new (workflows/continue-as-new.ts). */
  resume?: unknown;
  /** Continue as new once history holds this many events (Temporal's own suggestion applies anyway). */
  continueAsNewAfterEvents?: number;
  /**
   * Started by an engine whose writes are local activities (patch 'lean-projections'): the run takes that patch and
   * every one before it without asking patched() (workflows/patches.ts). Absent in instances started before.
   */
  startedLean?: boolean;
  /** The engine's limits when the instance started (shared/engine-limits.ts); absent in instances started before. */
  limits?: EngineLimits;
}

export interface ProcessResult {
  endElementId: string;
  variables: Variables;
}

export interface CompleteTaskInput {
  taskId: string;
  variables: Variables;
  /** Username of the person completing the task, for the task row and the audit trail. */
  completedBy: string;
}

export interface CompleteTaskResult {
  taskId: string;
}

/** Failure types the workflow raises and the API maps to HTTP statuses. */
export const FailureType = {
  TaskNotOpen: 'TaskNotOpen',
  InvalidVariables: 'InvalidVariables',
  Incident: 'Incident',
  IncidentNotOpen: 'IncidentNotOpen',
  /** A BPMN error no element of a called process caught: the calling activity gets it (details: [{ errorCode }]). */
  BpmnError: 'BpmnError',
  /** A modification or migration the instance's state refuses (details: [{ elementId }]). */
  ChangeRefused: 'ChangeRefused',
  /** A modification or migration while a token is not at a wait (a sub-process, a multi-instance body runs). */
  InstanceBusy: 'InstanceBusy',
  /** A suspended instance refuses task completions, incident retries and a second suspend. */
  InstanceSuspended: 'InstanceSuspended',
  /** Resuming an instance that is not suspended. */
  InstanceNotSuspended: 'InstanceNotSuspended',
  /** An outcome for an external job the instance is not waiting for (ended, left, or already given one). */
  JobNotWaiting: 'JobNotWaiting',
  /** Variables an update would set take the instance over the size limit (shared/variables.ts). */
  VariablesTooLarge: 'VariablesTooLarge',
} as const;

export const completeTaskUpdate = defineUpdate<CompleteTaskResult, [CompleteTaskInput]>('completeTask');
export interface CancelInstanceInput {
  reason: string;
  /** Username of the person cancelling, for the index and the audit trail. */
  cancelledBy: string;
}

/** Hands over why an instance is being cancelled; the API then cancels the workflow itself. */
export const cancelInstanceUpdate = defineUpdate<void, [CancelInstanceInput]>('cancelInstance');

export interface SuspendInstanceInput {
  /** Username of the operator, for the audit trail. */
  by: string;
  reason?: string;
}

/** Holds every token of the instance where it is (timers and messages that come due wait) until resumed. */
export const suspendInstanceUpdate = defineUpdate<void, [SuspendInstanceInput]>('suspendInstance');
/** Lets a suspended instance move again: what came due while it was held happens now, once. */
export const resumeInstanceUpdate = defineUpdate<void, [SuspendInstanceInput]>('resumeInstance');

/** The business calendar changed (a holiday declared or withdrawn): legal deadlines and their timers move. */
export const calendarChangedSignal = defineSignal<[CalendarOverrides]>('calendarChanged');
export const openTasksQuery = defineQuery<string[]>('openTasks');
export const variablesQuery = defineQuery<Variables>('variables');

/** One element instance's lifecycle, as the interpreter reports it for the element history table. */
export interface ElementHistoryEntry {
  elementInstanceId: string;
  elementId: string;
  /** Graph element type, or the BPMN type a pass-through or job element was compiled from. */
  elementType: string;
  /** The element instance of the enclosing sub-process (or multi-instance body); none: the process. */
  scopeInstanceId?: string;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED' | 'INCIDENT';
  /** ISO 8601, the workflow's deterministic clock. */
  startedAt: string;
  endedAt?: string;
}

/** Activities may carry the element history gathered since the last activity (written before their own work). */
export interface CarriesHistory {
  instanceId: string;
  history?: ElementHistoryEntry[];
}

/** A published message handed to an instance with a matching open subscription. */
export interface MessageDelivery {
  /** Unique per published message: an instance ignores a second delivery of the same message. */
  messageId: string;
  name: string;
  correlationKey?: string;
  variables: Variables;
}

/** A broadcast signal handed to an instance with a matching open subscription. */
export interface SignalDelivery {
  signalId: string;
  name: string;
  variables: Variables;
}

/** An escalation no element of a called process caught, handed to the calling activity (as Zeebe propagates it). */
export interface ChildEscalation {
  /** The call activity's element instance in the calling process. */
  elementInstanceId: string;
  escalationCode: string;
}

export const childEscalationSignal = defineSignal<[ChildEscalation]>('childEscalation');
export const deliverMessageSignal = defineSignal<[MessageDelivery]>('deliverMessage');
export const deliverSignalSignal = defineSignal<[SignalDelivery]>('deliverSignal');

export interface ResolveIncidentInput {
  incidentId: string;
  /** Set before the element is retried (fixing the data the incident was about). */
  variables?: Variables;
  resolvedBy: string;
}

/** Retries the element an incident stopped at; returns once the incident row is resolved. */
export const resolveIncidentUpdate = defineUpdate<void, [ResolveIncidentInput]>('resolveIncident');

/** Subscriptions an instance opens while an element waits for a message or signal (projected to PostgreSQL). */
export interface OpenSubscriptionInput extends CarriesHistory {
  elementInstanceId: string;
  elementId: string;
  kind: 'message' | 'signal';
  name: string;
  correlationKey?: string;
}

/** The timer-start workflow: one per timer start event of the latest version of a process. */
export const TIMER_START_WORKFLOW = 'runTimerStart';

export interface TimerStartInput {
  definitionId: string;
  processId: string;
  elementId: string;
  timer: TimerDefinition;
  /** The engine's limits at the deploy (shared/engine-limits.ts); absent in timer starts scheduled before. */
  limits?: EngineLimits;
}

export const timerStartWorkflowId = (processId: string, elementId: string) => `timer-start:${processId}:${elementId}`;

/** The notifier: one looping workflow per task queue that scans for due notification mail. */
export const NOTIFICATION_DISPATCHER_WORKFLOW = 'runNotificationDispatcher';

export interface NotificationDispatcherInput {
  /** Time between the end of one scan and the start of the next. */
  intervalMs: number;
  reminderWorkingDays: number;
  progressNoticeDays: number;
}

/** New settings for a running notifier (a worker started with a changed configuration). */
export const notificationSettingsSignal = defineSignal<[NotificationDispatcherInput]>('notificationSettings');

export const notificationDispatcherWorkflowId = (taskQueue: string) => `notification-dispatcher:${taskQueue}`;

/** One 예고문 scan (docs/classified.md), started by a Temporal schedule per task queue. */
export const CLASSIFIED_REVIEW_WORKFLOW = 'runClassifiedReview';

export const classifiedReviewScheduleId = (taskQueue: string) => `classified-review:${taskQueue}`;

/** Cancels the tokens waiting at elements and starts new ones at others (workflows/modification.ts). */
export interface ModifyInstanceInput {
  /** Elements whose waiting tokens are cancelled (task rows withdrawn, subscriptions closed). */
  cancel: string[];
  /** Elements of the process scope where new tokens start, each with variables set first. */
  start: Array<{ elementId: string; variables?: Variables }>;
  /** Set in the process scope before the new tokens start. */
  variables?: Variables;
  /** Cancelling every token without starting one ends the instance only when this is set. */
  allowEnd?: boolean;
  modifiedBy: string;
}

export const modifyInstanceUpdate = defineUpdate<void, [ModifyInstanceInput]>('modifyInstance');

/** Moves the instance to a newer version of its process (workflows/migration.ts). */
export interface MigrateInstanceInput {
  definition: ProcessInput['definition'];
  /** The target version's graph, carried in the update so that the run it continues as is deterministic. */
  graph: ProcessGraph;
  /** Old element id → new element id; ids present in both versions map to themselves. */
  mapping: Record<string, string>;
  migratedBy: string;
}

export interface MigrateInstanceResult {
  /** Each waiting element instance and the element it now waits at. */
  moved: Array<{ elementInstanceId: string; from: string; to: string }>;
}

export const migrateInstanceUpdate = defineUpdate<MigrateInstanceResult, [MigrateInstanceInput]>('migrateInstance');
/** The batch workflow: one per batch operation (engine/batches.ts), working its items in chunks. */
export const BATCH_WORKFLOW = 'runBatch';

export interface BatchInput {
  batchId: string;
}

export const batchWorkflowId = (batchId: string) => `batch:${batchId}`;

/** How an external job ended, as its worker reported it (engine/external-jobs.ts). */
export type JobOutcome =
  | { kind: 'completed'; variables: Variables }
  | { kind: 'errorThrown'; errorCode: string; errorMessage: string; variables: Variables }
  /** Failed with no retries left: the element goes to an incident. */
  | { kind: 'failed'; errorMessage: string };

export interface JobOutcomeInput {
  jobKey: string;
  /** The key the workflow wrote the job row under, known to it before the row exists. */
  idempotencyKey: string;
  outcome: JobOutcome;
}

/** Hands an external job's terminal outcome to the element waiting for it; refused for a job it is not waiting for. */
export const jobOutcomeUpdate = defineUpdate<void, [JobOutcomeInput]>('jobOutcome');

/** One update id per job: a repeated call (a retry after a lost answer) is the same update, delivered once. */
export const jobOutcomeUpdateId = (jobKey: string) => `job-outcome:${jobKey}`;
