import type { PassThroughElement } from '../../shared/graph';
import { extension, list, str } from '../moddle';
import type { ElementCompiler } from './types';

/** Elements without behaviour of their own: the token passes straight through (or, with gov:legalClock, works a legal clock). */
export function compilePassThrough(bpmnType: PassThroughElement['bpmnType']): ElementCompiler {
  return (element, base, ctx) => {
    const definitions = list(element, 'eventDefinitions');
    if (definitions.length > 0) {
      ctx.issue(base.id, `${definitions[0]?.$type.replace('bpmn:', '') ?? 'this'} intermediate throw events are not supported yet`);
      return undefined;
    }
    const legalClock = bpmnType === 'intermediateThrowEvent' ? extension(element, 'gov:LegalClock') : undefined;
    if (legalClock) {
      const clock = str(legalClock, 'clock');
      const action = str(legalClock, 'action');
      if (!clock || (action !== 'stop' && action !== 'resume')) {
        ctx.issue(base.id, 'gov:legalClock needs a clock name and an action of stop or resume');
        return undefined;
      }
      return { type: 'legalClock', ...base, clock, action };
    }
    return { type: 'passThrough', bpmnType, ...base };
  };
}
