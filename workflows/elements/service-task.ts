import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { Variables } from '../../shared/feel';
import type { ServiceTaskElement } from '../../shared/graph';
import { isBuiltinJobType } from '../../shared/job-types';
import { FailureType } from '../../shared/workflow-contract';
import { jobs } from '../activities';
import { applyMappings, evaluate, outputVariables } from '../feel-mappings';
import { incident } from '../incidents';
import type { ElementBehaviour } from './behaviour';

/** The payload an external worker receives on the task queue named after its job type. */
export interface ExternalJob {
  instanceId: string;
  elementId: string;
  idempotencyKey: string;
  headers: Record<string, string>;
  variables: Variables;
}

/**
 * Service task: a job of zeebe:taskDefinition type. Built-in types run on this worker (activities/handlers);
 * any other type is scheduled as an activity of that name on a task queue of that name, for external workers
 * in any Temporal SDK. Retries come from the model; once they are spent the element goes to an incident. A job
 * failing with type BpmnError (details: [{ errorCode, variables }]) throws that BPMN error instead.
 */
export const serviceTask: ElementBehaviour<'serviceTask'> = {
  execute: async (element, ctx) => {
    const variables = {
      ...ctx.variables.read(),
      ...applyMappings(element.id, element.inputs, ctx.variables.feelScope()),
    };
    const idempotencyKey = `${ctx.instance.id}:${ctx.element.instanceId}`;
    const { jobType, retries } = activationJob(element, { ...ctx.variables.feelScope(), ...variables });
    let produced: Variables;
    // An external worker may take days: what happened before the job is written now, not when it returns.
    if (!isBuiltinJobType(jobType)) await ctx.history.writeNow();
    try {
      produced = isBuiltinJobType(jobType)
        ? await jobs(retries).runJob({
            jobType,
            idempotencyKey,
            headers: element.headers,
            variables,
          })
        : await externalJob(
            jobType,
            retries,
          )({
            instanceId: ctx.instance.id,
            elementId: element.id,
            idempotencyKey,
            headers: element.headers,
            variables,
          });
    } catch (error) {
      const cause = error instanceof ActivityFailure ? error.cause : undefined;
      if (cause instanceof ApplicationFailure && cause.type === FailureType.BpmnError) {
        // A worker reports a business outcome (Zeebe's "throw error" command): a BPMN error with its code.
        const { errorCode, variables } = (cause.details?.[0] ?? {}) as { errorCode?: string; variables?: Variables };
        ctx.throws.error(errorCode ?? cause.message, variables ?? {});
      }
      if (error instanceof ActivityFailure) {
        throw incident(element.id, `job '${jobType}' failed: ${error.cause?.message ?? error.message}`);
      }
      throw error;
    }
    ctx.variables.set(
      outputVariables(element.id, element.outputs, produced ?? {}, { ...ctx.variables.feelScope(), ...variables }),
    );
    if (element.bpmnType === 'endEvent') ctx.history.ended(element.id);
    return { flows: element.outgoing };
  },
};

/**
 * The job type and retries of this activation: fixed in the model, or FEEL evaluated now against the element's
 * variables, as Zeebe does; a type that is not text, or retries that are not a whole number of at least 1, are an
 * incident.
 */
function activationJob(element: ServiceTaskElement, scope: Variables): { jobType: string; retries: number } {
  const jobType = element.jobTypeExpression ? evaluate(element.id, element.jobTypeExpression, scope) : element.jobType;
  if (typeof jobType !== 'string' || jobType.trim() === '') {
    throw incident(element.id, `the job type must evaluate to a non-empty text, not ${JSON.stringify(jobType)}`);
  }
  const retries = element.retriesExpression ? evaluate(element.id, element.retriesExpression, scope) : element.retries;
  if (typeof retries !== 'number' || !Number.isInteger(retries) || retries < 1) {
    throw incident(
      element.id,
      `the retries must evaluate to a whole number of at least 1, not ${JSON.stringify(retries)}`,
    );
  }
  return { jobType, retries };
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
