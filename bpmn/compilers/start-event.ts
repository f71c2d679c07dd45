import { list } from '../moddle';
import type { ElementCompiler } from './types';

export const compileStartEvent: ElementCompiler = (element, base, ctx) => {
  if (list(element, 'eventDefinitions').length > 0) {
    ctx.issue(base.id, 'only none start events are supported so far (timer, message and signal starts come later)');
    return undefined;
  }
  if (base.incoming.length > 0) ctx.issue(base.id, 'a start event cannot have incoming sequence flows');
  if (base.outgoing.length === 0) ctx.issue(base.id, 'the start event has no outgoing sequence flow');
  return { type: 'startEvent', ...base };
};
