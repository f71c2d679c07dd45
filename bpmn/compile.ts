/**
 * BPMN XML → validated process graphs. Every problem found is reported with the element id and a reason, all at
 * once, so an analyst can fix a model in one pass; nothing invalid ever reaches the interpreter.
 */
import { AppError } from '../shared/app-error';
import { DEFAULT_ENGINE_LIMITS, type EngineLimits } from '../shared/engine-limits';
import { GRAPH_FORMAT_VERSION, type ProcessGraph } from '../shared/graph';
import { CompileContext } from './compile-context';
import { checkFlowRules } from './flow-rules';
import { extension, extensions, list, parseBpmn, str, type ModdleElement } from './moddle';
import { compileScope, type GraphParts } from './scope';
import { assertSafeXml, type XmlLimits } from './xml-guard';
import { compileSensitiveVariables } from './sensitive-variables';
import { compileExecutionListeners } from './listeners';

/** `engineLimits` are what the engine refuses to run (a timer cycle shorter than its minimum period). */
export async function compileBpmn(
  xml: string,
  limits?: XmlLimits,
  engineLimits: EngineLimits = DEFAULT_ENGINE_LIMITS,
): Promise<ProcessGraph[]> {
  assertSafeXml(xml, limits);
  const definitions = await parseBpmn(xml);
  const processes = list(definitions, 'rootElements').filter((root) => root.$instanceOf('bpmn:Process'));
  const executable = processes.filter((process) => process['isExecutable'] === true);
  if (executable.length === 0) {
    const elementId = processes[0] ? str(processes[0], 'id') : undefined;
    throw new AppError('BPMN_INVALID', 'The document has no executable process: mark a process isExecutable="true".', {
      elementId,
    });
  }
  const ctx = new CompileContext(engineLimits);
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
  const embeddedForms = compileEmbeddedForms(process, processId, ctx);
  const sensitiveVariables = compileSensitiveVariables(process, processId, ctx);
  const executionListeners = compileExecutionListeners(process, processId, ctx);
  if (!/^[A-Za-z_][\w.-]*$/.test(processId))
    ctx.issue(processId, 'the process id must start with a letter or _ and use letters, digits, _, - and . only');
  const parts: GraphParts = { elements: {}, flows: {}, linkThrowIds: new Set() };
  compileScope(process, undefined, parts, ctx);
  checkFlowRules(parts, ctx);

  // Counted in the XML, so a start event that failed to compile is not also reported as missing.
  if (!list(process, 'flowElements').some((element) => element.$instanceOf('bpmn:StartEvent')))
    ctx.issue(processId, 'the process has no start event');
  const noneStarts = Object.values(parts.elements).filter(
    (element) => element.type === 'startEvent' && element.parentId === undefined && !element.trigger,
  );
  if (noneStarts.length > 1)
    ctx.issue(processId, `the process has ${noneStarts.length} none start events; it can have at most one`);
  const graph: ProcessGraph = {
    formatVersion: GRAPH_FORMAT_VERSION,
    processId,
    name: str(process, 'name'),
    startEventId: noneStarts[0]?.id ?? '',
    elements: parts.elements,
    flows: parts.flows,
  };
  const versionTag = extension(process, 'zeebe:VersionTag');
  const versionTagValue = versionTag && str(versionTag, 'value');
  if (versionTagValue) graph.versionTag = versionTagValue;
  if (ctx.usesLegalTime) graph.usesLegalTime = true;
  if (Object.keys(embeddedForms).length > 0) graph.embeddedForms = embeddedForms;
  if (sensitiveVariables.length > 0) graph.sensitiveVariables = sensitiveVariables;
  if (executionListeners.length > 0) graph.executionListeners = executionListeners;
  return graph;
}

/** zeebe:userTaskForm: a form-js schema as JSON in the process's extension elements. */
function compileEmbeddedForms(
  process: ModdleElement,
  processId: string,
  ctx: CompileContext,
): NonNullable<ProcessGraph['embeddedForms']> {
  const forms: NonNullable<ProcessGraph['embeddedForms']> = {};
  ctx.embeddedFormIds = new Set();
  for (const embedded of extensions(process, 'zeebe:UserTaskForm')) {
    const id = str(embedded, 'id');
    if (!id) {
      ctx.issue(processId, 'an embedded form (zeebe:userTaskForm) has no id');
      continue;
    }
    let schema: unknown;
    try {
      schema = JSON.parse(str(embedded, 'body') ?? '');
    } catch (error) {
      ctx.issue(processId, `the embedded form '${id}' is not valid JSON: ${(error as Error).message}`);
      continue;
    }
    if (
      typeof schema !== 'object' ||
      schema === null ||
      !Array.isArray((schema as { components?: unknown }).components)
    ) {
      ctx.issue(processId, `the embedded form '${id}' is no form-js form: it has no \`components\` array`);
      continue;
    }
    forms[id] = schema as Record<string, unknown>;
    ctx.embeddedFormIds.add(id);
  }
  return forms;
}
