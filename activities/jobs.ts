/** Runs built-in service-task jobs: validates the payload against the handler's schema, then runs it. */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Variables } from '../shared/feel';
import { isBuiltinJobType } from '../shared/job-types';
import type { ActivityDeps } from './deps';
import { jobHandlers } from './handlers';

export interface RunJobInput {
  jobType: string;
  idempotencyKey: string;
  headers: Record<string, string>;
  variables: Variables;
}

export function createJobActivities(deps: ActivityDeps) {
  return {
    async runJob(input: RunJobInput): Promise<Variables> {
      if (!isBuiltinJobType(input.jobType)) {
        throw ApplicationFailure.nonRetryable(
          `No built-in handler serves job type '${input.jobType}'.`,
          'UnknownJobType',
        );
      }
      const handler = jobHandlers[input.jobType];
      const parsed = handler.payload.safeParse(input.variables);
      if (!parsed.success) {
        // Bad data will not improve with retries: fail at once so the element goes to an incident.
        const problems = parsed.error.issues
          .map((issue) => `${issue.path.join('.') || 'payload'}: ${issue.message}`)
          .join('; ');
        throw ApplicationFailure.nonRetryable(
          `Job '${input.jobType}' got invalid input: ${problems}`,
          'InvalidJobPayload',
        );
      }
      return heartbeating(() =>
        handler.run(parsed.data, {
          idempotencyKey: input.idempotencyKey,
          instanceId: instanceOfKey(input.idempotencyKey),
          headers: input.headers,
          deps,
        }),
      );
    },
  };
}

/** Well inside the heartbeat timeout the interpreter schedules jobs with (workflows/activities.ts jobs()). */
const HEARTBEAT_INTERVAL_MS = 5_000;

/**
 * Heartbeats while the job runs, so that a worker killed mid-job is noticed by the server within the heartbeat
 * timeout and the job retried elsewhere, rather than after the whole start-to-close timeout (docs/reliability.md).
 * The server's heartbeat clock starts with the job, so the first beat is due only after an interval: most jobs end
 * before it and cost no heartbeat call at all (issue 17).
 */
async function heartbeating<T>(work: () => Promise<T>): Promise<T> {
  const context = Context.current();
  const timer = setInterval(() => context.heartbeat(), HEARTBEAT_INTERVAL_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/** The interpreter keys a job `<instance id>:<element instance id>` (workflows/elements/service-task.ts). */
function instanceOfKey(idempotencyKey: string): string {
  return idempotencyKey.slice(0, idempotencyKey.indexOf(':'));
}
