import { evaluate } from '../feel-mappings';
import { incident } from '../incidents';
import type { ElementBehaviour } from './behaviour';

/**
 * Inclusive gateway: as a join it waits until no token that could still arrive is left in its scope; then it
 * takes every outgoing flow whose condition is true (the default flow when none is). A single unconditioned
 * outgoing flow is simply taken.
 */
export const inclusiveGateway: ElementBehaviour<'inclusiveGateway'> = {
  execute: async (element, ctx) => {
    if (element.incoming.length > 1 && !(await ctx.joins.inclusive(element))) return { flows: [] };
    const variables = ctx.variables.feelScope();
    const taken = element.outgoing.filter((flowId) => {
      if (flowId === element.defaultFlowId) return false;
      const condition = ctx.instance.graph.flows[flowId]?.condition;
      return condition === undefined || evaluate(flowId, condition, variables) === true;
    });
    if (taken.length > 0) return { flows: taken };
    if (element.defaultFlowId) return { flows: [element.defaultFlowId] };
    throw incident(element.id, `no outgoing condition of gateway '${element.id}' is true and it has no default flow`);
  },
};
