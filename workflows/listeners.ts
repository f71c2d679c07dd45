/**
 * Zeebe's execution listeners and user task listeners (docs/listeners.md). A listener is a job of its type, run by
 * runJob like a service task's job (a built-in handler or an external worker), that must complete before the element
 * goes on; listeners of one event run one after another in the order the model declares them. A listener whose job
 * fails for good waits in an incident at the element; resolving it runs that listener again, not the ones before.
 */
import type { Variables } from '../shared/feel';
import type {
  ExecutionListener,
  GraphElement,
  ListenerJob,
  Mapping,
  TaskListener,
  UserTaskElement,
} from '../shared/graph';
import { applyMappings, resolveValue } from './feel-mappings';
import { incident, isIncident } from './incidents';
import { runJob, type JobKind } from './jobs';
import type { ElementContext } from './elements/behaviour';

/** What execution listeners run around: an element, or the process itself (its id, and no mappings or headers). */
export interface ListenerOwner {
  id: string;
  type?: GraphElement['type'];
  incoming?: string[];
  inputs?: Mapping[];
  headers?: Record<string, string>;
  executionListeners?: ExecutionListener[];
}

/**
 * The execution listeners of one element instance (Zeebe's "Execution listeners" page). Start listeners run after
 * the input mappings and before the element; each sees the variables in scope, the input-mapped ones and what the
 * listeners before it set, and what they set is local to the element ("Start listeners"). End listeners run after
 * the output mappings, before the token leaves; they see the same plus the output mappings' results, and what they
 * set goes where output mappings write ("End listeners"). At a joining gateway the start listeners run once the
 * tokens have joined, since Zeebe activates a join once.
 */
export class ElementListeners {
  /** What the start listeners set: the element reads it over its scope's variables (element-context.ts). */
  readonly locals: Variables | undefined;
  private inputs: Variables | undefined;
  private started: boolean;

  /** None for an element without execution listeners. A resumed wait (continue-as-new) has had its start listeners. */
  static of(element: ListenerOwner, resumed: boolean): ElementListeners | undefined {
    return element.executionListeners?.length ? new ElementListeners(element, resumed) : undefined;
  }

  private constructor(
    private readonly element: ListenerOwner,
    resumed: boolean,
  ) {
    this.started = resumed || !this.listeners('start').length;
    this.locals = this.started ? undefined : {};
  }

  async beforeElement(ctx: ElementContext): Promise<void> {
    this.inputs ??= inputVariables(this.element, ctx);
    if (!isJoin(this.element)) await this.start(ctx);
  }

  async afterElement(ctx: ElementContext): Promise<void> {
    await this.start(ctx);
    for (const [index, listener] of this.listeners('end').entries()) {
      const view = () => ({ ...ctx.variables.read(), ...this.inputs, ...this.locals });
      const job = { key: `end:${index}`, kind: { kind: 'EXECUTION_LISTENER', eventType: 'END' } } as const;
      ctx.variables.set(await runListener(this.element, ctx, listener, job, view, 'the end listener'));
    }
  }

  private async start(ctx: ElementContext): Promise<void> {
    if (this.started) return;
    for (const [index, listener] of this.listeners('start').entries()) {
      const view = () => ({ ...ctx.variables.read(), ...this.inputs, ...this.locals });
      const job = { key: `start:${index}`, kind: { kind: 'EXECUTION_LISTENER', eventType: 'START' } } as const;
      const produced = await runListener(this.element, ctx, listener, job, view, 'the start listener');
      Object.assign(this.locals ?? {}, produced);
    }
    this.started = true;
  }

  private listeners(eventType: 'start' | 'end') {
    return (this.element.executionListeners ?? []).filter((listener) => listener.eventType === eventType);
  }
}

export function hasTaskListeners(element: UserTaskElement, eventType: TaskListener['eventType']): boolean {
  return element.taskListeners?.some((listener) => listener.eventType === eventType) ?? false;
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
    const job = {
      key: `${eventType}:${index}`,
      kind: { kind: 'TASK_LISTENER', eventType: taskEventTypes[eventType] },
    } as const;
    await runListener(element, ctx, listener, job, () => variables, what, false);
  }
}

/** How a task listener's event is named to workers (the job's `listenerEventType`). */
const taskEventTypes = { creating: 'CREATING', assigning: 'ASSIGNING', completing: 'COMPLETING' } as const;

/** The input mappings' results for the listeners: behaviours keep their own mapped variables to themselves. */
function inputVariables(element: ListenerOwner, ctx: ElementContext): Variables {
  return applyMappings(element.id, element.inputs ?? [], ctx.variables.feelScope());
}

function isJoin(element: ListenerOwner): boolean {
  return (
    (element.type === 'parallelGateway' || element.type === 'inclusiveGateway') && (element.incoming?.length ?? 0) > 1
  );
}

/** Runs one listener's job until it completes, waiting in an incident whenever it cannot. */
async function runListener(
  element: ListenerOwner,
  ctx: ElementContext,
  listener: ListenerJob,
  job: { key: string; kind: JobKind },
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
      const headers = { ...element.headers, ...listener.headers };
      const produced = await runJob(withoutBpmnErrors(ctx, element.id, jobType), {
        elementId: element.id,
        jobType,
        retries,
        headers,
        variables,
        keySuffix: `:${job.key}`,
        kind: job.kind,
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
