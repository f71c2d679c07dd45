/**
 * Features an element can carry that the engine does not run yet. An element type we support may still use one
 * of them (a user task with multi-instance, a compensation handler, Zeebe listeners); silently ignoring it would
 * run the model differently from what the analyst drew, so each is rejected at deploy time with the element id.
 */
import type { CompileContext } from './compile-context';
import { extension, ref, type ModdleElement } from './moddle';

const unsupportedExtensions: Array<[type: string, what: string]> = [
  ['zeebe:ExecutionListeners', 'execution listeners (zeebe:executionListeners)'],
  ['zeebe:TaskListeners', 'task listeners (zeebe:taskListeners)'],
  ['zeebe:CalledDecision', 'DMN decisions (zeebe:calledDecision)'],
];

export function rejectUnsupportedFeatures(node: ModdleElement, elementId: string, ctx: CompileContext): void {
  const loop = ref(node, 'loopCharacteristics');
  if (loop) {
    const kind = loop.$instanceOf('bpmn:MultiInstanceLoopCharacteristics') ? 'multi-instance' : 'loop';
    ctx.issue(elementId, `${kind} characteristics are not supported yet; the element would run only once`);
  }
  if (node['isForCompensation'] === true) ctx.issue(elementId, 'compensation handlers are not supported yet');
  for (const [type, what] of unsupportedExtensions) {
    if (extension(node, type)) ctx.issue(elementId, `${what} are not supported yet`);
  }
}
