import { extension } from '../moddle';
import { compileJob, hasTaskDefinition } from './job';
import type { ElementCompiler } from './types';

/** A business rule task run by a job worker (zeebe:taskDefinition); DMN decisions are not run yet. */
export const compileBusinessRuleTask: ElementCompiler = (element, base, ctx) => {
  if (hasTaskDefinition(element)) return compileJob(element, base, ctx, 'a business rule task', 'businessRuleTask');
  // zeebe:calledDecision is already reported by unsupported-features.ts.
  if (!extension(element, 'zeebe:CalledDecision')) {
    ctx.issue(
      base.id,
      'a business rule task needs a job type (zeebe:taskDefinition) or a decision (zeebe:calledDecision, which this engine does not run yet)',
    );
  }
  return undefined;
};
