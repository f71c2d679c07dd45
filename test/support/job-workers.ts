/** External job workers: what serves a job type that the engine's own worker does not. */
import { NativeConnection, Worker } from '@temporalio/worker';
import type { Variables } from '../../shared/feel';
import type { ExternalJob } from '../../workflows/jobs';
import type { TestStack } from './stack';

export type JobHandler = (job: ExternalJob) => Variables | Promise<Variables>;

/**
 * Serves external job types as a worker outside the engine would: one Temporal worker per job type, on the task
 * queue of that name. Every job is logged as `<jobType>:<elementId>` in the order it ran. Job types are global
 * on the Temporal server, so each suite uses its own names.
 */
export async function startJobWorkers(stack: TestStack, handlers: Record<string, JobHandler>) {
  const connection = await NativeConnection.connect({ address: stack.config.TEMPORAL_ADDRESS });
  const log: string[] = [];
  const workers = await Promise.all(
    Object.entries(handlers).map(([jobType, handle]) =>
      Worker.create({
        connection,
        namespace: stack.config.TEMPORAL_NAMESPACE,
        taskQueue: jobType,
        activities: {
          [jobType]: async (job: ExternalJob) => {
            log.push(`${jobType}:${job.elementId}`);
            return handle(job);
          },
        },
      }),
    ),
  );
  const running = workers.map((worker) => worker.run());
  return {
    log,
    stop: async () => {
      for (const worker of workers) worker.shutdown();
      await Promise.all(running);
      await connection.close();
    },
  };
}
