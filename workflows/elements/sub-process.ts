import { applyMappings } from '../scope';
import type { ElementBehaviour } from './behaviour';

/**
 * Embedded sub-process: a scope of its own, entered at its none start event. Input mappings become its local
 * variables; it completes when no token is left inside, and its output mappings then write to the outer scope.
 */
export const subProcess: ElementBehaviour<'subProcess'> = {
  execute: async (element, ctx) => {
    const local = applyMappings(element.id, element.inputs, ctx.feelScope());
    const ended = await ctx.runSubProcess(element, local);
    if (element.outputs.length > 0)
      ctx.setVariables(applyMappings(element.id, element.outputs, { ...ctx.feelScope(), ...ended }));
    return { flows: element.outgoing };
  },
};
