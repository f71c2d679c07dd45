import type { ElementCompiler } from './types';
import { compileTrigger } from './event-trigger';

export const compileIntermediateCatchEvent: ElementCompiler = (element, base, ctx) => {
  const trigger = compileTrigger(element, base.id, ctx);
  return trigger && { type: 'intermediateCatchEvent', ...base, trigger };
};
