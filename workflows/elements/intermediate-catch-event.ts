import { isWaitable } from '../triggers';
import { firstFiring } from '../triggers';
import { incident } from '../scope';
import type { ElementBehaviour } from './behaviour';

/** Intermediate catch event: the token waits for its timer, message, signal or condition, then moves on. */
export const intermediateCatchEvent: ElementBehaviour<'intermediateCatchEvent'> = {
  execute: async (element, ctx) => {
    if (!isWaitable(element.trigger)) throw incident(element.id, `a ${element.trigger.kind} event cannot be waited for`);
    ctx.setVariables(await firstFiring(ctx.triggers, element.id, ctx.elementInstanceId, element.trigger));
    return { flows: element.outgoing };
  },
};
