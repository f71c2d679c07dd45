import type { CompileContext } from '../compile-context';
import { extension, str, type ModdleElement } from '../moddle';
import { compileThrow, withPayload } from './event-throw';
import { singleDefinition } from './event-trigger';
import { compileJob, hasTaskDefinition } from './job';
import type { ElementCompiler, NodeBase } from './types';

/**
 * Intermediate throw events: none (a pass-through, or a gov:legalClock), link (a pass-through whose outgoing flow
 * the scope adds when it pairs the link with its catch), signal, escalation, compensation, and message (a job when
 * it has a zeebe:taskDefinition, else published by the engine).
 */
export const compileIntermediateThrowEvent: ElementCompiler = (element, base, ctx) => {
  const definition = singleDefinition(element, base.id, ctx);
  if (definition === 'several') return undefined;
  if (!definition) return compileNoneThrow(element, base, ctx);
  if (definition.$instanceOf('bpmn:LinkEventDefinition')) {
    if (!str(definition, 'name')) ctx.issue(base.id, 'a link event needs a link name');
    if (base.outgoing.length > 0)
      ctx.issue(
        base.id,
        'a link throw event cannot have outgoing sequence flows; it continues at its link catch event',
      );
    return { type: 'passThrough', bpmnType: 'intermediateThrowEvent', ...base };
  }
  if (definition.$instanceOf('bpmn:MessageEventDefinition') && hasTaskDefinition(element)) {
    return compileJob(element, base, ctx, 'a message throw event', 'intermediateThrowEvent');
  }
  const throws = compileThrow(
    definition,
    base.id,
    ctx,
    ['signal', 'escalation', 'compensation', 'message'],
    'intermediate throw event',
  );
  // Error and terminate are not in the allowed kinds; the check narrows the type.
  if (!throws || throws.kind === 'error' || throws.kind === 'terminate') return undefined;
  return { type: 'throwEvent', ...base, throws: withPayload(throws, element, base.id, ctx) };
};

function compileNoneThrow(element: ModdleElement, base: NodeBase, ctx: CompileContext) {
  const legalClock = extension(element, 'gov:LegalClock');
  if (!legalClock) return { type: 'passThrough', bpmnType: 'intermediateThrowEvent', ...base } as const;
  const clock = str(legalClock, 'clock');
  const action = str(legalClock, 'action');
  if (!clock || (action !== 'stop' && action !== 'resume')) {
    ctx.issue(base.id, 'gov:legalClock needs a clock name and an action of stop or resume');
    return undefined;
  }
  return { type: 'legalClock', ...base, clock, action } as const;
}
