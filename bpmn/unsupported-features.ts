/**
 * Features an element can carry that the engine does not run yet. An element type we support may still use one
 * of them (Zeebe listeners); silently ignoring it would run the model differently from what the
 * analyst drew, so each is rejected at deploy time with the element id.
 */
import type { CompileContext } from './compile-context';
import { extension, type ModdleElement } from './moddle';

export const unsupportedExtensions: Array<[type: string, what: string]> = [
  ['zeebe:ExecutionListeners', 'execution listeners (zeebe:executionListeners)'],
  ['zeebe:TaskListeners', 'task listeners (zeebe:taskListeners)'],
];

/** Element types the engine will not run, with the reason an analyst can act on. */
export const unsupportedElementReasons: Readonly<Record<string, string>> = {
  'bpmn:Transaction': 'transactions are not supported; use an embedded sub-process with compensation boundary events',
  'bpmn:AdHocSubProcess':
    'ad-hoc sub-processes are not supported; model the order explicitly, e.g. with an inclusive gateway',
  'bpmn:ComplexGateway':
    'ComplexGateway elements are not supported by this engine; use an exclusive, inclusive or parallel gateway',
};

export function rejectUnsupportedFeatures(node: ModdleElement, elementId: string, ctx: CompileContext): void {
  for (const [type, what] of unsupportedExtensions) {
    if (extension(node, type)) ctx.issue(elementId, `${what} are not supported yet`);
  }
}
