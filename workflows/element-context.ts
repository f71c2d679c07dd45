/**
 * Builds the context an element behaviour runs with (elements/behaviour.ts): each capability bound to the
 * element instance and the scope it runs in, over the parts of the running instance.
 */
import type { ApplicationFailure } from '@temporalio/workflow';
import type { Variables } from '../shared/feel';
import type { EventSubProcessElement, GraphElement, SubProcessElement } from '../shared/graph';
import { instanceIndex } from './activities';
import type { Parking } from './continue-as-new';
import { writeHistoryNow } from './element-history';
import type { ElementContext, InstanceInfo } from './elements/behaviour';
import type { ExternalJobWaits } from './external-job-waits';
import type { LegalTime } from './legal-time';
import type { ScopeExecution } from './scope-execution';
import type { ThrowHandling } from './throw-handling';
import { firstFiring, type TriggerEnv } from './triggers';
import type { UserTaskWaits } from './user-task-waits';
import type { VariablesLimit } from './variables-limit';

/** The parts of the running instance its elements reach through their context. */
export interface InstanceParts {
  instance: InstanceInfo;
  root: ScopeExecution;
  userTasks: UserTaskWaits;
  externalJobs: ExternalJobWaits;
  legalTime: LegalTime;
  variablesLimit: VariablesLimit;
  throws: ThrowHandling;
  feelScope(scope: ScopeExecution): Variables;
  triggerEnv(scope: ScopeExecution): TriggerEnv;
  /** A path of `scope` ended at this end event. */
  ended(scope: ScopeExecution, endElementId: string): void;
  /** The token passed `element` in `scope` without running it. */
  passed(scope: ScopeExecution, element: GraphElement): void;
  /** `carrier` parks the sub-process's token while every token inside waits; `resume` is its carried wait. */
  runSubProcess(
    scope: ScopeExecution,
    container: SubProcessElement | EventSubProcessElement,
    elementInstanceId: string,
    local: Variables,
    carrier: SubProcessCarrier,
    resume: unknown,
  ): Promise<Variables>;
  /** Records an incident at the element instance and waits for its resolution (runner.ts). */
  waitInIncident(
    scope: ScopeExecution,
    elementId: string,
    elementInstanceId: string,
    error: ApplicationFailure,
  ): Promise<void>;
}

/** Parks and unparks the token of a sub-process element through its scope (continue-as-new.ts). */
export interface SubProcessCarrier {
  park(inner: ScopeExecution): void;
  unpark(): void;
}

/**
 * `element` is the element, or for the process's own listeners just the process id. `locals` are variables local to
 * this element instance (what its start listeners set, docs/listeners.md): the element reads them over its scope's,
 * and a write to one of their names stays local, as in Zeebe.
 */
export function elementContext(
  parts: InstanceParts,
  scope: ScopeExecution,
  element: Pick<GraphElement, 'id'>,
  elementInstanceId: string,
  via: string | undefined,
  resume?: unknown,
  locals?: Variables,
): ElementContext {
  const triggers = parts.triggerEnv(scope);
  const setInScope = (values: Variables) => parts.variablesLimit.set(scope, element.id, values);
  // Any scope's waits can be carried over, a sequential multi-instance body's through its carrier. Local variables
  // of listeners are not carried: such an element holds the run.
  const park = ({ state, inner }: Pick<Parking, 'state' | 'inner'>) => {
    if (locals) return;
    if (scope.kind === 'body') scope.carrier?.park(elementInstanceId, state, inner);
    else scope.parked.park({ elementId: element.id, elementInstanceId, via, state, inner });
  };
  const unpark = () => {
    if (scope.kind === 'body') scope.carrier?.unpark();
    else scope.parked.unpark(elementInstanceId);
  };
  return {
    instance: parts.instance,
    element: { instanceId: elementInstanceId, arrivedVia: via, resumed: resume },
    variables: locals
      ? {
          read: () => ({ ...scope.variables(), ...locals }),
          feelScope: () => ({ ...parts.feelScope(scope), ...locals }),
          set: (values) => {
            const [own, others] = partition(values, (name) => name in locals);
            Object.assign(locals, own);
            setInScope(others);
          },
        }
      : { read: () => scope.variables(), feelScope: () => parts.feelScope(scope), set: setInScope },
    waits: {
      userTasks: parts.userTasks,
      externalJobs: parts.externalJobs,
      legalTime: parts.legalTime,
      firstFiring: (elementId, subscriptionId, trigger, onWaiting) =>
        firstFiring(triggers, elementId, subscriptionId, trigger, onWaiting),
      park: (state) => park({ state: () => state }),
      unpark,
    },
    throws: {
      error: (code, variables) => parts.throws.throwError(scope, element.id, code, variables),
      escalate: (code) => parts.throws.escalate(scope, element.id, code),
      onChildEscalation: (listener) => parts.throws.onChildEscalation(elementInstanceId, listener),
      terminate: () => scope.terminate(),
      compensate: (activityId) => parts.throws.compensate(scope, activityId),
    },
    joins: {
      parallel: (elementId, incoming, arrivedVia) =>
        scope.joinParallel(elementId, elementInstanceId, incoming, arrivedVia),
      inclusive: (gateway) => scope.joinInclusive(gateway, elementInstanceId, via),
    },
    history: {
      ended: (endElementId) => parts.ended(scope, endElementId),
      passed: (passedElement) => parts.passed(scope, passedElement),
      writeNow: () => writeHistoryNow(parts.instance.id, (input) => instanceIndex.recordElementHistory(input)),
    },
    subProcesses: {
      run: (container, local) =>
        parts.runSubProcess(
          scope,
          container,
          elementInstanceId,
          local,
          { park: (inner) => park({ state: () => ({}), inner }), unpark },
          resume,
        ),
    },
    incidents: {
      wait: (error) => parts.waitInIncident(scope, element.id, elementInstanceId, error),
    },
  };
}

function partition(values: Variables, test: (name: string) => boolean): [Variables, Variables] {
  const entries = Object.entries(values);
  return [
    Object.fromEntries(entries.filter(([name]) => test(name))),
    Object.fromEntries(entries.filter(([name]) => !test(name))),
  ];
}
