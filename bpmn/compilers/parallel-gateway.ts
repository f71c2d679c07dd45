import type { ElementCompiler } from './types';

export const compileParallelGateway: ElementCompiler = (_element, base, ctx) => {
  if (base.incoming.length === 0) ctx.issue(base.id, 'the parallel gateway has no incoming sequence flow');
  return { type: 'parallelGateway', ...base };
};
