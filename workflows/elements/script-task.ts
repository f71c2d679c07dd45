import { applyMappings, evaluate, outputVariables } from '../feel-mappings';
import type { ElementBehaviour } from './behaviour';

/** Script task (zeebe:script): evaluates its FEEL expression in the workflow and stores the result. */
export const scriptTask: ElementBehaviour<'scriptTask'> = {
  execute: (element, ctx) => {
    const inScope = ctx.variables.feelScope();
    const local = { ...inScope, ...applyMappings(element.id, element.inputs, inScope) };
    const produced = { [element.resultVariable]: evaluate(element.id, element.expression, local) };
    ctx.variables.set(outputVariables(element.id, element.outputs, produced, local));
    return { flows: element.outgoing };
  },
};
