import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  isCancellation,
  proxyActivities,
  uuid4,
} from '@temporalio/workflow';
import type { Variables } from '../shared/feel';
import { isBuiltinJobType } from '../shared/job-types';
import { FailureType, type JobOutcome } from '../shared/workflow-contract';
import { externalJobs, jobs } from './activities';
import { incident } from './incidents';
import { hasPatch } from './patches';
import type { ElementContext } from './elements/behaviour';

/** What a job is for: an element's own job, or a listener's on one of the element's events. */
export type JobKind =
  | { kind: 'BPMN_ELEMENT' }
  | { kind: 'EXECUTION_LISTENER'; eventType: 'START' | 'END' }
  | { kind: 'TASK_LISTENER'; eventType: 'CREATING' | 'ASSIGNING' | 'UPDATING' | 'COMPLETING' | 'CANCELING' };

/** The payload an external worker received for a job of its type before external jobs had a table. */
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
  /** The element's own job when not given. */
  kind?: JobKind;
}

/**
 * Runs a job to its end and returns the variables it produced. Built-in types run on this worker
 * (activities/handlers); any other type is a row of the external job table that workers activate through /v2/jobs
 * (docs/external-jobs.md). Once the retries are spent the element goes to an incident. A job failing with type
 * BpmnError (details: [{ errorCode, variables }]) throws that BPMN error instead (Zeebe's "throw error" command).
 */
export async function runJob(ctx: ElementContext, request: JobRequest): Promise<Variables> {
  const { elementId, jobType, retries, headers, variables } = request;
  const idempotencyKey = `${ctx.instance.id}:${ctx.element.instanceId}${request.keySuffix ?? ''}`;
  const builtin = isBuiltinJobType(jobType);
  // Histories recorded before the table scheduled an activity on the job type's own task queue: they replay so.
  if (!builtin && hasPatch('external-jobs-in-table')) return runExternalJob(ctx, request, idempotencyKey);
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

/**
 * Writes the job's row and waits for the outcome its worker reports (the jobOutcome update). Each run of the
 * element is a new job: resolving an incident runs it again. Leaving the element first withdraws the row.
 */
async function runExternalJob(ctx: ElementContext, request: JobRequest, elementKey: string): Promise<Variables> {
  const idempotencyKey = `${elementKey}#${uuid4()}`;
  const kind = request.kind ?? { kind: 'BPMN_ELEMENT' };
  ctx.waits.externalJobs.register(idempotencyKey);
  let outcome: JobOutcome;
  try {
    // Written even if a boundary event interrupts meanwhile, so that the withdrawal that follows finds it.
    await CancellationScope.nonCancellable(() =>
      externalJobs.createExternalJob({
        instanceId: ctx.instance.id,
        elementId: request.elementId,
        elementInstanceId: ctx.element.instanceId,
        idempotencyKey,
        type: request.jobType,
        retries: request.retries,
        headers: request.headers,
        variables: request.variables,
        kind: kind.kind,
        listenerEventType: 'eventType' in kind ? kind.eventType : undefined,
      }),
    );
    outcome = await ctx.waits.externalJobs.waitForOutcome(idempotencyKey);
  } catch (error) {
    // The element is left: from now on no outcome is accepted, so the row cannot end both ways.
    ctx.waits.externalJobs.close(idempotencyKey);
    if (isCancellation(error)) {
      await CancellationScope.nonCancellable(() => externalJobs.cancelExternalJob({ idempotencyKey }));
    }
    throw error;
  }
  ctx.waits.externalJobs.close(idempotencyKey);
  if (outcome.kind === 'errorThrown') ctx.throws.error(outcome.errorCode, outcome.variables);
  if (outcome.kind === 'failed')
    throw incident(request.elementId, `job '${request.jobType}' failed: ${outcome.errorMessage}`);
  return outcome.variables;
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
