import { firstFiring, isWaitable } from '../triggers';
import { incident } from '../scope';
import { projections } from '../activities';
import { writeHistoryNow } from '../element-history';
import type { ElementBehaviour } from './behaviour';

/** Intermediate catch event: the token waits for its timer, message, signal or condition, then moves on. */
export const intermediateCatchEvent: ElementBehaviour<'intermediateCatchEvent'> = {
  execute: async (element, ctx) => {
    if (!isWaitable(element.trigger))
      throw incident(element.id, `a ${element.trigger.kind} event cannot be waited for`);
    if (element.trigger.kind === 'timer' || element.trigger.kind === 'conditional') {
      await writeHistoryNow(ctx.instanceId, (input) => projections.recordElementHistory(input));
    }
    const fired = await firstFiring(ctx.triggers, element.id, ctx.elementInstanceId, element.trigger, () =>
      ctx.park({}),
    );
    ctx.unpark();
    ctx.setVariables(fired);
    return { flows: element.outgoing };
  },
};
