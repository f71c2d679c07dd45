import { outputVariables } from '../feel-mappings';
import type { ElementBehaviour } from './behaviour';

/** Receive task: waits for its message (by name and correlation key); the message's variables go through the outputs. */
export const receiveTask: ElementBehaviour<'receiveTask'> = {
  execute: async (element, ctx) => {
    const received = await ctx.waits.firstFiring(element.id, ctx.element.instanceId, element.trigger, () =>
      ctx.waits.park({}),
    );
    ctx.waits.unpark();
    ctx.variables.set(outputVariables(element.id, element.outputs, received, ctx.variables.feelScope()));
    return { flows: element.outgoing };
  },
};
