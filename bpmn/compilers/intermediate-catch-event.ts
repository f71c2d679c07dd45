import { str } from '../moddle';
import { compileDefinition, singleDefinition, type TriggerRules } from './event-trigger';
import type { ElementCompiler } from './types';

const catchRules: TriggerRules = {
  allowed: ['timer', 'message', 'signal', 'conditional'],
  what: 'an intermediate catch event',
  messageNeedsKey: true,
};

/** Waits for a timer, message, signal or condition; a link catch is where its link throws continue (a pass-through). */
export const compileIntermediateCatchEvent: ElementCompiler = (element, base, ctx) => {
  const definition = singleDefinition(element, base.id, ctx);
  if (definition === 'several') return undefined;
  if (!definition) {
    ctx.issue(
      base.id,
      'an intermediate catch event needs an event definition (timer, message, signal, conditional or link)',
    );
    return undefined;
  }
  if (definition.$instanceOf('bpmn:LinkEventDefinition')) {
    if (!str(definition, 'name')) ctx.issue(base.id, 'a link event needs a link name');
    if (base.incoming.length > 0)
      ctx.issue(base.id, 'a link catch event cannot have incoming sequence flows; its link throw events lead to it');
    return { type: 'passThrough', bpmnType: 'intermediateCatchEvent', ...base };
  }
  const trigger = compileDefinition(definition, base.id, ctx, catchRules);
  return trigger && { type: 'intermediateCatchEvent', ...base, trigger };
};
