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

/** Projections to PostgreSQL: retried until the database answers, since losing one would corrupt the queues. */
export const projections = carryingHistory(
  proxyActivities<Activities>({
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
  }),
);

/** Built-in service-task jobs, with the retry count the model gives (zeebe:taskDefinition retries). */
export function jobs(retries: number) {
  return proxyActivities<Activities>({
    startToCloseTimeout: '5 minutes',
    retry: { maximumAttempts: retries, initialInterval: '1 second', backoffCoefficient: 2 },
  });
}
