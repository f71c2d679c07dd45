import { evaluate } from '../feel-mappings';
import { incident } from '../incidents';
import type { ElementBehaviour } from './behaviour';

/**
 * Exclusive gateway: the first outgoing flow (in model order) whose FEEL condition is true, else the default
 * flow; with neither, an incident. A single unconditioned outgoing flow is simply taken (a merge).
 */
export const exclusiveGateway: ElementBehaviour<'exclusiveGateway'> = {
  execute: (element, ctx) => {
    const variables = ctx.variables.feelScope();
    for (const flowId of element.outgoing) {
      const condition = ctx.instance.graph.flows[flowId]?.condition;
      if (flowId === element.defaultFlowId) continue;
      if (condition === undefined || evaluate(flowId, condition, variables) === true) return { flows: [flowId] };
    }
    if (element.defaultFlowId) return { flows: [element.defaultFlowId] };
    throw incident(element.id, `no outgoing condition of gateway '${element.id}' is true and it has no default flow`);
  },
};
