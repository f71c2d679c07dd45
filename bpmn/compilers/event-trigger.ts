/**
 * The event definition of a catching event (start, intermediate catch, boundary, receive task message), compiled into
 * a trigger, and the references event definitions share: bpmn:Message, bpmn:Signal, bpmn:Error, bpmn:Escalation.
 * Which kinds an event may use depends on where it sits, so callers pass the kinds they allow.
 */
import type { EventTrigger, TimerDefinition, TriggerKind, ValueSource } from '../../shared/graph';
import { cycleTooShort } from '../../shared/engine-limits';
import { scheduleTimer, TimerValueError } from '../../shared/timer';
import type { CompileContext } from '../compile-context';
import { eventDefinitions, expressionBody, extension, ref, str, typeName, type ModdleElement } from '../moddle';

export interface TriggerRules {
  allowed: readonly TriggerKind[];
  /** What the event is, for messages: 'a boundary event'. */
  what: string;
  /** Catches inside a running instance find it by correlation key; process start events need none. */
  messageNeedsKey: boolean;
}

const definitionKinds: Array<[type: string, kind: TriggerKind]> = [
  ['bpmn:TimerEventDefinition', 'timer'],
  ['bpmn:MessageEventDefinition', 'message'],
  ['bpmn:SignalEventDefinition', 'signal'],
  ['bpmn:ErrorEventDefinition', 'error'],
  ['bpmn:EscalationEventDefinition', 'escalation'],
  ['bpmn:ConditionalEventDefinition', 'conditional'],
  ['bpmn:CompensateEventDefinition', 'compensation'],
];

/** The single event definition of an event, or undefined (with an issue) when there are several. */
export function singleDefinition(
  element: ModdleElement,
  elementId: string,
  ctx: CompileContext,
): ModdleElement | undefined | 'several' {
  const definitions = eventDefinitions(element);
  if (definitions.length > 1) {
    ctx.issue(elementId, 'an event with several event definitions (a multiple event) is not supported');
    return 'several';
  }
  return definitions[0];
}

export function compileTrigger(
  element: ModdleElement,
  elementId: string,
  ctx: CompileContext,
  rules: TriggerRules,
): EventTrigger | undefined {
  const definition = singleDefinition(element, elementId, ctx);
  if (definition === 'several') return undefined;
  if (!definition) {
    ctx.issue(elementId, `${rules.what} needs an event definition (${rules.allowed.join(', ')})`);
    return undefined;
  }
  return compileDefinition(definition, elementId, ctx, rules);
}

/** Compiles one event definition into a trigger, if its kind is allowed here. */
export function compileDefinition(
  definition: ModdleElement,
  elementId: string,
  ctx: CompileContext,
  rules: TriggerRules,
): EventTrigger | undefined {
  if (definition.$instanceOf('bpmn:CancelEventDefinition')) {
    ctx.issue(
      elementId,
      'cancel events are not supported: they belong to transactions, which this engine does not run',
    );
    return undefined;
  }
  const kind = definitionKinds.find(([type]) => definition.$instanceOf(type))?.[1];
  if (!kind || !rules.allowed.includes(kind)) {
    const name = typeName(definition).replace('EventDefinition', '');
    ctx.issue(elementId, `${name} triggers are not supported on ${rules.what} (${rules.allowed.join(', ')} are)`);
    return undefined;
  }
  switch (kind) {
    case 'timer': {
      const timer = compileTimer(definition, elementId, ctx);
      return timer && { kind, timer };
    }
    case 'message': {
      const message = messageOf(definition, elementId, ctx, rules.messageNeedsKey);
      return message && { kind, ...message };
    }
    case 'signal': {
      const signalName = signalNameOf(definition, elementId, ctx);
      return signalName === undefined ? undefined : { kind, signalName };
    }
    case 'error':
      // No error, or an error without a code: catches every error.
      return { kind, errorCode: errorOf(definition)?.errorCode };
    case 'escalation':
      return { kind, escalationCode: escalationCode(definition) };
    case 'conditional': {
      const body = expressionBody(definition, 'condition');
      if (body === undefined) {
        ctx.issue(elementId, 'a conditional event needs a condition');
        return undefined;
      }
      const condition = ctx.feel(body.replace(/^=/, ''), elementId, 'the condition');
      return condition === undefined ? undefined : { kind, condition };
    }
    case 'compensation':
      return { kind };
  }
}

const MESSAGE_CATCH_NEEDS =
  'a message catch needs a message name and a correlation key (messageRef to a bpmn:message with a name and zeebe:subscription correlationKey)';

/**
 * The message of a message event definition or receive task: its name, and the correlation key Zeebe keeps on the
 * message (zeebe:subscription). A catch inside a running instance needs the key to find its instance.
 */
export function messageOf(
  owner: ModdleElement,
  elementId: string,
  ctx: CompileContext,
  needsKey: boolean,
): { messageName: string; correlationKey?: ValueSource } | undefined {
  const message = ref(owner, 'messageRef');
  const messageName = message && str(message, 'name');
  const subscription = message && extension(message, 'zeebe:Subscription');
  const rawKey = subscription && str(subscription, 'correlationKey');
  if (!message || !messageName || (needsKey && !rawKey)) {
    ctx.issue(
      elementId,
      needsKey
        ? MESSAGE_CATCH_NEEDS
        : 'a message event needs a message with a name (messageRef to a bpmn:message with a name)',
    );
    return undefined;
  }
  if (messageName.startsWith('=')) {
    ctx.issue(elementId, 'a FEEL expression as the message name is not supported yet; give a fixed name');
    return undefined;
  }
  if (rawKey === undefined) return { messageName };
  const correlationKey = ctx.value(rawKey, elementId, 'the correlation key');
  return correlationKey && { messageName, correlationKey };
}

export function signalNameOf(definition: ModdleElement, elementId: string, ctx: CompileContext): string | undefined {
  const signal = ref(definition, 'signalRef');
  const name = signal && str(signal, 'name');
  if (!name) ctx.issue(elementId, 'a signal event needs a signal with a name (signalRef to a bpmn:signal with a name)');
  else if (name.startsWith('=')) {
    ctx.issue(elementId, 'a FEEL expression as the signal name is not supported yet; give a fixed name');
    return undefined;
  }
  return name;
}

export function errorOf(definition: ModdleElement): { errorCode?: string; errorMessage?: string } | undefined {
  const error = ref(definition, 'errorRef');
  return error && { errorCode: str(error, 'errorCode'), errorMessage: str(error, 'name') };
}

export function escalationCode(definition: ModdleElement): string | undefined {
  const escalation = ref(definition, 'escalationRef');
  return escalation && str(escalation, 'escalationCode');
}

const timerProperties: Array<[property: string, kind: TimerDefinition['kind']]> = [
  ['timeDate', 'date'],
  ['timeDuration', 'duration'],
  ['timeCycle', 'cycle'],
];

function compileTimer(definition: ModdleElement, elementId: string, ctx: CompileContext): TimerDefinition | undefined {
  const given = timerProperties.flatMap(([property, kind]) => {
    const body = expressionBody(definition, property);
    return body ? [{ kind, body }] : [];
  });
  if (given.length !== 1) {
    ctx.issue(elementId, 'a timer needs exactly one of a date, a duration or a cycle');
    return undefined;
  }
  const [{ kind, body }] = given as [{ kind: TimerDefinition['kind']; body: string }];
  const value = ctx.value(body, elementId, `the timer ${kind}`);
  if (value?.kind === 'static') {
    try {
      const tooShort = cycleTooShort(scheduleTimer(kind, value.value, 0).intervalMs, ctx.engineLimits);
      if (tooShort) throw new TimerValueError(tooShort);
    } catch (error) {
      if (!(error instanceof TimerValueError)) throw error;
      ctx.issue(elementId, `the timer ${kind} is invalid: ${error.message}`);
      return undefined;
    }
  }
  return value && { kind, value };
}
