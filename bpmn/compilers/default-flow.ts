import type { CompileContext } from '../compile-context';
import { ref, str, type ModdleElement } from '../moddle';
import type { NodeBase } from './types';

/** The default flow of an exclusive or inclusive gateway, which must be one of its outgoing flows. */
export function defaultFlowOf(element: ModdleElement, base: NodeBase, ctx: CompileContext): string | undefined {
  const defaultFlow = ref(element, 'default');
  const defaultFlowId = defaultFlow ? str(defaultFlow, 'id') : undefined;
  if (defaultFlowId && !base.outgoing.includes(defaultFlowId)) {
    ctx.issue(base.id, `the default flow '${defaultFlowId}' is not an outgoing flow of this gateway`);
  }
  if (base.outgoing.length === 0) ctx.issue(base.id, 'the gateway has no outgoing sequence flow');
  return defaultFlowId;
}
