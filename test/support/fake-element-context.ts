/**
 * A fake element context for unit tests of element behaviours (workflows/elements/): it needs no workflow, and
 * records what the behaviour decided (variables set, errors thrown, waits, joins, history) for the test to read.
 */
import type { Variables } from '../../shared/feel';
import type {
  EventSubProcessElement,
  GraphElement,
  ProcessGraph,
  SequenceFlow,
  SubProcessElement,
} from '../../shared/graph';
import type { CompleteTaskInput } from '../../shared/workflow-contract';
import type { ElementContext } from '../../workflows/elements/behaviour';
import type { WaitableTrigger } from '../../workflows/triggers';

/** What `ctx.throws.error` throws here: the BPMN error the behaviour threw, with its code and variables. */
export class ThrownBpmnError extends Error {
  constructor(
    readonly code: string,
    readonly variables: Variables,
  ) {
    super(`BPMN error '${code}'`);
  }
}

export interface FakeContextOptions {
  variables?: Variables;
  /** Sequence flows (with their conditions) and elements the behaviour may look up in the graph. */
  flows?: SequenceFlow[];
  elements?: GraphElement[];
  arrivedVia?: string;
  resumed?: unknown;
  /** What a parallel join answers (every arrival until the last: false). */
  parallelJoinReady?: boolean;
  /** What an inclusive join resolves with. */
  inclusiveJoinContinues?: boolean;
  /** The variables each waited-for element's trigger fires with, by element id. */
  firings?: Record<string, Variables>;
  /** The variables a sub-process run ends with. */
  subProcessEndsWith?: Variables;
  /** Completions of user tasks, by task id. */
  completions?: Record<string, CompleteTaskInput>;
}

/** Everything the behaviour did through its context, in order per kind. */
export interface Recorded {
  variables: Variables;
  sets: Variables[];
  escalations: string[];
  compensations: Array<string | undefined>;
  terminated: number;
  ended: string[];
  passed: string[];
  historyWrites: number;
  waits: Array<{ elementId: string; subscriptionId: string; trigger: WaitableTrigger }>;
  parked: unknown[];
  unparked: number;
  parallelJoins: Array<{ elementId: string; incoming: string[]; arrivedVia: string | undefined }>;
  inclusiveJoins: string[];
  subProcessRuns: Array<{ elementId: string; local: Variables }>;
  registeredTasks: string[];
  closedTasks: string[];
  legalClocks: Array<{ action: 'stop' | 'resume'; clock: string }>;
}

export function fakeElementContext(options: FakeContextOptions = {}): { ctx: ElementContext; recorded: Recorded } {
  const recorded: Recorded = {
    variables: { ...options.variables },
    sets: [],
    escalations: [],
    compensations: [],
    terminated: 0,
    ended: [],
    passed: [],
    historyWrites: 0,
    waits: [],
    parked: [],
    unparked: 0,
    parallelJoins: [],
    inclusiveJoins: [],
    subProcessRuns: [],
    registeredTasks: [],
    closedTasks: [],
    legalClocks: [],
  };
  const graph = {
    formatVersion: 1,
    processId: 'process',
    startEventId: 'start',
    elements: Object.fromEntries((options.elements ?? []).map((element) => [element.id, element])),
    flows: Object.fromEntries((options.flows ?? []).map((flow) => [flow.id, flow])),
  } satisfies ProcessGraph;
  const completions = options.completions ?? {};

  const ctx: ElementContext = {
    instance: { id: 'instance-1', graph },
    element: { instanceId: 'element#1', arrivedVia: options.arrivedVia, resumed: options.resumed },
    variables: {
      read: () => ({ ...recorded.variables }),
      feelScope: () => ({ ...recorded.variables }),
      set: (values) => {
        recorded.sets.push(values);
        Object.assign(recorded.variables, values);
      },
    },
    waits: {
      userTasks: {
        register: (taskId) => void recorded.registeredTasks.push(taskId),
        close: (taskId) => void recorded.closedTasks.push(taskId),
        completionOf: (taskId) => completions[taskId],
        waitForCompletion: (taskId) => {
          const completion = completions[taskId];
          return completion ? Promise.resolve(completion) : new Promise<never>(() => undefined);
        },
      },
      // External jobs need the update and activity machinery of a workflow: the stack tier tests them.
      externalJobs: {
        register: () => undefined,
        close: () => undefined,
        waitForOutcome: () => new Promise<never>(() => undefined),
      },
      legalTime: {
        version: 0,
        feelFunctions: () => ({}),
        stop: (clock) => void recorded.legalClocks.push({ action: 'stop', clock }),
        resume: (clock) => void recorded.legalClocks.push({ action: 'resume', clock }),
        recordMove: () => Promise.resolve(),
      },
      firstFiring: (elementId, subscriptionId, trigger, onWaiting) => {
        recorded.waits.push({ elementId, subscriptionId, trigger });
        onWaiting?.();
        return Promise.resolve(options.firings?.[elementId] ?? {});
      },
      park: (state) => void recorded.parked.push(state),
      unpark: () => void (recorded.unparked += 1),
    },
    throws: {
      error: (code, variables = {}) => {
        throw new ThrownBpmnError(code, variables);
      },
      escalate: (code) => {
        recorded.escalations.push(code);
        return Promise.resolve();
      },
      onChildEscalation: () => () => undefined,
      terminate: () => void (recorded.terminated += 1),
      compensate: (activityId) => {
        recorded.compensations.push(activityId);
        return Promise.resolve();
      },
    },
    joins: {
      parallel: (elementId, incoming, arrivedVia) => {
        recorded.parallelJoins.push({ elementId, incoming, arrivedVia });
        return options.parallelJoinReady ?? true;
      },
      inclusive: (gateway) => {
        recorded.inclusiveJoins.push(gateway.id);
        return Promise.resolve(options.inclusiveJoinContinues ?? true);
      },
    },
    history: {
      ended: (endElementId) => void recorded.ended.push(endElementId),
      passed: (element) => void recorded.passed.push(element.id),
      writeNow: () => {
        recorded.historyWrites += 1;
        return Promise.resolve();
      },
    },
    incidents: {
      wait: (error) => Promise.reject(error),
    },
    subProcesses: {
      run: (element: SubProcessElement | EventSubProcessElement, local) => {
        recorded.subProcessRuns.push({ elementId: element.id, local });
        return Promise.resolve({ ...recorded.variables, ...local, ...options.subProcessEndsWith });
      },
    },
  };
  return { ctx, recorded };
}

/** A sequence flow from `sourceId` to `targetId`, with a FEEL condition if given. */
export function sequenceFlow(id: string, sourceId: string, targetId: string, condition?: string): SequenceFlow {
  return { id, sourceId, targetId, ...(condition === undefined ? {} : { condition }) };
}

/** What a synchronous behaviour threw (undefined when it returned). */
export function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
