import { decisions } from '../activities';
import { applyMappings, outputVariables } from '../feel-mappings';
import { activityIncident } from '../incidents';
import type { ElementBehaviour } from './behaviour';

/**
 * Business rule task (zeebe:calledDecision): the latest version of the decision is loaded and evaluated by one
 * activity, so the history records the result and a later deployment cannot change a replay. An evaluation error
 * (a hit-policy violation, a FEEL error) becomes an incident whose message names the decision and the rules.
 */
export const businessRuleTask: ElementBehaviour<'businessRuleTask'> = {
  execute: async (element, ctx) => {
    const inScope = ctx.variables.feelScope();
    const local = { ...inScope, ...applyMappings(element.id, element.inputs, inScope) };
    let result: unknown;
    try {
      ({ result } = await decisions.evaluateDecision({
        instanceId: ctx.instance.id,
        decisionId: element.decisionId,
        variables: local,
      }));
    } catch (error) {
      throw activityIncident(element.id, error) ?? error;
    }
    const produced = { [element.resultVariable]: result };
    ctx.variables.set(outputVariables(element.id, element.outputs, produced, local));
    return { flows: element.outgoing };
  },
};
