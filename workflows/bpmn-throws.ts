/**
 * BPMN errors and escalations inside the interpreter: plain exceptions that unwind the token's call stack until the
 * element that catches them. The catcher (a boundary event or an event sub-process) is chosen when the event is
 * thrown, by walking out through the enclosing scopes, so every level only has to ask "is this mine?".
 */
import type { Variables } from '../shared/feel';

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
