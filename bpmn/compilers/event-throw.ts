/** The event definition of a throwing event (intermediate throw or end), compiled into what it throws. */
import type { EventThrow } from '../../shared/graph';
import type { CompileContext } from '../compile-context';
import { ref, str, typeName, type ModdleElement } from '../moddle';
import { errorOf, escalationCode, messageOf, signalNameOf } from './event-trigger';

export type ThrowKind = EventThrow['kind'];

/**
 * Link and none events are compiled by their callers; this covers every definition that throws something.
 * `what` names the event for messages: 'end event', 'intermediate throw event'.
 */
export function compileThrow(
  definition: ModdleElement,
  elementId: string,
  ctx: CompileContext,
  allowed: readonly ThrowKind[],
  what: string,
): EventThrow | undefined {
  if (definition.$instanceOf('bpmn:CancelEventDefinition')) {
    ctx.issue(
      elementId,
      'cancel events are not supported: they belong to transactions, which this engine does not run',
    );
    return undefined;
  }
  const result = throwOf(definition, elementId, ctx, what);
  if (result === 'unknown' || (result && !allowed.includes(result.kind))) {
    ctx.issue(elementId, `${typeName(definition).replace('EventDefinition', '')} ${what}s are not supported`);
    return undefined;
  }
  return result;
}

function throwOf(
  definition: ModdleElement,
  elementId: string,
  ctx: CompileContext,
  what: string,
): EventThrow | undefined | 'unknown' {
  if (definition.$instanceOf('bpmn:ErrorEventDefinition')) {
    const error = errorOf(definition);
    if (!error?.errorCode) {
      ctx.issue(
        elementId,
        `an error ${what} needs an error with an error code (errorRef to a bpmn:error with errorCode)`,
      );
      return undefined;
    }
    return error.errorMessage
      ? { kind: 'error', errorCode: error.errorCode, errorMessage: error.errorMessage }
      : { kind: 'error', errorCode: error.errorCode };
  }
  if (definition.$instanceOf('bpmn:EscalationEventDefinition')) {
    const code = escalationCode(definition);
    if (!code) {
      ctx.issue(
        elementId,
        `an escalation ${what} needs an escalation with an escalation code (escalationRef to a bpmn:escalation with escalationCode)`,
      );
      return undefined;
    }
    return { kind: 'escalation', escalationCode: code };
  }
  if (definition.$instanceOf('bpmn:SignalEventDefinition')) {
    const signalName = signalNameOf(definition, elementId, ctx);
    return signalName === undefined ? undefined : { kind: 'signal', signalName };
  }
  if (definition.$instanceOf('bpmn:MessageEventDefinition')) {
    const message = messageOf(definition, elementId, ctx, false);
    return message && { kind: 'message', ...message };
  }
  if (definition.$instanceOf('bpmn:CompensateEventDefinition')) {
    const activity = ref(definition, 'activityRef');
    const activityId = activity && str(activity, 'id');
    if (activity && !activity.$instanceOf('bpmn:Activity')) {
      ctx.issue(elementId, `a compensation event compensates an activity; '${activityId ?? '?'}' is not one`);
      return undefined;
    }
    // waitForCompletion is ignored: the engine always waits for the handlers, as Zeebe does.
    return activityId ? { kind: 'compensation', activityId } : { kind: 'compensation' };
  }
  if (definition.$instanceOf('bpmn:TerminateEventDefinition')) return { kind: 'terminate' };
  return 'unknown';
}

/** A signal or message thrown by the engine carries the event's input mappings as its variables (as in Zeebe). */
export function withPayload<T extends EventThrow>(
  throws: T,
  element: ModdleElement,
  elementId: string,
  ctx: CompileContext,
): T {
  if (throws.kind !== 'signal' && throws.kind !== 'message') return throws;
  const { inputs } = ctx.ioMapping(element, elementId);
  return inputs.length > 0 ? { ...throws, variables: inputs } : throws;
}
