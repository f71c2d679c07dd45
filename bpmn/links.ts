/**
 * Link events: a link throw continues at the link catch with the same name in the same scope. The pair becomes one
 * synthetic sequence flow `link:<throwId>`, so the interpreter never sees links at all.
 */
import type { CompileContext } from './compile-context';
import { eventDefinitions, str, type ModdleElement } from './moddle';
import type { GraphParts } from './scope';

/** The link name of a link event; '' for a link event without a name (reported by its compiler); undefined otherwise. */
function linkName(node: ModdleElement): string | undefined {
  const definitions = eventDefinitions(node);
  const [definition] = definitions;
  if (definitions.length !== 1 || !definition?.$instanceOf('bpmn:LinkEventDefinition')) return undefined;
  return str(definition, 'name') ?? '';
}

export function linkScope(nodes: ModdleElement[], parts: GraphParts, ctx: CompileContext): void {
  const catches = new Map<string, string[]>();
  for (const node of nodes.filter((candidate) => candidate.$instanceOf('bpmn:IntermediateCatchEvent'))) {
    const name = linkName(node);
    if (!name) continue;
    const ids = catches.get(name) ?? [];
    ids.push(str(node, 'id') ?? '');
    catches.set(name, ids);
  }
  for (const [name, ids] of catches) {
    if (ids.length > 1)
      ctx.issue(
        ids[1] ?? '',
        `link catch events ${ids.map((id) => `'${id}'`).join(' and ')} share the link name '${name}' in one scope; a link throw could not tell where to go`,
      );
  }
  for (const node of nodes.filter((candidate) => candidate.$instanceOf('bpmn:IntermediateThrowEvent'))) {
    const name = linkName(node);
    const throwId = str(node, 'id') ?? '';
    if (name === undefined) continue;
    parts.linkThrowIds.add(throwId);
    const targets = name ? (catches.get(name) ?? []) : [];
    if (name && targets.length === 0)
      ctx.issue(throwId, `there is no link catch event named '${name}' in the same scope for this link throw`);
    const throwElement = parts.elements[throwId];
    const catchElement = targets.length === 1 ? parts.elements[targets[0] ?? ''] : undefined;
    if (!throwElement || !catchElement) continue;
    const flowId = `link:${throwId}`;
    parts.flows[flowId] = { id: flowId, sourceId: throwId, targetId: catchElement.id };
    throwElement.outgoing = [flowId];
    catchElement.incoming.push(flowId);
  }
}
