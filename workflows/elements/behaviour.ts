import type { ApplicationFailure } from '@temporalio/workflow';
import type { Variables } from '../../shared/feel';
import type {
  ElementOfType,
  ElementType,
  GraphElement,
  ProcessGraph,
  SubProcessElement,
  EventSubProcessElement,
  InclusiveGatewayElement,
} from '../../shared/graph';
import type { ProcessInput } from '../../shared/workflow-contract';
import type { ExternalJobWaits } from '../external-job-waits';
import type { LegalTime } from '../legal-time';
import type { WaitableTrigger } from '../triggers';
import type { UserTaskWaits } from '../user-task-waits';

/** Where the token goes after an element: the flows it leaves by (none: this path of the instance ends). */
export interface Leave {
  flows: string[];
}

/**
 * What an element's behaviour may use of the running instance, one capability per field: who it is, its
 * variables, its waits, what it throws, its joins, its history and its sub-processes.
 */
export interface ElementContext {
  instance: InstanceInfo;
  element: ElementInfo;
  variables: ScopeVariables;
  waits: Waits;
  throws: Throws;
  joins: Joins;
  history: History;
  subProcesses: SubProcesses;
  incidents: Incidents;
}

/** The process instance the element runs in. */
export interface InstanceInfo {
  id: string;
  graph: ProcessGraph;
  /** Set when a call activity started this instance. */
  parent?: ProcessInput['parent'];
  /** The engine's limits the instance started with (shared/engine-limits.ts). */
  limits?: ProcessInput['limits'];
}

/** This execution of the element. */
export interface ElementInfo {
  /** Unique per execution of an element in this instance; with the instance id, the idempotency key of activities. */
  instanceId: string;
  /** The sequence flow the token arrived by (none for a start event). */
  arrivedVia?: string;
  /** The state this element parked with in the previous run, when the instance continued as new while it waited. */
  resumed?: unknown;
}

/** The variables of the element's scope (Zeebe's rules: read through every enclosing scope). */
export interface ScopeVariables {
  /** The variables in scope (what is handed to jobs and forms). */
  read(): Variables;
  /** The variables plus the engine's FEEL functions (legal deadline): what expressions are evaluated in. */
  feelScope(): Variables;
  /** Sets variables where they live (the nearest scope that has them, else the process). */
  set(values: Variables): void;
}

/** Waiting: for people, external workers, timers, messages, signals and conditions, on legal time; continue-as-new. */
export interface Waits {
  userTasks: Pick<UserTaskWaits, 'register' | 'close' | 'waitForCompletion' | 'completionOf'>;
  externalJobs: Pick<ExternalJobWaits, 'register' | 'close' | 'waitForOutcome'>;
  legalTime: Pick<LegalTime, 'version' | 'feelFunctions' | 'stop' | 'resume' | 'recordMove'>;
  /** Resolves with the variables of the trigger's first firing; `onWaiting` once the wait is registered. */
  firstFiring(
    elementId: string,
    subscriptionId: string,
    trigger: WaitableTrigger,
    onWaiting?: () => void,
  ): Promise<Variables>;
  /** This element now waits where a new run could pick it up again with `state` (continue-as-new.ts). */
  park(state: unknown): void;
  /** The wait is over (or never was resumable): no continue-as-new while this element runs. */
  unpark(): void;
}

/** BPMN errors, escalations, termination and compensation, as the element throws them. */
export interface Throws {
  /** Throws a BPMN error: unwinds to the catching boundary or event sub-process, else an incident. Never returns. */
  error(code: string, variables?: Variables): never;
  /**
   * Throws an escalation: interrupting catchers unwind like errors; non-interrupting ones start a token; with no
   * catcher it goes to the calling process, if any, else changes nothing.
   */
  escalate(code: string): Promise<void>;
  /** Escalations a called process (started by this call activity) did not catch; returns the unsubscribe. */
  onChildEscalation(listener: (code: string) => void): () => void;
  /** Terminate end event: ends every other token of the scope. */
  terminate(): void;
  /** Runs the compensation handlers of the scope's completed activities (one, or all in reverse order). */
  compensate(activityId?: string): Promise<void>;
}

/** Tokens meeting at a gateway of the element's scope. */
export interface Joins {
  /**
   * Records a token arriving at a parallel join. True when every incoming flow has delivered a token: those
   * tokens are consumed and one continues; false: this token waits, absorbed into the join.
   */
  parallel(elementId: string, incoming: string[], arrivedVia: string | undefined): boolean;
  /** Inclusive join: resolves once no token that could still arrive is left; true for the token that goes on. */
  inclusive(gateway: InclusiveGatewayElement): Promise<boolean>;
}

/** What the instance records of its path. */
export interface History {
  /** Records that a path ended at this end event (the instance's end event, when in the process scope). */
  ended(endElementId: string): void;
  /** An element the token passed without running it (the event an event-based gateway waited for): history only. */
  passed(element: GraphElement): void;
  /** Writes the pending element history now, before a wait that starts no activity (element-history.ts). */
  writeNow(): Promise<void>;
}

/** An incident the element waits in without starting over (a listener's job: only that listener runs again). */
export interface Incidents {
  /** Records the incident at this element and resolves once an operator resolved it, with their variables set. */
  wait(error: ApplicationFailure): Promise<void>;
}

export interface SubProcesses {
  /** Runs an embedded or event sub-process's own scope to its end; resolves with the variables it ended with. */
  run(element: SubProcessElement | EventSubProcessElement, local: Variables): Promise<Variables>;
}

/**
 * The execution semantics of one BPMN element type (docs/conventions.md §5). Pure elements (gateways, none events)
 * answer synchronously; wait states and side effects return a promise.
 */
export interface ElementBehaviour<T extends ElementType> {
  execute(element: ElementOfType<T>, ctx: ElementContext): Leave | Promise<Leave>;
}
