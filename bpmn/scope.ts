/**
 * Walks a process and its (event) sub-processes. Each scope's flows and nodes are compiled on their own, so incoming
 * and outgoing stay within the scope, and everything is flattened into the graph's one `elements` and `flows` maps
 * with parentId naming the sub-process an element sits in.
 */
import type { GraphElement, SequenceFlow } from '../shared/graph';
import { applyActivityFeatures } from './activity-features';
import type { CompileContext } from './compile-context';
import { elementCompilers, passiveElementTypes, scopeElementTypes } from './compilers';
import type { NodeBase } from './compilers/types';
import { linkScope } from './links';
import { compileListeners } from './listeners';
import { list, ref, str, typeName, type ModdleElement } from './moddle';
import { unsupportedElementReasons } from './unsupported-features';

export interface GraphParts {
  elements: Record<string, GraphElement>;
  flows: Record<string, SequenceFlow>;
  /** Link throw events: they leave by the synthetic flow to their catch, not by a sequence flow of their own. */
  linkThrowIds: Set<string>;
}

export function compileScope(
  container: ModdleElement,
  parentId: string | undefined,
  parts: GraphParts,
  ctx: CompileContext,
): void {
  const flowElements = list(container, 'flowElements');
  const scopeFlows: SequenceFlow[] = [];
  for (const flow of flowElements.filter((element) => element.$instanceOf('bpmn:SequenceFlow'))) {
    const compiled = compileFlow(flow, container, ctx);
    if (compiled) {
      scopeFlows.push(compiled);
      parts.flows[compiled.id] = compiled;
    }
  }
  const nodes = flowElements.filter(
    (element) => !element.$instanceOf('bpmn:SequenceFlow') && !passiveElementTypes.has(element.$type),
  );
  for (const node of nodes) {
    const id = str(node, 'id') ?? '';
    const reason = unsupportedElementReasons[node.$type];
    const compiler = elementCompilers[node.$type];
    if (reason || !compiler) {
      ctx.issue(id, reason ?? `${typeName(node)} elements are not supported by this engine yet`);
      continue;
    }
    const base: NodeBase = {
      id,
      name: str(node, 'name'),
      incoming: scopeFlows.filter((flow) => flow.targetId === id).map((flow) => flow.id),
      outgoing: scopeFlows.filter((flow) => flow.sourceId === id).map((flow) => flow.id),
    };
    if (parentId !== undefined) base.parentId = parentId;
    const element = compiler(node, base, ctx);
    if (element) {
      applyActivityFeatures(node, element, ctx);
      compileListeners(node, element, ctx);
      parts.elements[id] = element;
    }
    // Inner issues are worth reporting even when the sub-process itself has one.
    if (scopeElementTypes.has(node.$type)) compileScope(node, id, parts, ctx);
  }
  linkScope(nodes, parts, ctx);
}

function compileFlow(flow: ModdleElement, scope: ModdleElement, ctx: CompileContext): SequenceFlow | undefined {
  const id = str(flow, 'id') ?? '';
  const source = ref(flow, 'sourceRef');
  const target = ref(flow, 'targetRef');
  const sourceId = str(source ?? flow, 'id');
  const targetId = str(target ?? flow, 'id');
  if (!sourceId || !targetId || sourceId === id || targetId === id) {
    ctx.issue(id, 'the sequence flow must connect a source and a target element');
    return undefined;
  }
  if (source?.$parent !== scope || target?.$parent !== scope) {
    ctx.issue(
      id,
      'a sequence flow cannot cross the boundary of a sub-process; connect to the sub-process itself, or to its start or end event inside',
    );
    return undefined;
  }
  const expression = ref(flow, 'conditionExpression');
  const body = expression ? str(expression, 'body') : undefined;
  const condition = body === undefined ? undefined : ctx.feel(body.trim().replace(/^=/, ''), id, 'the condition');
  if (expression && body === undefined) ctx.issue(id, 'the condition expression is empty');
  return { id, name: str(flow, 'name'), sourceId, targetId, condition };
}
