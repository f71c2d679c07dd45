/**
 * Builds the context an element behaviour runs with (elements/behaviour.ts): each capability bound to the
 * element instance and the scope it runs in, over the parts of the running instance.
 */
import type { Variables } from '../shared/feel';
import type { EventSubProcessElement, GraphElement, SubProcessElement } from '../shared/graph';
import { instanceIndex } from './activities';
import type { ParkedTokens } from './continue-as-new';
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
  parked: ParkedTokens;
  variablesLimit: VariablesLimit;
  throws: ThrowHandling;
  feelScope(scope: ScopeExecution): Variables;
  triggerEnv(scope: ScopeExecution): TriggerEnv;
  /** A path of `scope` ended at this end event. */
  ended(scope: ScopeExecution, endElementId: string): void;
  /** The token passed `element` in `scope` without running it. */
  passed(scope: ScopeExecution, element: GraphElement): void;
  runSubProcess(
    scope: ScopeExecution,
    container: SubProcessElement | EventSubProcessElement,
    elementInstanceId: string,
    local: Variables,
  ): Promise<Variables>;
}

export function elementContext(
  parts: InstanceParts,
  scope: ScopeExecution,
  element: GraphElement,
  elementInstanceId: string,
  via: string | undefined,
  resume?: unknown,
): ElementContext {
  const triggers = parts.triggerEnv(scope);
  return {
    instance: parts.instance,
    element: { instanceId: elementInstanceId, arrivedVia: via, resumed: resume },
    variables: {
      read: () => scope.variables(),
      feelScope: () => parts.feelScope(scope),
      set: (values) => parts.variablesLimit.set(scope, element.id, values),
    },
    waits: {
      userTasks: parts.userTasks,
      externalJobs: parts.externalJobs,
      legalTime: parts.legalTime,
      firstFiring: (elementId, subscriptionId, trigger, onWaiting) =>
        firstFiring(triggers, elementId, subscriptionId, trigger, onWaiting),
      park: (state) => {
        // Only the process scope's own waits can be carried over; a body or sub-process restarts as a whole.
        if (scope === parts.root) parts.parked.park({ elementId: element.id, elementInstanceId, via, state });
      },
      unpark: () => parts.parked.unpark(elementInstanceId),
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
      run: (container, local) => parts.runSubProcess(scope, container, elementInstanceId, local),
    },
  };
}
