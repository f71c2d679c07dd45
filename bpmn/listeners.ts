/**
 * zeebe:executionListeners on the process and any flow node, zeebe:taskListeners on user tasks (docs/listeners.md). The
 * placements Zeebe refuses at deploy time are refused here with Zeebe's reason; the task listener events this engine
 * does not run yet are refused rather than ignored, since ignoring them would run a different process.
 */
import type { ExecutionListener, GraphElement, ListenerJob, TaskListener } from '../shared/graph';
import type { CompileContext } from './compile-context';
import { eventDefinitions, extension, list, ref, str, type ModdleElement } from './moddle';

const DEFAULT_RETRIES = '3';

/** Zeebe's older names for task listener events, still accepted by Zeebe 8.8. */
const TASK_EVENT_ALIASES: Readonly<Record<string, TaskListener['eventType']>> = {
  creating: 'creating',
  assigning: 'assigning',
  assignment: 'assigning',
  completing: 'completing',
  complete: 'completing',
};

const TASK_EVENTS_NOT_RUN = new Set(['updating', 'update', 'canceling']);

export function compileListeners(node: ModdleElement, element: GraphElement, ctx: CompileContext): void {
  const executionListeners = compileExecutionListeners(node, element.id, ctx);
  if (executionListeners.length > 0) element.executionListeners = executionListeners;
  const taskListeners = compileTaskListeners(node, element.id, ctx);
  if (taskListeners.length > 0 && element.type === 'userTask') element.taskListeners = taskListeners;
}

/** The listeners of a flow node or of the process itself (which takes start and end listeners alike). */
export function compileExecutionListeners(
  node: ModdleElement,
  elementId: string,
  ctx: CompileContext,
): ExecutionListener[] {
  const listeners: ExecutionListener[] = [];
  for (const declared of list(extension(node, 'zeebe:ExecutionListeners'), 'listeners')) {
    const eventType = str(declared, 'eventType') ?? 'start';
    if (eventType !== 'start' && eventType !== 'end') {
      ctx.issue(elementId, `an execution listener's event type must be 'start' or 'end', not '${eventType}'`);
      continue;
    }
    const job = compileListenerJob(declared, elementId, ctx, 'an execution listener');
    if (job) listeners.push({ eventType, ...job });
  }
  const refusal = refusedPlacement(node, new Set(listeners.map((listener) => listener.eventType)));
  if (refusal) ctx.issue(elementId, refusal);
  refuseDuplicates(node, elementId, ctx);
  return listeners;
}

/** Zeebe's deploy-time rules on where start and end listeners may go, with Zeebe's messages. */
function refusedPlacement(node: ModdleElement, eventTypes: Set<string>): string | undefined {
  const definition = eventDefinitions(node)[0];
  if (node.$instanceOf('bpmn:StartEvent') && eventTypes.has('start')) {
    return "Execution listeners of type 'start' are not supported by start events";
  }
  if (node.$instanceOf('bpmn:BoundaryEvent')) {
    if (definition?.$instanceOf('bpmn:CompensateEventDefinition') && eventTypes.size > 0) {
      return "Execution listeners of type 'start' and 'end' are not supported by [compensation] boundary events";
    }
    if (eventTypes.has('start')) return "Execution listeners of type 'start' are not supported by boundary events";
  }
  if (node.$instanceOf('bpmn:Gateway') && eventTypes.has('end')) {
    return "Execution listeners of type 'end' are not supported by gateway element";
  }
  if (
    node.$instanceOf('bpmn:EndEvent') &&
    definition?.$instanceOf('bpmn:ErrorEventDefinition') &&
    eventTypes.has('end')
  ) {
    return "Execution listeners of type 'end' are not supported by [error] end events";
  }
  return undefined;
}

function refuseDuplicates(node: ModdleElement, elementId: string, ctx: CompileContext): void {
  const counts = new Map<string, number>();
  for (const declared of list(extension(node, 'zeebe:ExecutionListeners'), 'listeners')) {
    const key = `eventType[${str(declared, 'eventType') ?? 'start'}] and type[${str(declared, 'type') ?? ''}]`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const [key, count] of counts) {
    if (count > 1)
      ctx.issue(elementId, `Found '${count}' duplicates based on ${key}, these combinations should be unique.`);
  }
}

function compileTaskListeners(node: ModdleElement, elementId: string, ctx: CompileContext): TaskListener[] {
  const declaredListeners = list(extension(node, 'zeebe:TaskListeners'), 'listeners');
  if (declaredListeners.length === 0) return [];
  if (!extension(node, 'zeebe:UserTask')) {
    ctx.issue(elementId, 'Task listeners are only allowed on Camunda user tasks (zeebe:userTask).');
    return [];
  }
  const listeners: TaskListener[] = [];
  for (const declared of declaredListeners) {
    const declaredEvent = str(declared, 'eventType') ?? '';
    const eventType = TASK_EVENT_ALIASES[declaredEvent];
    if (!eventType) {
      ctx.issue(
        elementId,
        TASK_EVENTS_NOT_RUN.has(declaredEvent)
          ? `task listeners of event '${declaredEvent}' are not supported yet; 'creating', 'assigning' and 'completing' are`
          : `a task listener's event type must be 'creating', 'assigning' or 'completing', not '${declaredEvent}'`,
      );
      continue;
    }
    const job = compileListenerJob(declared, elementId, ctx, 'a task listener');
    if (job) listeners.push({ eventType, ...job });
  }
  return listeners;
}

/** Type, retries and headers of one listener; `what` names it in messages: 'a task listener'. */
function compileListenerJob(
  declared: ModdleElement,
  elementId: string,
  ctx: CompileContext,
  what: string,
): ListenerJob | undefined {
  const jobType = ctx.value(str(declared, 'type'), elementId, `the job type of ${what}`);
  if (!jobType || (jobType.kind === 'static' && jobType.value.trim() === '')) {
    ctx.issue(elementId, `${what} needs a job type (type)`);
    return undefined;
  }
  const rawRetries = str(declared, 'retries') ?? DEFAULT_RETRIES;
  const retries = ctx.value(rawRetries, elementId, `the retries of ${what}`);
  if (!retries) return undefined;
  if (retries.kind === 'static' && !(Number.isInteger(Number(rawRetries)) && Number(rawRetries) >= 1)) {
    ctx.issue(elementId, `the retries of ${what} must be a whole number of at least 1, not '${rawRetries}'`);
    return undefined;
  }
  const headers = Object.fromEntries(
    list(ref(declared, 'headers'), 'values').map((header) => [str(header, 'key') ?? '', str(header, 'value') ?? '']),
  );
  return { jobType, retries, ...(Object.keys(headers).length > 0 && { headers }) };
}
