/**
 * Zeebe's execution listeners and user task listeners (docs/listeners.md). A listener is a job of its type, run by
 * runJob like a service task's job (a built-in handler or an external worker), that must complete before the element
 * goes on; listeners of one event run one after another in the order the model declares them. A listener whose job
 * fails for good waits in an incident at the element; resolving it runs that listener again, not the ones before.
 */
import type { Variables } from '../shared/feel';
import type { GraphElement, ListenerJob, TaskListener, UserTaskElement } from '../shared/graph';
import { applyMappings, resolveValue } from './feel-mappings';
import { incident, isIncident } from './incidents';
import { runJob } from './jobs';
import type { ElementContext } from './elements/behaviour';

export function hasExecutionListeners(element: GraphElement, eventType: 'start' | 'end'): boolean {
  return element.executionListeners?.some((listener) => listener.eventType === eventType) ?? false;
}

export function hasTaskListeners(element: UserTaskElement, eventType: TaskListener['eventType']): boolean {
  return element.taskListeners?.some((listener) => listener.eventType === eventType) ?? false;
}

/**
 * Start listeners: after the input mappings, before the element runs. Each sees the variables in scope, the
 * element's input-mapped variables and what the listeners before it set; what they set is returned as variables
 * local to the element (Zeebe's "Execution listeners" page, "Start listeners").
 */
export async function runStartListeners(element: GraphElement, ctx: ElementContext): Promise<Variables> {
  const locals: Variables = {};
  const listeners = (element.executionListeners ?? []).filter((listener) => listener.eventType === 'start');
  for (const [index, listener] of listeners.entries()) {
    const view = () => ({ ...ctx.variables.read(), ...inputVariables(element, ctx), ...locals });
    Object.assign(locals, await runListener(element, ctx, listener, `start:${index}`, view, 'the start listener'));
  }
  return locals;
}

/**
 * End listeners: after the output mappings, before the element leaves. Each sees the variables in scope (with the
 * output mappings' results), the element's local variables and what the listeners before it set; what they set goes
 * to the element's scope as output mappings do (Zeebe's "Execution listeners" page, "End listeners").
 */
export async function runEndListeners(element: GraphElement, ctx: ElementContext, locals: Variables): Promise<void> {
  const listeners = (element.executionListeners ?? []).filter((listener) => listener.eventType === 'end');
  for (const [index, listener] of listeners.entries()) {
    const view = () => ({ ...ctx.variables.read(), ...inputVariables(element, ctx), ...locals });
    ctx.variables.set(await runListener(element, ctx, listener, `end:${index}`, view, 'the end listener'));
  }
}

/**
 * The user task's listeners of one lifecycle event, in order. Zeebe refuses variables from a task listener's job
 * ("User task listeners" page, "Limitations"): a job that returns some waits in an incident.
 */
export async function runTaskListeners(
  element: UserTaskElement,
  ctx: ElementContext,
  eventType: TaskListener['eventType'],
  variables: Variables,
): Promise<void> {
  const listeners = (element.taskListeners ?? []).filter((listener) => listener.eventType === eventType);
  for (const [index, listener] of listeners.entries()) {
    const what = `the ${eventType} task listener`;
    await runListener(element, ctx, listener, `${eventType}:${index}`, () => variables, what, false);
  }
}

/** Input mappings evaluated again for the listeners' view: behaviours keep their own mapped variables to themselves. */
function inputVariables(element: GraphElement, ctx: ElementContext): Variables {
  return 'inputs' in element ? applyMappings(element.id, element.inputs, ctx.variables.feelScope()) : {};
}

/** Runs one listener's job until it completes, waiting in an incident whenever it cannot. */
async function runListener(
  element: GraphElement,
  ctx: ElementContext,
  listener: ListenerJob,
  key: string,
  view: () => Variables,
  what: string,
  acceptsVariables = true,
): Promise<Variables> {
  for (;;) {
    try {
      const variables = view();
      const scope = { ...ctx.variables.feelScope(), ...variables };
      const jobType = resolveValue(element.id, listener.jobType, scope);
      const retries = Number(resolveValue(element.id, listener.retries, scope));
      if (typeof jobType !== 'string' || jobType.trim() === '') {
        throw incident(element.id, `the job type must be a non-empty text, not ${JSON.stringify(jobType)}`);
      }
      if (!Number.isInteger(retries) || retries < 1) {
        throw incident(element.id, `the retries must be a whole number of at least 1, not ${String(retries)}`);
      }
      const headers = { ...('headers' in element ? element.headers : {}), ...listener.headers };
      const produced = await runJob(withoutBpmnErrors(ctx, element.id, jobType), {
        elementId: element.id,
        jobType,
        retries,
        headers,
        variables,
        keySuffix: `:${key}`,
      });
      if (!acceptsVariables && Object.keys(produced).length > 0) {
        throw incident(element.id, `job '${jobType}' completed with variables, which a task listener may not set`);
      }
      return produced;
    } catch (error) {
      if (!isIncident(error)) throw error;
      const declared = listener.jobType.kind === 'static' ? listener.jobType.value : `=${listener.jobType.source}`;
      await ctx.incidents.wait(incident(element.id, `${what} '${declared}': ${error.message}`));
    }
  }
}

/** Zeebe does not support a BPMN error thrown from a listener's job: here it is an incident naming the listener. */
function withoutBpmnErrors(ctx: ElementContext, elementId: string, jobType: string): ElementContext {
  return {
    ...ctx,
    throws: {
      ...ctx.throws,
      error: (code) => {
        throw incident(elementId, `job '${jobType}' threw the BPMN error '${code}', which a listener may not throw`);
      },
    },
  };
}
