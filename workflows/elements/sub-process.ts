import { applyMappings } from '../feel-mappings';
import type { ElementBehaviour } from './behaviour';

/**
 * Embedded sub-process: a scope of its own, entered at its none start event. Input mappings become its local
 * variables; it completes when no token is left inside, and its output mappings then write to the outer scope.
 */
export const subProcess: ElementBehaviour<'subProcess'> = {
  execute: async (element, ctx) => {
    // A sub-process carried over by continue-as-new has its local variables already (runner.ts).
    const local = ctx.element.resumed ? {} : applyMappings(element.id, element.inputs, ctx.variables.feelScope());
    const ended = await ctx.subProcesses.run(element, local);
    if (element.outputs.length > 0)
      ctx.variables.set(applyMappings(element.id, element.outputs, { ...ctx.variables.feelScope(), ...ended }));
    return { flows: element.outgoing };
  },
};
