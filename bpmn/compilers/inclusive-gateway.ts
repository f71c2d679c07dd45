import { defaultFlowOf } from './default-flow';
import type { ElementCompiler } from './types';

/** Conditions on its forking flows are checked with the other flow rules (bpmn/flow-rules.ts). */
export const compileInclusiveGateway: ElementCompiler = (element, base, ctx) => ({
  type: 'inclusiveGateway',
  ...base,
  defaultFlowId: defaultFlowOf(element, base, ctx),
});
