import { firstFiring } from '../triggers';
import { outputVariables } from '../scope';
import type { ElementBehaviour } from './behaviour';

/** Receive task: waits for its message (by name and correlation key); the message's variables go through the outputs. */
export const receiveTask: ElementBehaviour<'receiveTask'> = {
  execute: async (element, ctx) => {
    const received = await firstFiring(ctx.triggers, element.id, ctx.elementInstanceId, element.trigger, () =>
      ctx.park({}),
    );
    ctx.unpark();
    ctx.setVariables(outputVariables(element.id, element.outputs, received, ctx.feelScope()));
    return { flows: element.outgoing };
  },
};
