import type { EndEventElement } from '../../shared/graph';
import { compileThrow, withPayload } from './event-throw';
import { singleDefinition } from './event-trigger';
import { compileJob, hasTaskDefinition } from './job';
import type { ElementCompiler } from './types';

export const compileEndEvent: ElementCompiler = (element, base, ctx) => {
  if (base.outgoing.length > 0) ctx.issue(base.id, 'an end event cannot have outgoing sequence flows');
  const definition = singleDefinition(element, base.id, ctx);
  if (definition === 'several') return undefined;
  const end: EndEventElement = { type: 'endEvent', ...base };
  if (!definition) return end;
  // A message end with a task definition is a job (a worker publishes the message); its path ends after it.
  if (definition.$instanceOf('bpmn:MessageEventDefinition') && hasTaskDefinition(element)) {
    return compileJob(element, base, ctx, 'a message end event', 'endEvent');
  }
  const throws = compileThrow(
    definition,
    base.id,
    ctx,
    ['error', 'escalation', 'signal', 'message', 'compensation', 'terminate'],
    'end event',
  );
  return throws && { ...end, throws: withPayload(throws, element, base.id, ctx) };
};
