import { compileJob } from './job';
import type { ElementCompiler } from './types';

export const compileServiceTask: ElementCompiler = (element, base, ctx) =>
  compileJob(element, base, ctx, 'a service task');
