import type { Variables } from '../../shared/feel';
import type { ElementOfType, ElementType, ProcessGraph } from '../../shared/graph';
import type { LegalTime } from '../legal-time';
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
  /**
   * Records a token arriving at a joining element. True when every incoming flow has delivered a token: those
   * tokens are consumed and one continues; false: this token waits, absorbed into the join.
   */
  join(elementId: string, incoming: string[], arrivedVia: string | undefined): boolean;
  /** The process variables (what is stored, projected and handed to jobs). */
  variables(): Variables;
  /** The variables plus the engine's FEEL functions (legal deadline): what expressions are evaluated in. */
  feelScope(): Variables;
  setVariables(values: Variables): void;
  legalTime: LegalTime;
  userTasks: UserTaskWaits;
  /** Records that the instance ended at this end event. */
  ended(endElementId: string): void;
}

/**
 * The execution semantics of one BPMN element type (CONVENTIONS.md §5). Pure elements (gateways, none events)
 * answer synchronously; wait states and side effects return a promise.
 */
export interface ElementBehaviour<T extends ElementType> {
  execute(element: ElementOfType<T>, ctx: ElementContext): Leave | Promise<Leave>;
}
