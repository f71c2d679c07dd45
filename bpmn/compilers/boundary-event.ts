import { ref, str } from '../moddle';
import { compileTrigger } from './event-trigger';
import type { ElementCompiler } from './types';

/** Activity types that can carry boundary events so far: the ones that wait. */
const HOSTS = ['bpmn:UserTask', 'bpmn:ServiceTask'];

export const compileBoundaryEvent: ElementCompiler = (element, base, ctx) => {
  const host = ref(element, 'attachedToRef');
  const attachedToId = host && str(host, 'id');
  if (!host || !attachedToId) {
    ctx.issue(base.id, 'the boundary event is not attached to an activity');
    return undefined;
  }
  if (!HOSTS.includes(host.$type)) {
    ctx.issue(base.id, `boundary events on ${host.$type.replace('bpmn:', '')} elements are not supported yet (user and service tasks are)`);
    return undefined;
  }
  if (base.incoming.length > 0) ctx.issue(base.id, 'a boundary event cannot have incoming sequence flows');
  const trigger = compileTrigger(element, base.id, ctx);
  // BPMN's default is interrupting; moddle reports the attribute only when it is set.
  const cancelActivity = element['cancelActivity'] !== false;
  return trigger && { type: 'boundaryEvent', ...base, attachedToId, cancelActivity, trigger };
};
