import { ref, str } from '../moddle';
import type { ElementCompiler } from './types';

export const compileExclusiveGateway: ElementCompiler = (element, base, ctx) => {
  const defaultFlow = ref(element, 'default');
  const defaultFlowId = defaultFlow ? str(defaultFlow, 'id') : undefined;
  if (defaultFlowId && !base.outgoing.includes(defaultFlowId)) {
    ctx.issue(base.id, `the default flow '${defaultFlowId}' is not an outgoing flow of this gateway`);
  }
  if (base.outgoing.length === 0) ctx.issue(base.id, 'the gateway has no outgoing sequence flow');
  return { type: 'exclusiveGateway', ...base, defaultFlowId };
};
