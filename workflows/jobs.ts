import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { Variables } from '../shared/feel';
import { isBuiltinJobType } from '../shared/job-types';
import { FailureType } from '../shared/workflow-contract';
import { jobs } from './activities';
import { incident } from './incidents';
import type { ElementContext } from './elements/behaviour';

/** The payload an external worker receives for a job of its type. */
export interface ExternalJob {
  instanceId: string;
  elementId: string;
  idempotencyKey: string;
  headers: Record<string, string>;
  variables: Variables;
}

/** One job of a zeebe:taskDefinition (a service task's, or a listener's): its type, retries, headers and input. */
export interface JobRequest {
  /** The element the job belongs to: incidents name it. */
  elementId: string;
  jobType: string;
  retries: number;
  headers: Record<string, string>;
  variables: Variables;
  /** Distinguishes several jobs of one element execution (listeners); empty for the element's own job. */
  keySuffix?: string;
}

/**
 * Runs a job to its end and returns the variables it produced. Built-in types run on this worker
 * (activities/handlers); any other type is scheduled as an activity of that name on a task queue of that name, for
 * external workers. Once the retries are spent the element goes to an incident. A job failing with type BpmnError
 * (details: [{ errorCode, variables }]) throws that BPMN error instead (Zeebe's "throw error" command).
 */
export async function runJob(ctx: ElementContext, request: JobRequest): Promise<Variables> {
  const { elementId, jobType, retries, headers, variables } = request;
  const idempotencyKey = `${ctx.instance.id}:${ctx.element.instanceId}${request.keySuffix ?? ''}`;
  const builtin = isBuiltinJobType(jobType);
  // An external worker may take days: what happened before the job is written now, not when it returns.
  if (!builtin) await ctx.history.writeNow();
  try {
    const produced = builtin
      ? await jobs(retries).runJob({ jobType, idempotencyKey, headers, variables })
      : await externalJob(
          jobType,
          retries,
        )({ instanceId: ctx.instance.id, elementId, idempotencyKey, headers, variables });
    return produced ?? {};
  } catch (error) {
    const cause = error instanceof ActivityFailure ? error.cause : undefined;
    if (cause instanceof ApplicationFailure && cause.type === FailureType.BpmnError) {
      const { errorCode, variables } = (cause.details?.[0] ?? {}) as { errorCode?: string; variables?: Variables };
      ctx.throws.error(errorCode ?? cause.message, variables ?? {});
    }
    if (error instanceof ActivityFailure) {
      throw incident(elementId, `job '${jobType}' failed: ${error.cause?.message ?? error.message}`);
    }
    throw error;
  }
}

function externalJob(jobType: string, retries: number): (job: ExternalJob) => Promise<Variables> {
  const stubs = proxyActivities<Record<string, (job: ExternalJob) => Promise<Variables>>>({
    taskQueue: jobType,
    scheduleToCloseTimeout: '30 days',
    startToCloseTimeout: '10 minutes',
    retry: { maximumAttempts: retries },
  });
  return stubs[jobType] as (job: ExternalJob) => Promise<Variables>;
}
