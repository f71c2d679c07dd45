import type { GraphElement } from '../../shared/graph';
import type { CompileContext } from '../compile-context';
import type { ModdleElement } from '../moddle';

/** Flow-node fields every compiler receives already resolved. */
export interface NodeBase {
  id: string;
  name?: string;
  incoming: string[];
  outgoing: string[];
  /** The (event) sub-process the node sits in; none: the process itself. */
  parentId?: string;
}

/** Compiles one BPMN element type into its graph element, reporting problems to the context. */
export type ElementCompiler = (element: ModdleElement, base: NodeBase, ctx: CompileContext) => GraphElement | undefined;
