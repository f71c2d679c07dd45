/** Activity stubs for the interpreter. Types only cross into the sandbox (docs/conventions.md §2). */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { elementHistory } from './element-history';

/**
 * Hands the pending element history to an activity that names its instance, which writes it before its own
 * work: the history reaches PostgreSQL without an activity of its own.
 */
function carryingHistory<T extends object>(stubs: T): T {
  return new Proxy(stubs, {
    get(target, name) {
      const activity = Reflect.get(target, name) as unknown;
      if (typeof activity !== 'function') return activity;
      return (input: unknown) => {
        const carries = typeof input === 'object' && input !== null && 'instanceId' in input;
        const history = carries ? elementHistory.drain() : undefined;
        return (activity as (arg: unknown) => unknown)(history ? { ...(input as object), history } : input);
      };
    },
  });
}

/** The engine's own activities: retried until the database answers, since losing one would corrupt the queues. */
const engine = carryingHistory(
  proxyActivities<Activities>({
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
  }),
);

/** Writes to the instance index: the instance's end, its incidents, element history and moved deadlines. */
export const instanceIndex: Pick<
  Activities,
  | 'completeInstance'
  | 'cancelInstance'
  | 'recordIncident'
  | 'raiseIncident'
  | 'resolveIncident'
  | 'recordElementHistory'
  | 'recordDeadlineMoved'
  | 'recordSuspension'
> = engine;

/** The work-queue rows of user tasks. */
export const workQueue: Pick<
  Activities,
  'createUserTask' | 'updateUserTaskDueDate' | 'cancelUserTask' | 'completeUserTask'
> = engine;

/** Message and signal correlation: this instance's subscriptions, and what its throw events publish. */
export const correlation: Pick<
  Activities,
  'openSubscription' | 'closeSubscription' | 'publishMessage' | 'broadcastSignal'
> = engine;

/** External jobs' rows: written for workers to activate, withdrawn when the element is left first. */
export const externalJobs: Pick<Activities, 'createExternalJob' | 'cancelExternalJob'> = engine;

/** A call activity's child: its index row written, and the definition it runs. */
export const calledInstances: Pick<Activities, 'prepareCalledInstance'> = engine;

/**
 * DMN decisions, evaluated where the deployed versions are. A decision that fails fails the same way again, so the
 * activity marks it non-retryable and the element goes to an incident at once.
 */
export const decisions: Pick<Activities, 'evaluateDecision'> = engine;

/** Built-in service-task jobs, with the retry count the model gives (zeebe:taskDefinition retries). */
export function jobs(retries: number) {
  return proxyActivities<Activities>({
    startToCloseTimeout: '5 minutes',
    retry: { maximumAttempts: retries, initialInterval: '1 second', backoffCoefficient: 2 },
  });
}
