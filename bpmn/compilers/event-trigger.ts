/** The event definition of a catching event, compiled into a trigger. Only timers so far. */
import type { EventTrigger, TimerDefinition } from '../../shared/graph';
import { scheduleTimer, TimerValueError } from '../../shared/timer';
import type { CompileContext } from '../compile-context';
import { list, ref, str, type ModdleElement } from '../moddle';

const timerProperties: Array<[property: string, kind: TimerDefinition['kind']]> = [
  ['timeDate', 'date'],
  ['timeDuration', 'duration'],
  ['timeCycle', 'cycle'],
];

export function compileTrigger(element: ModdleElement, elementId: string, ctx: CompileContext): EventTrigger | undefined {
  const definitions = list(element, 'eventDefinitions');
  if (definitions.length !== 1) {
    ctx.issue(elementId, definitions.length === 0 ? 'a catching event needs an event definition (a timer, for now)' : 'an event with several definitions is not supported');
    return undefined;
  }
  const [definition] = definitions as [ModdleElement];
  if (!definition.$instanceOf('bpmn:TimerEventDefinition')) {
    ctx.issue(elementId, `${definition.$type.replace('bpmn:', '')} events are not supported here yet; timers are`);
    return undefined;
  }
  const timer = compileTimer(definition, elementId, ctx);
  return timer && { kind: 'timer', timer };
}

function compileTimer(definition: ModdleElement, elementId: string, ctx: CompileContext): TimerDefinition | undefined {
  const given = timerProperties.flatMap(([property, kind]) => {
    const expression = ref(definition, property);
    const body = expression && str(expression, 'body')?.trim();
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
      scheduleTimer(kind, value.value, 0);
    } catch (error) {
      if (!(error instanceof TimerValueError)) throw error;
      ctx.issue(elementId, `the timer ${kind} is invalid: ${error.message}`);
      return undefined;
    }
  }
  return value && { kind, value };
}
