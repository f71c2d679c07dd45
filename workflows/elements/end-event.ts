import { emit } from './throw-event';
import type { ElementBehaviour, ElementContext, Leave } from './behaviour';
import type { ElementOfType } from '../../shared/graph';

/**
 * End event: this path ends, after throwing what the event throws. An error end event never returns (it unwinds
 * to its catcher); a terminate end event ends every other token of its scope. A none end event stays synchronous.
 */
export const endEvent: ElementBehaviour<'endEvent'> = {
  execute: (element, ctx) => {
    const throws = element.throws;
    if (throws?.kind === 'error')
      return ctx.throws.error(throws.errorCode, throws.errorMessage ? { errorMessage: throws.errorMessage } : {});
    if (throws?.kind === 'terminate') ctx.throws.terminate();
    if (throws === undefined || throws.kind === 'terminate') return end(element, ctx);
    return emit(element.id, throws, ctx).then(() => end(element, ctx));
  },
};

function end(element: ElementOfType<'endEvent'>, ctx: ElementContext): Leave {
  ctx.history.ended(element.id);
  return { flows: [] };
}
