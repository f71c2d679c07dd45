/**
 * Migration: the instance moves to a newer version of its process. Every waiting element needs a target in the
 * new graph (the same id, or the one the mapping names) of the same kind, in the process scope; the snapshot's
 * element ids are rewritten and the run continues as new on the new graph. Task rows, timers' instants and
 * subscriptions stay as they are: the waits are restarted, not recreated.
 */
import type { GraphElement } from '../shared/graph';
import type { MigrateInstanceInput, MigrateInstanceResult } from '../shared/workflow-contract';
import { refuse, type InstanceView, type PendingChange } from './instance-changes';

export function validateMigration(view: InstanceView, request: MigrateInstanceInput): MigrateInstanceResult {
  const { definition, graph } = request;
  if (definition.processId !== view.definition.processId || definition.version <= view.definition.version) {
    refuse(
      '',
      `An instance of '${view.definition.processId}' version ${view.definition.version} moves only to a newer version of that process.`,
    );
  }
  const target = (elementId: string) =>
    request.mapping[elementId] ?? (graph.elements[elementId] ? elementId : undefined);
  const moved = view.waiting.map((token) => {
    const to = target(token.elementId);
    if (!to) {
      refuse(
        token.elementId,
        `The active element '${token.elementId}' has no target in version ${definition.version}; map it to one.`,
      );
    }
    const from = view.graph.elements[token.elementId] as GraphElement;
    const onto = graph.elements[to];
    if (!onto) refuse(to, `Version ${definition.version} has no element '${to}' (the target of '${token.elementId}').`);
    if (kindOf(from) !== kindOf(onto))
      refuse(token.elementId, `'${token.elementId}' (${kindOf(from)}) cannot become '${to}' (${kindOf(onto)}).`);
    if (onto.parentId)
      refuse(to, `'${to}' lies inside '${onto.parentId}': a waiting token moves within the process scope.`);
    return { elementInstanceId: token.elementInstanceId, from: token.elementId, to };
  });
  for (const [joinId, flows] of view.arrivals) {
    const waitingFlows = flows.filter(([, count]) => count > 0).map(([flowId]) => flowId);
    if (waitingFlows.length === 0) continue;
    const join = graph.elements[target(joinId) ?? ''];
    if (join?.type !== 'parallelGateway' || !waitingFlows.every((flowId) => join.incoming.includes(flowId)))
      refuse(joinId, `Tokens wait at the join '${joinId}', which version ${definition.version} does not have.`);
  }
  return { moved };
}

export function applyMigration(
  view: InstanceView,
  request: MigrateInstanceInput,
): Promise<{ pending: PendingChange; result: MigrateInstanceResult }> {
  const result = validateMigration(view, request);
  const movedTo = new Map(result.moved.map((move) => [move.elementInstanceId, move.to]));
  const rename = (elementId: string) => request.mapping[elementId] ?? elementId;
  const { graph } = request;
  const pending: PendingChange = {
    input: { definition: request.definition, graph },
    edit: (state) => ({
      ...state,
      parked: state.parked.map((token) => ({
        ...token,
        elementId: movedTo.get(token.elementInstanceId) ?? token.elementId,
        via: token.via && graph.flows[token.via] ? token.via : undefined,
      })),
      parallelArrivals: state.parallelArrivals.map(([joinId, flows]) => [rename(joinId), flows]),
      completed: state.completed
        .map((activity) => ({ ...activity, elementId: rename(activity.elementId) }))
        .filter((activity) => graph.elements[activity.elementId]),
      openHistory: state.openHistory.map((entry) => ({
        ...entry,
        elementId: movedTo.get(entry.elementInstanceId) ?? entry.elementId,
      })),
      pendingHistory: state.pendingHistory.map((entry) => ({
        ...entry,
        elementId: movedTo.get(entry.elementInstanceId) ?? entry.elementId,
      })),
    }),
  };
  return Promise.resolve({ pending, result });
}

/** The element's type, and for events the trigger they wait for: a user task cannot become a timer. */
function kindOf(element: GraphElement): string {
  const trigger = 'trigger' in element ? element.trigger : undefined;
  return trigger ? `${element.type} (${trigger.kind})` : element.type;
}
