import type { Variables } from '../../shared/feel';
import type { ServiceTaskElement } from '../../shared/graph';
import { applyMappings, evaluate, outputVariables } from '../feel-mappings';
import { incident } from '../incidents';
import { runJob } from '../jobs';
import type { ElementBehaviour } from './behaviour';

/**
 * Service task: a job of zeebe:taskDefinition type, run by workflows/jobs.ts (a built-in handler or an external
 * worker). Retries come from the model; once they are spent the element goes to an incident.
 */
export const serviceTask: ElementBehaviour<'serviceTask'> = {
  execute: async (element, ctx) => {
    const variables = {
      ...ctx.variables.read(),
      ...applyMappings(element.id, element.inputs, ctx.variables.feelScope()),
    };
    const { jobType, retries } = activationJob(element, { ...ctx.variables.feelScope(), ...variables });
    const produced = await runJob(ctx, {
      elementId: element.id,
      jobType,
      retries,
      headers: element.headers,
      variables,
    });
    ctx.variables.set(
      outputVariables(element.id, element.outputs, produced, { ...ctx.variables.feelScope(), ...variables }),
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
