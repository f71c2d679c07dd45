/**
 * Modification: the tokens waiting at the cancelled elements are dropped (their task rows withdrawn, their
 * subscriptions closed, their history TERMINATED) and new tokens start at the named elements of the process
 * scope, with the variables set first. Refused before anything changes when an element does not exist, has no
 * token to cancel, cannot be started, or when the tokens afterwards would leave a parallel join waiting forever.
 */
import type { Variables } from '../shared/feel';
import type { GraphElement, ProcessGraph } from '../shared/graph';
import type { ModifyInstanceInput } from '../shared/workflow-contract';
import { correlation, workQueue } from './activities';
import { elementHistory } from './element-history';
import { GraphIndex } from './graph-index';
import { refuse, type InstanceView, type PendingChange } from './instance-changes';
import type { ProcessRunner } from './runner';

export function validateModification(view: InstanceView, request: ModifyInstanceInput): void {
  const { graph } = view;
  for (const elementId of request.cancel) {
    elementOf(graph, elementId);
    if (!view.waiting.some((token) => token.elementId === elementId))
      refuse(elementId, `No token waits at '${elementId}': there is nothing to cancel there.`);
  }
  for (const { elementId } of request.start) {
    const element = elementOf(graph, elementId);
    if (element.parentId)
      refuse(elementId, `'${elementId}' lies inside '${element.parentId}': only elements of the process scope start.`);
    if (element.type === 'boundaryEvent' || element.type === 'eventSubProcess')
      refuse(elementId, `A token cannot start at the ${element.type} '${elementId}'; start at an element it leads to.`);
  }
  const remaining = view.waiting.filter((token) => !request.cancel.includes(token.elementId));
  const positions = [...remaining.map((token) => token.elementId), ...request.start.map((start) => start.elementId)];
  if (positions.length === 0 && !request.allowEnd) {
    refuse(
      request.cancel[0] ?? '',
      'Cancelling the last token would end the instance; set allowEnd to end it, or start a token elsewhere.',
    );
  }
  const stranded = strandedJoin(graph, positions, view.arrivals);
  if (stranded) {
    refuse(
      stranded.joinId,
      `The join '${stranded.joinId}' would wait forever: no token could still arrive by '${stranded.flowId}'.`,
    );
  }
}

/** Withdraws the dropped waits now; the hand-over then restarts the others and the new tokens. */
export async function applyModification(
  view: InstanceView,
  request: ModifyInstanceInput,
  runner: ProcessRunner,
): Promise<{ pending: PendingChange; result: void }> {
  const dropped = view.waiting.filter((token) => request.cancel.includes(token.elementId));
  for (const token of dropped) {
    const taskId = view.graph.elements[token.elementId]?.type === 'userTask' ? taskIdOf(token.state) : undefined;
    if (taskId) {
      runner.userTasks.close(taskId);
      await workQueue.cancelUserTask({ taskId });
    }
    elementHistory.changed(token.elementInstanceId, 'TERMINATED');
    // Closes the wait's own subscription and its boundaries' (and carries the history above).
    await correlation.closeSubscription({ instanceId: view.instanceId, elementInstanceId: token.elementInstanceId });
  }
  const droppedIds = new Set(dropped.map((token) => token.elementInstanceId));
  const variables: Variables = { ...request.variables };
  for (const start of request.start) Object.assign(variables, start.variables);
  return {
    result: undefined,
    pending: {
      edit: (state) => ({
        ...state,
        variables: { ...state.variables, ...variables },
        parked: state.parked.filter((token) => !droppedIds.has(token.elementInstanceId)),
        starts: request.start.map((start) => start.elementId),
      }),
    },
  };
}

function elementOf(graph: ProcessGraph, elementId: string): GraphElement {
  const element = graph.elements[elementId];
  if (!element) return refuse(elementId, `The process has no element '${elementId}'.`);
  return element;
}

function taskIdOf(state: unknown): string | undefined {
  const taskId = (state as { taskId?: unknown } | undefined)?.taskId;
  return typeof taskId === 'string' ? taskId : undefined;
}

/**
 * A parallel join of the process scope that some token can reach but that lacks, on one incoming flow, both an
 * arrival and a token that could still come by it.
 */
function strandedJoin(
  graph: ProcessGraph,
  positions: string[],
  arrivals: InstanceView['arrivals'],
): { joinId: string; flowId: string } | undefined {
  const index = new GraphIndex(graph);
  const reaches = (from: string, to: string) => from === to || index.canReach(from, to);
  const arrived = new Map(arrivals.map(([joinId, flows]) => [joinId, new Map(flows)]));
  for (const join of Object.values(graph.elements)) {
    if (join.type !== 'parallelGateway' || join.incoming.length < 2 || join.parentId) continue;
    if (!positions.some((position) => reaches(position, join.id))) continue;
    for (const flowId of join.incoming) {
      if ((arrived.get(join.id)?.get(flowId) ?? 0) > 0) continue;
      const sourceId = graph.flows[flowId]?.sourceId ?? '';
      if (!positions.some((position) => reaches(position, sourceId))) return { joinId: join.id, flowId };
    }
  }
  return undefined;
}
