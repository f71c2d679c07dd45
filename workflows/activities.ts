/** Activity stubs for the interpreter. Types only cross into the sandbox (CONVENTIONS.md §2). */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

/** Projections to PostgreSQL: retried until the database answers, since losing one would corrupt the queues. */
export const projections = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/** Built-in service-task jobs, with the retry count the model gives (zeebe:taskDefinition retries). */
export function jobs(retries: number) {
  return proxyActivities<Activities>({
    startToCloseTimeout: '5 minutes',
    retry: { maximumAttempts: retries, initialInterval: '1 second', backoffCoefficient: 2 },
  });
}
