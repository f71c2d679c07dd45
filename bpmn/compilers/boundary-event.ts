import type { BoundaryEventElement } from '../../shared/graph';
import type { CompileContext } from '../compile-context';
import { list, ref, str, type ModdleElement } from '../moddle';
import { compileTrigger, type TriggerRules } from './event-trigger';
import { isEventSubProcess } from './start-event';
import type { ElementCompiler } from './types';

/** Activities that can carry boundary events: every activity the engine runs. */
const HOSTS = [
  'bpmn:UserTask',
  'bpmn:ServiceTask',
  'bpmn:ScriptTask',
  'bpmn:SendTask',
  'bpmn:ReceiveTask',
  'bpmn:BusinessRuleTask',
  'bpmn:CallActivity',
  'bpmn:SubProcess',
  'bpmn:Task',
  'bpmn:ManualTask',
];

const boundaryRules: TriggerRules = {
  allowed: ['timer', 'message', 'signal', 'error', 'escalation', 'conditional', 'compensation'],
  what: 'a boundary event',
  messageNeedsKey: true,
};

export const compileBoundaryEvent: ElementCompiler = (element, base, ctx) => {
  const host = ref(element, 'attachedToRef');
  const attachedToId = host && str(host, 'id');
  if (!host || attachedToId === undefined) {
    ctx.issue(base.id, 'the boundary event is not attached to an activity');
    return undefined;
  }
  if (!HOSTS.includes(host.$type) || isEventSubProcess(host)) {
    const what = isEventSubProcess(host) ? 'event sub-process' : host.$type.replace('bpmn:', '');
    ctx.issue(base.id, `boundary events on ${what} elements are not supported yet (activities can carry them)`);
    return undefined;
  }
  // Its outgoing flows belong to the host's scope, so the two must sit in the same one.
  if (host.$parent !== element.$parent)
    ctx.issue(base.id, `the boundary event must sit in the same (sub-)process as its activity '${attachedToId}'`);
  if (base.incoming.length > 0) ctx.issue(base.id, 'a boundary event cannot have incoming sequence flows');
  const trigger = compileTrigger(element, base.id, ctx, boundaryRules);
  if (!trigger) return undefined;
  // BPMN's default is interrupting; moddle reports the default when the attribute is left out.
  const cancelActivity = element['cancelActivity'] !== false;
  if (trigger.kind === 'error' && !cancelActivity) {
    ctx.issue(base.id, 'an error boundary event always interrupts its activity; remove cancelActivity="false"');
  }
  const boundary: BoundaryEventElement = { type: 'boundaryEvent', ...base, attachedToId, cancelActivity, trigger };
  if (trigger.kind !== 'compensation') return boundary;

  // A compensation boundary runs its handler after the host completed: it never cancels, and no token leaves it.
  if (base.outgoing.length > 0)
    ctx.issue(
      base.id,
      'a compensation boundary event cannot have outgoing sequence flows; associate it with its handler instead',
    );
  const compensationHandlerId = compensationHandlerOf(element, base.id, ctx);
  return compensationHandlerId === undefined
    ? undefined
    : { ...boundary, cancelActivity: false, compensationHandlerId };
};

/** The handler is the activity the boundary's bpmn:association points at (in its scope's artifacts, or an outer one). */
function compensationHandlerOf(boundary: ModdleElement, elementId: string, ctx: CompileContext): string | undefined {
  const targets: ModdleElement[] = [];
  for (
    let scope = boundary.$parent as ModdleElement | undefined;
    scope;
    scope = scope.$parent as ModdleElement | undefined
  ) {
    for (const association of list(scope, 'artifacts').filter((artifact) => artifact.$instanceOf('bpmn:Association'))) {
      const target = ref(association, 'targetRef');
      if (ref(association, 'sourceRef') === boundary && target) targets.push(target);
    }
  }
  const handlers = targets.filter(
    (target) => target.$instanceOf('bpmn:Activity') && target['isForCompensation'] === true,
  );
  if (handlers.length !== 1) {
    ctx.issue(
      elementId,
      handlers.length === 0
        ? 'a compensation boundary event needs a handler: associate it with an activity marked isForCompensation="true"'
        : 'a compensation boundary event can have only one handler',
    );
    return undefined;
  }
  return str(handlers[0] as ModdleElement, 'id');
}
