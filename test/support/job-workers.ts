/** External job workers: what serves a job type that the engine's own worker does not. */
import { ApplicationFailure } from '@temporalio/common';
import { activateJobs, completeJob, failJob, throwJobError, type ActivatedJob } from '../../engine/external-jobs';
import { AppError } from '../../shared/app-error';
import type { Variables } from '../../shared/feel';
import type { TestStack } from './stack';

/** What a handler is given of an activated job. */
export interface WorkerJob {
  key: string;
  instanceId: string;
  elementId: string;
  headers: Record<string, string>;
  variables: Variables;
}

export type JobHandler = (job: WorkerJob) => Variables | Promise<Variables>;

/**
 * Serves external job types as a worker outside the engine would, over the engine's job operations: one poll loop
 * per type activates jobs and runs the handler. What it returns completes the job; an ApplicationFailure of type
 * BpmnError (details: [{ errorCode, variables }]) throws that BPMN error; any other throw fails the job with one
 * retry fewer and no back-off. Every job is logged as `<jobType>:<elementId>` in the order it ran.
 */
export function startJobWorkers(stack: TestStack, handlers: Record<string, JobHandler>) {
  const log: string[] = [];
  const stopping = new AbortController();

  async function work(type: string, handle: JobHandler, job: ActivatedJob): Promise<void> {
    log.push(`${type}:${job.elementId}`);
    // A job whose element was left meanwhile (an interrupting boundary event) is gone: its report is refused.
    await report(handle, job).catch((error: unknown) => {
      if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
    });
  }

  async function report(handle: JobHandler, job: ActivatedJob): Promise<void> {
    try {
      const variables = await handle({
        key: job.key,
        instanceId: job.processInstanceId,
        elementId: job.elementId,
        headers: job.customHeaders,
        variables: job.variables,
      });
      await completeJob(stack.deps, job.key, variables);
    } catch (error) {
      if (error instanceof ApplicationFailure && error.type === 'BpmnError') {
        const { errorCode, variables } = (error.details?.[0] ?? {}) as { errorCode: string; variables?: Variables };
        await throwJobError(stack.deps, job.key, { errorCode, errorMessage: error.message, variables });
      } else {
        const errorMessage = error instanceof Error ? error.message : String(error);
        await failJob(stack.deps, job.key, { retries: job.retries - 1, errorMessage });
      }
    }
  }

  async function poll(type: string, handle: JobHandler): Promise<void> {
    while (!stopping.signal.aborted) {
      const jobs = await activateJobs(
        stack.deps,
        { type, worker: 'test-worker', timeoutMs: 60_000, maxJobsToActivate: 10, requestTimeoutMs: 1_000 },
        stopping.signal,
      );
      await Promise.all(jobs.map((job) => work(type, handle, job)));
    }
  }

  const loops = Object.entries(handlers).map(([type, handle]) => poll(type, handle));
  // Resolved at once: the loops are polling already (callers await it, as they awaited Temporal workers starting).
  return Promise.resolve({
    log,
    stop: async () => {
      stopping.abort();
      await Promise.all(loops);
    },
  });
}
