import type { PassThroughElement } from '../../shared/graph';
import type { ElementCompiler } from './types';

/** Tasks without behaviour of their own (a bpmn:task, a manual task): the token passes straight through. */
export function compilePassThrough(bpmnType: PassThroughElement['bpmnType']): ElementCompiler {
  return (_element, base) => ({ type: 'passThrough', bpmnType, ...base });
}
