import type { PassThroughElement } from '../../shared/graph';
import { list } from '../moddle';
import type { ElementCompiler } from './types';

/** Elements without behaviour of their own: the token passes straight through. */
export function compilePassThrough(bpmnType: PassThroughElement['bpmnType']): ElementCompiler {
  return (element, base, ctx) => {
    const definitions = list(element, 'eventDefinitions');
    if (definitions.length > 0) {
      ctx.issue(base.id, `${definitions[0]?.$type.replace('bpmn:', '') ?? 'this'} intermediate throw events are not supported yet`);
      return undefined;
    }
    return { type: 'passThrough', bpmnType, ...base };
  };
}
