import { list } from '../moddle';
import type { ElementCompiler } from './types';

export const compileEndEvent: ElementCompiler = (element, base, ctx) => {
  const definitions = list(element, 'eventDefinitions');
  if (definitions.length > 0) {
    ctx.issue(base.id, `${definitions[0]?.$type ?? 'this'} end events are not supported yet; use a none end event`);
    return undefined;
  }
  if (base.outgoing.length > 0) ctx.issue(base.id, 'an end event cannot have outgoing sequence flows');
  return { type: 'endEvent', ...base };
};
