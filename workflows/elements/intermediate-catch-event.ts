import { isWaitable } from '../triggers';
import { incident } from '../incidents';
import type { ElementBehaviour } from './behaviour';

/** Intermediate catch event: the token waits for its timer, message, signal or condition, then moves on. */
export const intermediateCatchEvent: ElementBehaviour<'intermediateCatchEvent'> = {
  execute: async (element, ctx) => {
    if (!isWaitable(element.trigger))
      throw incident(element.id, `a ${element.trigger.kind} event cannot be waited for`);
    if (element.trigger.kind === 'timer' || element.trigger.kind === 'conditional') {
      await ctx.history.writeNow();
    }
    const fired = await ctx.waits.firstFiring(element.id, ctx.element.instanceId, element.trigger, () =>
      ctx.waits.park({}),
    );
    ctx.waits.unpark();
    ctx.variables.set(fired);
    return { flows: element.outgoing };
  },
};
