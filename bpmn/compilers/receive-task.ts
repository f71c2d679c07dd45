import { messageOf } from './event-trigger';
import type { ElementCompiler } from './types';

/** Waits for a message like a message catch event; only output mappings apply (Zeebe's rule for receive tasks). */
export const compileReceiveTask: ElementCompiler = (element, base, ctx) => {
  const message = messageOf(element, base.id, ctx, true);
  if (!message) return undefined;
  const { inputs, outputs } = ctx.ioMapping(element, base.id);
  if (inputs.length > 0)
    ctx.issue(base.id, 'a receive task takes output mappings only; move the inputs to an element before it');
  return { type: 'receiveTask', ...base, trigger: { kind: 'message', ...message }, outputs };
};
