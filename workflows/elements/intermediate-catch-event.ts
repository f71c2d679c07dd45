import { firstFiring } from '../triggers';
import type { ElementBehaviour } from './behaviour';

/** Intermediate catch event: the token waits for the trigger (a timer so far), then moves on. */
export const intermediateCatchEvent: ElementBehaviour<'intermediateCatchEvent'> = {
  execute: async (element, ctx) => {
    await firstFiring(element.id, element.trigger, () => ctx.feelScope(), ctx.legalTime);
    return { flows: element.outgoing };
  },
};
