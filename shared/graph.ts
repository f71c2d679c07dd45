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

/** What makes a catching event fire. Message, signal, error and the other triggers extend this union. */
export type EventTrigger = { kind: 'timer'; timer: TimerDefinition };

interface ElementBase {
  id: string;
  name?: string;
  incoming: string[];
  outgoing: string[];
}

export interface StartEventElement extends ElementBase {
  type: 'startEvent';
}

export interface EndEventElement extends ElementBase {
  type: 'endEvent';
}

export interface UserTaskElement extends ElementBase {
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
}

export interface ServiceTaskElement extends ElementBase {
  type: 'serviceTask';
  jobType: string;
  retries: number;
  headers: Record<string, string>;
  inputs: Mapping[];
  outputs: Mapping[];
}

export interface ExclusiveGatewayElement extends ElementBase {
  type: 'exclusiveGateway';
  defaultFlowId?: string;
}

/** Forks a token onto every outgoing flow; joins by waiting for a token on every incoming flow. */
export interface ParallelGatewayElement extends ElementBase {
  type: 'parallelGateway';
}

/** Elements the engine passes straight through: none intermediate throw events, tasks without a type, manual tasks. */
export interface PassThroughElement extends ElementBase {
  type: 'passThrough';
  /** The BPMN type it was compiled from, for history and display. */
  bpmnType: 'intermediateThrowEvent' | 'task' | 'manualTask';
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
export interface ScriptTaskElement extends ElementBase {
  type: 'scriptTask';
  expression: string;
  resultVariable: string;
  inputs: Mapping[];
  outputs: Mapping[];
}

/** An intermediate catch event: the token waits here until the trigger fires. */
export interface IntermediateCatchEventElement extends ElementBase {
  type: 'intermediateCatchEvent';
  trigger: EventTrigger;
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
}

export type GraphElement =
  | StartEventElement
  | EndEventElement
  | UserTaskElement
  | ServiceTaskElement
  | ScriptTaskElement
  | ExclusiveGatewayElement
  | ParallelGatewayElement
  | PassThroughElement
  | LegalClockElement
  | IntermediateCatchEventElement
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

export interface ProcessGraph {
  /** Bumped when the graph format changes incompatibly. */
  formatVersion: 1;
  processId: string;
  name?: string;
  startEventId: string;
  elements: Record<string, GraphElement>;
  flows: Record<string, SequenceFlow>;
  /** Some expression counts legal time (`legal deadline(...)`): instances get the business calendar and its changes. */
  usesLegalTime?: true;
}
