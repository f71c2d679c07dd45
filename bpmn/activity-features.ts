/**
 * What any activity may carry besides its own semantics: multi-instance or standard loop characteristics, and
 * isForCompensation. Read here once for every activity compiler's result rather than in each compiler.
 */
import type { ElementOfType, GraphElement, MultiInstanceDefinition, StandardLoopDefinition } from '../shared/graph';
import type { CompileContext } from './compile-context';
import { expressionBody, extension, ref, str, type ModdleElement } from './moddle';

const ACTIVITY_TYPES = [
  'userTask',
  'serviceTask',
  'scriptTask',
  'businessRuleTask',
  'passThrough',
  'receiveTask',
  'subProcess',
  'callActivity',
] as const;
type ActivityElement = ElementOfType<(typeof ACTIVITY_TYPES)[number]>;

function isActivity(element: GraphElement): element is ActivityElement {
  return (ACTIVITY_TYPES as readonly string[]).includes(element.type);
}

export function applyActivityFeatures(node: ModdleElement, element: GraphElement, ctx: CompileContext): void {
  const loop = ref(node, 'loopCharacteristics');
  const forCompensation = node['isForCompensation'] === true;
  if (!loop && !forCompensation) return;
  // Events never carry these; an event sub-process is the one activity in BPMN's hierarchy that cannot.
  if (!node.$instanceOf('bpmn:Activity') || !isActivity(element)) {
    ctx.issue(element.id, 'an event sub-process cannot loop, be multi-instance or be a compensation handler');
    return;
  }
  if (forCompensation) element.forCompensation = true;
  if (loop?.$instanceOf('bpmn:MultiInstanceLoopCharacteristics')) {
    const multiInstance = compileMultiInstance(loop, element.id, ctx);
    if (multiInstance) element.multiInstance = multiInstance;
  } else if (loop?.$instanceOf('bpmn:StandardLoopCharacteristics')) {
    const standardLoop = compileStandardLoop(loop, element.id, ctx);
    if (standardLoop) element.loop = standardLoop;
  }
}

function compileMultiInstance(
  loop: ModdleElement,
  elementId: string,
  ctx: CompileContext,
): MultiInstanceDefinition | undefined {
  const zeebe = extension(loop, 'zeebe:LoopCharacteristics');
  const feel = (raw: string | undefined, what: string) =>
    raw === undefined ? undefined : ctx.feel(raw.replace(/^=/, ''), elementId, what);
  if (ref(loop, 'loopCardinality')) {
    ctx.issue(
      elementId,
      'loopCardinality is not supported; give a list to iterate over (zeebe:loopCharacteristics inputCollection)',
    );
  }
  const rawCollection = zeebe && str(zeebe, 'inputCollection');
  if (!rawCollection) {
    ctx.issue(elementId, 'a multi-instance activity needs an inputCollection (zeebe:loopCharacteristics)');
    return undefined;
  }
  const inputCollection = feel(rawCollection, 'the input collection');
  const outputCollection = zeebe && str(zeebe, 'outputCollection');
  const rawOutputElement = zeebe && str(zeebe, 'outputElement');
  if ((outputCollection === undefined) !== (rawOutputElement === undefined)) {
    ctx.issue(
      elementId,
      'a multi-instance activity needs both outputCollection and outputElement (zeebe:loopCharacteristics), or neither',
    );
  }
  const outputElement = feel(rawOutputElement, 'the output element');
  const rawCompletion = expressionBody(loop, 'completionCondition');
  const completionCondition = feel(rawCompletion, 'the completion condition');
  if (inputCollection === undefined || (rawOutputElement && !outputElement) || (rawCompletion && !completionCondition))
    return undefined;

  const definition: MultiInstanceDefinition = { sequential: loop['isSequential'] === true, inputCollection };
  const inputElement = zeebe && str(zeebe, 'inputElement');
  if (inputElement) definition.inputElement = inputElement;
  if (outputCollection && outputElement) Object.assign(definition, { outputCollection, outputElement });
  if (completionCondition) definition.completionCondition = completionCondition;
  return definition;
}

function compileStandardLoop(
  loop: ModdleElement,
  elementId: string,
  ctx: CompileContext,
): StandardLoopDefinition | undefined {
  const rawCondition = expressionBody(loop, 'loopCondition');
  const loopCondition =
    rawCondition === undefined ? undefined : ctx.feel(rawCondition.replace(/^=/, ''), elementId, 'the loop condition');
  const rawMaximum: unknown = loop['loopMaximum'];
  const loopMaximum = rawMaximum === undefined ? undefined : Number(rawMaximum);
  if (loopMaximum !== undefined && (!Number.isInteger(loopMaximum) || loopMaximum < 1)) {
    ctx.issue(elementId, `loopMaximum must be a whole number of at least 1, not '${String(rawMaximum)}'`);
    return undefined;
  }
  if (rawCondition === undefined && loopMaximum === undefined) {
    ctx.issue(
      elementId,
      'a standard loop needs a loop condition, a loopMaximum, or both; otherwise it would never end',
    );
    return undefined;
  }
  if (rawCondition !== undefined && loopCondition === undefined) return undefined;
  const definition: StandardLoopDefinition = { testBefore: loop['testBefore'] === true };
  if (loopCondition !== undefined) definition.loopCondition = loopCondition;
  if (loopMaximum !== undefined) definition.loopMaximum = loopMaximum;
  return definition;
}
