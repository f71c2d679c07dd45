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
import type { LegalTime } from '../legal-time';
import type { TriggerEnv } from '../triggers';
import type { UserTaskWaits } from '../user-task-waits';

/** Where the token goes after an element: the flows it leaves by (none: this path of the instance ends). */
export interface Leave {
  flows: string[];
}

/** What an element's behaviour may use of the running instance. */
export interface ElementContext {
  instanceId: string;
  graph: ProcessGraph;
  /** Unique per execution of an element in this instance; with the instance id, the idempotency key of projections. */
  elementInstanceId: string;
  /** The sequence flow the token arrived by (none for a start event). */
  arrivedVia?: string;
  /** Set when a call activity started this instance. */
  parent?: ProcessInput['parent'];
  /**
   * Records a token arriving at a parallel join. True when every incoming flow has delivered a token: those
   * tokens are consumed and one continues; false: this token waits, absorbed into the join.
   */
  join(elementId: string, incoming: string[], arrivedVia: string | undefined): boolean;
  /** Inclusive join: resolves once no token that could still arrive is left; true for the token that goes on. */
  joinInclusive(gateway: InclusiveGatewayElement): Promise<boolean>;
  /** The variables in scope (what is handed to jobs and forms). */
  variables(): Variables;
  /** The variables plus the engine's FEEL functions (legal deadline): what expressions are evaluated in. */
  feelScope(): Variables;
  /** Sets variables where they live (the nearest scope that has them, else the process). */
  setVariables(values: Variables): void;
  legalTime: LegalTime;
  userTasks: UserTaskWaits;
  /** Waiting for timers, messages, signals and conditions. */
  triggers: TriggerEnv;
  /** Records that a path ended at this end event (the instance's end event, when in the process scope). */
  ended(endElementId: string): void;
  /** Runs an embedded or event sub-process's own scope to its end; resolves with the variables it ended with. */
  runSubProcess(element: SubProcessElement | EventSubProcessElement, local: Variables): Promise<Variables>;
  /** Throws a BPMN error: unwinds to the catching boundary or event sub-process, else an incident. Never returns. */
  throwError(code: string, variables?: Variables): never;
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
  /** An element the token passed without running it (the event an event-based gateway waited for): history only. */
  passed(element: GraphElement): void;
  /** The state this element parked with in the previous run, when the instance continued as new while it waited. */
  resume?: unknown;
  /** This element now waits where a new run could pick it up again with `state` (continue-as-new.ts). */
  park(state: unknown): void;
  /** The wait is over (or never was resumable): no continue-as-new while this element runs. */
  unpark(): void;
}

/**
 * The execution semantics of one BPMN element type (docs/conventions.md §5). Pure elements (gateways, none events)
 * answer synchronously; wait states and side effects return a promise.
 */
export interface ElementBehaviour<T extends ElementType> {
  execute(element: ElementOfType<T>, ctx: ElementContext): Leave | Promise<Leave>;
}
