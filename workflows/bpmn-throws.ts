/**
 * BPMN errors and escalations inside the interpreter: plain exceptions that unwind the token's call stack until the
 * element that catches them (a boundary event's host, or the scope owning an event sub-process). The catcher (a boundary event or an event sub-process) is chosen when the event is
 * thrown, by walking out through the enclosing scopes, so every level only has to ask "is this mine?".
 */
import type { Variables } from '../shared/feel';
import type { GraphIndex } from './graph-index';
import type { ScopeExecution } from './scope-execution';

export class BpmnThrow extends Error {
  constructor(
    readonly kind: 'error' | 'escalation',
    readonly code: string,
    /** The boundary event or event sub-process that catches it. */
    readonly catcherId: string,
    readonly variables: Variables = {},
  ) {
    super(`BPMN ${kind} '${code}'`);
    this.name = 'BpmnThrow';
  }
}

/** Does a catching trigger's code match a thrown code? A catcher without a code catches every one. */
export function catchesCode(catcherCode: string | undefined, thrownCode: string): boolean {
  return catcherCode === undefined || catcherCode === thrownCode;
}

/** Who catches a thrown error or escalation, and the scope its token starts in. */
export interface Catcher {
  id: string;
  interrupting: boolean;
  scope: ScopeExecution;
}

/**
 * The nearest catcher of an error or escalation thrown at an element: the element's own boundary events, then
 * outwards through each enclosing scope's event sub-processes and its container's boundary events.
 */
export function findCatcher(
  graph: GraphIndex,
  scope: ScopeExecution,
  elementId: string,
  kind: 'error' | 'escalation',
  code: string,
): Catcher | undefined {
  const own = graph.boundaryCatching(elementId, kind, code);
  if (own) return { id: own.id, interrupting: own.cancelActivity, scope };
  let current: ScopeExecution | undefined = scope;
  let leftEventSubProcess = false;
  while (current) {
    if (current.kind !== 'body' && !leftEventSubProcess) {
      const eventSubProcess = graph.eventSubProcessCatching(current.containerId, kind, code);
      if (eventSubProcess)
        return {
          id: eventSubProcess.element.id,
          interrupting: eventSubProcess.start.interrupting !== false,
          scope: current,
        };
    }
    if (current.containerId !== undefined && current.kind !== 'eventSubProcess') {
      const boundary = graph.boundaryCatching(current.containerId, kind, code);
      if (boundary) return { id: boundary.id, interrupting: boundary.cancelActivity, scope: scopeHolding(current) };
    }
    // An error leaving an event sub-process is not caught by its siblings (that could loop forever).
    leftEventSubProcess = current.kind === 'eventSubProcess';
    current = current.parent;
  }
  return undefined;
}

/** The scope a container element's own token runs in (outside its sub-process and multi-instance bodies). */
function scopeHolding(inner: ScopeExecution): ScopeExecution {
  let scope = inner.parent ?? inner;
  while (scope.parent && scope.kind === 'body' && scope.containerId === inner.containerId) scope = scope.parent;
  return scope;
}
