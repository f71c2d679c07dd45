import { list, str } from '../moddle';
import { isEventSubProcess } from './start-event';
import type { ElementCompiler } from './types';

/**
 * bpmn:SubProcess: an embedded sub-process, or (triggeredByEvent) an event sub-process. Either way the scope walker
 * compiles what is inside; here we only pick the start event. Its trigger rules live with the start event compiler.
 */
export const compileSubProcess: ElementCompiler = (element, base, ctx) => {
  const starts = list(element, 'flowElements').filter((child) => child.$instanceOf('bpmn:StartEvent'));
  const startEventId = starts.length === 1 ? (str(starts[0]!, 'id') ?? '') : '';

  if (isEventSubProcess(element)) {
    if (base.incoming.length > 0 || base.outgoing.length > 0) {
      ctx.issue(
        base.id,
        'an event sub-process cannot have incoming or outgoing sequence flows; its start event starts it',
      );
    }
    if (starts.length !== 1)
      ctx.issue(base.id, `an event sub-process needs exactly one start event, not ${starts.length}`);
    return { type: 'eventSubProcess', ...base, startEventId };
  }
  if (starts.length !== 1)
    ctx.issue(base.id, `an embedded sub-process needs exactly one none start event, not ${starts.length}`);
  return { type: 'subProcess', ...base, startEventId, ...ctx.ioMapping(element, base.id) };
};
