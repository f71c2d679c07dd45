/**
 * The Temporal contract between api/ and workflows/, declared once: workflow type, task queue, updates, queries
 * and their payloads. Both sides import these definitions, so a rename cannot drift.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CalendarOverrides } from '../gov/calendar';
import type { ProcessGraph } from './graph';
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
} as const;

export const completeTaskUpdate = defineUpdate<CompleteTaskResult, [CompleteTaskInput]>('completeTask');
export interface CancelInstanceInput {
  reason: string;
  /** Username of the person cancelling, for the index and the audit trail. */
  cancelledBy: string;
}

/** Hands over why an instance is being cancelled; the API then cancels the workflow itself. */
export const cancelInstanceUpdate = defineUpdate<void, [CancelInstanceInput]>('cancelInstance');

/** The business calendar changed (a holiday declared or withdrawn): legal deadlines and their timers move. */
export const calendarChangedSignal = defineSignal<[CalendarOverrides]>('calendarChanged');
export const openTasksQuery = defineQuery<string[]>('openTasks');
export const variablesQuery = defineQuery<Variables>('variables');
