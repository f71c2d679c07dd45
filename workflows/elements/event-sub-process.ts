import type { ElementBehaviour } from './behaviour';

/**
 * Event sub-process: the runner starts a token here when its start event's trigger fires in the enclosing scope
 * (after ending that scope's other tokens, if it interrupts). It runs its own scope and ends there.
 */
export const eventSubProcess: ElementBehaviour<'eventSubProcess'> = {
  execute: async (element, ctx) => {
    await ctx.subProcesses.run(element, {});
    return { flows: [] };
  },
};
