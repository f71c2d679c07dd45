/**
 * BPMN XML → validated process graphs. Every problem found is reported with the element id and a reason, all at
 * once, so an analyst can fix a model in one pass; nothing invalid ever reaches the interpreter.
 */
import { AppError } from '../shared/app-error';
import type { GraphElement, ProcessGraph, SequenceFlow } from '../shared/graph';
import { CompileContext } from './compile-context';
import { elementCompilers, passiveElementTypes } from './compilers';
import { list, parseBpmn, ref, str, type ModdleElement } from './moddle';
import { rejectUnsupportedFeatures } from './unsupported-features';
import { assertSafeXml, type XmlLimits } from './xml-guard';

export async function compileBpmn(xml: string, limits?: XmlLimits): Promise<ProcessGraph[]> {
  assertSafeXml(xml, limits);
  const definitions = await parseBpmn(xml);
  const processes = list(definitions, 'rootElements').filter((root) => root.$instanceOf('bpmn:Process'));
  const executable = processes.filter((process) => process['isExecutable'] === true);
  if (executable.length === 0) {
    const elementId = processes[0] ? str(processes[0], 'id') : undefined;
    throw new AppError('BPMN_INVALID', 'The document has no executable process: mark a process isExecutable="true".', { elementId });
  }
  const ctx = new CompileContext();
  const graphs = executable.map((process) => compileProcess(process, ctx));
  if (ctx.issues.length > 0) {
    const [first] = ctx.issues;
    const unsupported = ctx.issues.every((issue) => issue.message.includes('not supported'));
    const summary = ctx.issues.map((issue) => `${issue.elementId}: ${issue.message}`).join('; ');
    throw new AppError(unsupported ? 'BPMN_UNSUPPORTED' : 'BPMN_INVALID', `The model cannot be deployed. ${summary}`, {
      elementId: first?.elementId,
      issues: ctx.issues,
    });
  }
  return graphs;
}

function compileProcess(process: ModdleElement, ctx: CompileContext): ProcessGraph {
  ctx.usesLegalTime = false;
  const processId = str(process, 'id') ?? '';
  if (!/^[A-Za-z_][\w.-]*$/.test(processId)) ctx.issue(processId, 'the process id must start with a letter or _ and use letters, digits, _, - and . only');
  const flowElements = list(process, 'flowElements');
  const flows: Record<string, SequenceFlow> = {};
  const elements: Record<string, GraphElement> = {};

  for (const flow of flowElements.filter((element) => element.$instanceOf('bpmn:SequenceFlow'))) {
    const compiled = compileFlow(flow, ctx);
    if (compiled) flows[compiled.id] = compiled;
  }
  for (const node of flowElements.filter((element) => !element.$instanceOf('bpmn:SequenceFlow'))) {
    const id = str(node, 'id') ?? '';
    if (passiveElementTypes.has(node.$type)) continue;
    const compiler = elementCompilers[node.$type];
    if (!compiler) {
      ctx.issue(id, `${node.$type.replace('bpmn:', '')} elements are not supported by this engine yet`);
      continue;
    }
    const base = {
      id,
      name: str(node, 'name'),
      incoming: Object.values(flows).filter((flow) => flow.targetId === id).map((flow) => flow.id),
      outgoing: Object.values(flows).filter((flow) => flow.sourceId === id).map((flow) => flow.id),
    };
    rejectUnsupportedFeatures(node, id, ctx);
    const element = compiler(node, base, ctx);
    if (element) elements[id] = element;
  }
  checkFlowRules(elements, flows, ctx);

  const starts = Object.values(elements).filter((element) => element.type === 'startEvent');
  if (starts.length === 0) ctx.issue(processId, 'the process has no start event');
  if (starts.length > 1) ctx.issue(processId, `the process has ${starts.length} none start events; it needs exactly one`);
  const graph: ProcessGraph = { formatVersion: 1, processId, name: str(process, 'name'), startEventId: starts[0]?.id ?? '', elements, flows };
  if (ctx.usesLegalTime) graph.usesLegalTime = true;
  return graph;
}

function compileFlow(flow: ModdleElement, ctx: CompileContext): SequenceFlow | undefined {
  const id = str(flow, 'id') ?? '';
  const sourceId = str(ref(flow, 'sourceRef') ?? flow, 'id');
  const targetId = str(ref(flow, 'targetRef') ?? flow, 'id');
  if (!sourceId || !targetId || sourceId === id || targetId === id) {
    ctx.issue(id, 'the sequence flow must connect a source and a target element');
    return undefined;
  }
  const expression = ref(flow, 'conditionExpression');
  const body = expression ? str(expression, 'body') : undefined;
  const condition = body === undefined ? undefined : ctx.feel(body.trim().replace(/^=/, ''), id, 'the condition');
  if (expression && body === undefined) ctx.issue(id, 'the condition expression is empty');
  return { id, name: str(flow, 'name'), sourceId, targetId, condition };
}

/** Rules that involve an element and its flows together. */
function checkFlowRules(elements: Record<string, GraphElement>, flows: Record<string, SequenceFlow>, ctx: CompileContext): void {
  for (const flow of Object.values(flows)) {
    const source = elements[flow.sourceId];
    if (flow.condition !== undefined && source?.type === 'parallelGateway') {
      ctx.issue(flow.id, `a parallel gateway takes every outgoing flow, so the condition on this flow from '${source.id}' would be ignored; remove it or use an exclusive gateway`);
    } else if (flow.condition !== undefined && source && source.type !== 'exclusiveGateway') {
      ctx.issue(flow.id, `conditions on flows leaving a ${source.type} are not supported; put an exclusive gateway before them`);
    }
  }
  for (const element of Object.values(elements)) {
    if (element.type !== 'endEvent' && element.outgoing.length === 0) {
      ctx.issue(element.id, 'the element has no outgoing sequence flow; end the path with an end event');
    }
    if (element.type === 'exclusiveGateway' && element.outgoing.length > 1) {
      for (const flowId of element.outgoing) {
        if (flowId !== element.defaultFlowId && flows[flowId]?.condition === undefined) {
          ctx.issue(flowId, `this flow leaves exclusive gateway '${element.id}' without a condition and is not its default flow`);
        }
      }
    }
  }
}
