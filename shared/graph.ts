/**
 * The compiled process graph: what the compiler (bpmn/) produces from BPMN XML and the interpreter (workflows/)
 * walks. Pure data, JSON-serialisable, stored with each process definition version; changing a shape here is a
 * change to stored data and to workflow replay, so extend rather than rename.
 */

/** A value given in the model: a FEEL expression (`=...` in the Zeebe dialect) or a static string. */
export type ValueSource = { kind: 'feel'; source: string } | { kind: 'static'; value: string };

export interface Mapping {
  /** FEEL expression evaluated in the element's variable context. */
  source: string;
  /** Variable name the result is written to. */
  target: string;
}

/** A timer event definition: its kind and the value (static ISO 8601 text or a FEEL expression yielding it). */
export interface TimerDefinition {
  kind: 'date' | 'duration' | 'cycle';
  value: ValueSource;
}

/**
 * What makes a catching event fire. Error and escalation codes left out catch every error or escalation
 * (a catch-all); a message needs a correlation key except on a start event.
 */
export type EventTrigger =
  | { kind: 'timer'; timer: TimerDefinition }
  | { kind: 'message'; messageName: string; correlationKey?: ValueSource }
  | { kind: 'signal'; signalName: string }
  | { kind: 'error'; errorCode?: string }
  | { kind: 'escalation'; escalationCode?: string }
  /** FEEL condition, evaluated on arrival and again whenever variables change. */
  | { kind: 'conditional'; condition: string }
  | { kind: 'compensation' };

export type TriggerKind = EventTrigger['kind'];

/** What a throwing event (intermediate or end) throws. Link throws are compiled into a sequence flow instead. */
export type EventThrow =
  | { kind: 'error'; errorCode: string; errorMessage?: string }
  | { kind: 'escalation'; escalationCode: string }
  /** `variables`: the event's zeebe:ioMapping inputs, which become the signal's (or message's) variables. */
  | { kind: 'signal'; signalName: string; variables?: Mapping[] }
  /** Published by the engine itself (a message event with a zeebe:taskDefinition is a job: a serviceTask). */
  | { kind: 'message'; messageName: string; correlationKey?: ValueSource; variables?: Mapping[] }
  /** Compensates one completed activity of the scope, or all of them in reverse order of completion. */
  | { kind: 'compensation'; activityId?: string }
  | { kind: 'terminate' };

interface ElementBase {
  id: string;
  name?: string;
  incoming: string[];
  outgoing: string[];
  /** The embedded or event sub-process this element sits in; none: the process itself. */
  parentId?: string;
  /** zeebe:executionListeners, in the order the model declares them (docs/listeners.md). */
  executionListeners?: ExecutionListener[];
}

/**
 * A listener: a job of its type that must complete before the element goes on. Type and retries are fixed in the
 * model or FEEL, evaluated when the listener runs.
 */
export interface ListenerJob {
  jobType: ValueSource;
  /** Static: a whole number of at least 1, checked at deploy time. */
  retries: ValueSource;
  /** The listener's own zeebe:taskHeaders; they win over the element's headers of the same key. */
  headers?: Record<string, string>;
}

/** Start: after the input mappings, before the element runs; end: after the output mappings, before it leaves. */
export interface ExecutionListener extends ListenerJob {
  eventType: 'start' | 'end';
}

/** A user task listener, for the lifecycle events this engine runs (docs/listeners.md). */
export interface TaskListener extends ListenerJob {
  eventType: 'creating' | 'assigning' | 'completing';
}

/** Multi-instance characteristics (zeebe:loopCharacteristics): one body instance per item of a FEEL list. */
export interface MultiInstanceDefinition {
  sequential: boolean;
  /** FEEL yielding the list to iterate over. */
  inputCollection: string;
  /** Variable, local to each body instance, holding its item. */
  inputElement?: string;
  /** Variable the collected outputs are written to (a list, in item order). */
  outputCollection?: string;
  /** FEEL evaluated in each body instance when it completes, giving its entry of the output collection. */
  outputElement?: string;
  /** FEEL evaluated after each completion; true ends the body, cancelling instances still running. */
  completionCondition?: string;
}

/** Standard loop characteristics: the body repeats while loopCondition holds, at most loopMaximum times. */
export interface StandardLoopDefinition {
  /** FEEL; without it the loop runs loopMaximum times. */
  loopCondition?: string;
  /** Check the condition before each run (a while loop) rather than after (do-while, the BPMN default). */
  testBefore: boolean;
  loopMaximum?: number;
}

/** What every activity (task, sub-process, call activity) may carry besides its own semantics. */
interface ActivityBase extends ElementBase {
  multiInstance?: MultiInstanceDefinition;
  loop?: StandardLoopDefinition;
  /** isForCompensation: runs only as the compensation handler of another activity, never on a sequence flow. */
  forCompensation?: true;
}

/** A start event: the none start of a process or sub-process, or a triggered start (process or event sub-process). */
export interface StartEventElement extends ElementBase {
  type: 'startEvent';
  /** Timer, message or signal start of a process; any trigger but compensation in an event sub-process. */
  trigger?: EventTrigger;
  /** Event sub-process starts only: false lets the enclosing scope go on running. */
  interrupting?: boolean;
}

export interface EndEventElement extends ElementBase {
  type: 'endEvent';
  /** What the end throws; none: a none end event. */
  throws?: EventThrow;
}

/** An intermediate throw event with a definition (signal, escalation, compensation, message published by the engine). */
export interface ThrowEventElement extends ElementBase {
  type: 'throwEvent';
  throws: Exclude<EventThrow, { kind: 'error' } | { kind: 'terminate' }>;
}

export interface UserTaskElement extends ActivityBase {
  type: 'userTask';
  assignee?: ValueSource;
  candidateGroups?: ValueSource;
  candidateUsers?: ValueSource;
  dueDate?: ValueSource;
  followUpDate?: ValueSource;
  priority?: ValueSource;
  form?: { formId?: string; formKey?: string; externalReference?: string };
  inputs: Mapping[];
  outputs: Mapping[];
  /** zeebe:taskListeners, in the order the model declares them. */
  taskListeners?: TaskListener[];
}

/**
 * A job of zeebe:taskDefinition type: service tasks, and send tasks, business rule tasks and message throw events
 * that carry a task definition (Zeebe runs all of them as jobs).
 */
export interface ServiceTaskElement extends ActivityBase {
  type: 'serviceTask';
  /** The BPMN type it was compiled from, when not a service task: for history, and an end event ends its path. */
  bpmnType?: 'sendTask' | 'businessRuleTask' | 'intermediateThrowEvent' | 'endEvent';
  /** The job type as modelled; with `jobTypeExpression` it is that expression's text, for people to read. */
  jobType: string;
  /** FEEL for the job type (`="prefix-" + kind`), evaluated at activation as in Zeebe. */
  jobTypeExpression?: string;
  retries: number;
  /** FEEL for the retries (`=retryCount`), evaluated at activation; `retries` is then the default. */
  retriesExpression?: string;
  headers: Record<string, string>;
  inputs: Mapping[];
  outputs: Mapping[];
}

export interface ExclusiveGatewayElement extends ElementBase {
  type: 'exclusiveGateway';
  defaultFlowId?: string;
}

/**
 * Inclusive gateway: forks onto every outgoing flow whose condition is true (else the default flow); as a join it
 * waits until no token that could still arrive is left in its scope.
 */
export interface InclusiveGatewayElement extends ElementBase {
  type: 'inclusiveGateway';
  defaultFlowId?: string;
}

/** Event-based gateway: the token waits for the first of the catch events (or receive tasks) its flows lead to. */
export interface EventBasedGatewayElement extends ElementBase {
  type: 'eventBasedGateway';
}

/** Forks a token onto every outgoing flow; joins by waiting for a token on every incoming flow. */
export interface ParallelGatewayElement extends ElementBase {
  type: 'parallelGateway';
}

/**
 * Elements the engine passes straight through: none intermediate throw events, tasks without a type, manual
 * tasks, and link events (a link throw leaves by a synthetic flow to its catch, so links cost nothing at run time).
 */
export interface PassThroughElement extends ActivityBase {
  type: 'passThrough';
  /** The BPMN type it was compiled from, for history and display. */
  bpmnType: 'intermediateThrowEvent' | 'intermediateCatchEvent' | 'task' | 'manualTask';
}

/**
 * gov:legalClock on an intermediate throw event: stops or resumes a named legal clock (a 보완 request sent, the
 * supplement received). Deadlines counted on that clock exclude the stopped time.
 */
export interface LegalClockElement extends ElementBase {
  type: 'legalClock';
  clock: string;
  action: 'stop' | 'resume';
}

/** zeebe:script: a FEEL expression whose result is written to a variable, evaluated in the workflow itself. */
export interface ScriptTaskElement extends ActivityBase {
  type: 'scriptTask';
  expression: string;
  resultVariable: string;
  inputs: Mapping[];
  outputs: Mapping[];
}

/**
 * zeebe:calledDecision: a business rule task that evaluates the latest version of a deployed DMN decision and
 * writes its result to resultVariable.
 */
export interface BusinessRuleTaskElement extends ActivityBase {
  type: 'businessRuleTask';
  decisionId: string;
  resultVariable: string;
  inputs: Mapping[];
  outputs: Mapping[];
}

/** An intermediate catch event: the token waits here until the trigger fires. */
export interface IntermediateCatchEventElement extends ElementBase {
  type: 'intermediateCatchEvent';
  trigger: EventTrigger;
}

/** Receive task: waits for a message like a message catch event, but as an activity (boundaries, multi-instance). */
export interface ReceiveTaskElement extends ActivityBase {
  type: 'receiveTask';
  trigger: Extract<EventTrigger, { kind: 'message' }>;
  outputs: Mapping[];
}

/** Embedded sub-process: a scope of its own (local variables, joins, event sub-processes) entered at its none start. */
export interface SubProcessElement extends ActivityBase {
  type: 'subProcess';
  startEventId: string;
  inputs: Mapping[];
  outputs: Mapping[];
}

/**
 * Event sub-process: inside the scope it belongs to (parentId), started by its start event's trigger while that
 * scope is active; an interrupting one ends the rest of the scope first.
 */
export interface EventSubProcessElement extends ElementBase {
  type: 'eventSubProcess';
  startEventId: string;
}

/** Call activity: the called process runs as a child workflow (zeebe:calledElement). */
export interface CallActivityElement extends ActivityBase {
  type: 'callActivity';
  /** The called BPMN process id: static, or FEEL. */
  processId: ValueSource;
  /** Which version: the latest deployed, or the latest carrying a zeebe:versionTag. */
  binding: { kind: 'latest' } | { kind: 'versionTag'; versionTag: string };
  /** Without input mappings, the child gets every variable (Zeebe's propagateAllParentVariables, default true). */
  propagateAllParentVariables: boolean;
  /** Without output mappings, every child variable comes back (propagateAllChildVariables, default true). */
  propagateAllChildVariables: boolean;
  inputs: Mapping[];
  outputs: Mapping[];
}

/**
 * A boundary event on an activity: while the activity runs, its trigger may fire. Interrupting (cancelActivity)
 * cancels the activity and the token leaves by the boundary event; non-interrupting sends an extra token.
 */
export interface BoundaryEventElement extends ElementBase {
  type: 'boundaryEvent';
  attachedToId: string;
  cancelActivity: boolean;
  trigger: EventTrigger;
  /** Compensation boundaries only: the activity that undoes the host (linked by an association). */
  compensationHandlerId?: string;
}

export type GraphElement =
  | StartEventElement
  | EndEventElement
  | UserTaskElement
  | ServiceTaskElement
  | ScriptTaskElement
  | BusinessRuleTaskElement
  | ExclusiveGatewayElement
  | InclusiveGatewayElement
  | EventBasedGatewayElement
  | ParallelGatewayElement
  | PassThroughElement
  | LegalClockElement
  | IntermediateCatchEventElement
  | ThrowEventElement
  | ReceiveTaskElement
  | SubProcessElement
  | EventSubProcessElement
  | CallActivityElement
  | BoundaryEventElement;

export type ElementType = GraphElement['type'];

export type ElementOfType<T extends ElementType> = Extract<GraphElement, { type: T }>;

export interface SequenceFlow {
  id: string;
  name?: string;
  sourceId: string;
  targetId: string;
  /** FEEL source without the leading `=`. */
  condition?: string;
}

/**
 * The format of the compiled graph, stored with every definition. Bump it when the format changes incompatibly;
 * the engine refuses to run a stored graph of another format (engine/graph.ts).
 */
export const GRAPH_FORMAT_VERSION = 1;

export interface ProcessGraph {
  formatVersion: typeof GRAPH_FORMAT_VERSION;
  processId: string;
  name?: string;
  /** zeebe:versionTag of the process, which call activities can bind to. */
  versionTag?: string;
  /** The process's none start event; empty when it only has triggered (timer, message, signal) starts. */
  startEventId: string;
  elements: Record<string, GraphElement>;
  flows: Record<string, SequenceFlow>;
  /** Some expression counts legal time (`legal deadline(...)`): instances get the business calendar and its changes. */
  usesLegalTime?: true;
  /**
   * Forms embedded in the process (zeebe:userTaskForm), by their id; a user task names one with the form key
   * `camunda-forms:bpmn:<id>`. Kept here, not in the task, so the schema never travels through workflow history.
   */
  embeddedForms?: Record<string, Record<string, unknown>>;
  /** Variables the process marks sensitive (zeebe:property gov:sensitive): masked for readers without the right. */
  sensitiveVariables?: string[];
  /** The process's own zeebe:executionListeners: start before its start event, end once it has no token left. */
  executionListeners?: ExecutionListener[];
}

/** The embedded form a Zeebe form key names (`camunda-forms:bpmn:<zeebe:userTaskForm id>`), if it names one. */
export function embeddedFormId(formKey: string | undefined): string | undefined {
  return formKey?.match(/^camunda-forms:bpmn:(.+)$/)?.[1];
}
