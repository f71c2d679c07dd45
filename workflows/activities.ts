/** Activity stubs for the interpreter. Types only cross into the sandbox (docs/conventions.md §2). */
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { elementHistory } from './element-history';
import { hasPatch } from './patches';

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

/** The engine's own writes are retried until the database answers, since losing one would corrupt the queues. */
const untilTheDatabaseAnswers = { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 };

/** As histories recorded before 'lean-projections' have them: each write a full activity and a round trip. */
const asActivities = carryingHistory(
  proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: untilTheDatabaseAnswers }),
);

/**
 * Local activities: run by this worker inside the workflow task that asks for them, one marker event each and no
 * round trip to the server. A retry whose backoff would pass the threshold waits on a server timer instead of
 * holding the workflow task. A worker that dies before the task completes runs them again: every write is idempotent.
 */
const asLocalActivities = carryingHistory(
  proxyLocalActivities<Activities>({
    startToCloseTimeout: '30 seconds',
    localRetryThreshold: '10 seconds',
    retry: untilTheDatabaseAnswers,
  }),
);

/**
 * Whether this run's writes are local activities: always in instances started lean, and from the next step on in
 * instances started before (patch 'lean-projections'). Histories recorded before the patch replay with full
 * activities.
 */
export function projectionsAreLocal(): boolean {
  return hasPatch('lean-projections');
}

/** The engine's writes to PostgreSQL. */
const engine = new Proxy(asActivities, {
  get: (_target, name) => Reflect.get(projectionsAreLocal() ? asLocalActivities : asActivities, name) as unknown,
});

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

/**
 * Message and signal correlation: this instance's subscriptions, and what its throw events publish. Publishing
 * reaches other instances (it may start any number of them), so it stays a full activity and never holds this
 * instance's workflow task.
 */
export const correlation: Pick<
  Activities,
  'openSubscription' | 'closeSubscription' | 'publishMessage' | 'broadcastSignal'
> = {
  openSubscription: (input) => engine.openSubscription(input),
  closeSubscription: (input) => engine.closeSubscription(input),
  publishMessage: (input) => asActivities.publishMessage(input),
  broadcastSignal: (input) => asActivities.broadcastSignal(input),
};

/** External jobs' rows: written for workers to activate, withdrawn when the element is left first. */
export const externalJobs: Pick<Activities, 'createExternalJob' | 'cancelExternalJob'> = engine;

/** A call activity's child: its index row written, and the definition it runs. */
export const calledInstances: Pick<Activities, 'prepareCalledInstance'> = engine;

/**
 * DMN decisions, evaluated where the deployed versions are. A decision that fails fails the same way again, so the
 * activity marks it non-retryable and the element goes to an incident at once.
 */
export const decisions: Pick<Activities, 'evaluateDecision'> = engine;

/**
 * Built-in service-task jobs, with the retry count the model gives (zeebe:taskDefinition retries). The job
 * heartbeats (activities/jobs.ts): a worker killed inside one is found out by the heartbeat timeout, not after five
 * minutes. A schedule option, not a command: histories replay the same with or without it.
 */
export function jobs(retries: number) {
  return proxyActivities<Activities>({
    startToCloseTimeout: '5 minutes',
    heartbeatTimeout: '20 seconds',
    retry: { maximumAttempts: retries, initialInterval: '1 second', backoffCoefficient: 2 },
  });
}
