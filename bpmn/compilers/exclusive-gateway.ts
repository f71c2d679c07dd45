import { defaultFlowOf } from './default-flow';
import type { ElementCompiler } from './types';

export const compileExclusiveGateway: ElementCompiler = (element, base, ctx) => ({
  type: 'exclusiveGateway',
  ...base,
  defaultFlowId: defaultFlowOf(element, base, ctx),
});
