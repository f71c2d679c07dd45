import { extension, str } from '../moddle';
import { compileJob, hasTaskDefinition } from './job';
import type { ElementCompiler } from './types';

/**
 * A business rule task: a DMN decision (zeebe:calledDecision) the engine evaluates itself, or a job a worker runs
 * (zeebe:taskDefinition). That the decision is deployed is checked with the deployment (engine/decisions.ts).
 */
export const compileBusinessRuleTask: ElementCompiler = (element, base, ctx) => {
  if (hasTaskDefinition(element)) return compileJob(element, base, ctx, 'a business rule task', 'businessRuleTask');
  const called = extension(element, 'zeebe:CalledDecision');
  const decisionId = called && str(called, 'decisionId');
  const resultVariable = called && str(called, 'resultVariable');
  if (!decisionId || !resultVariable) {
    ctx.issue(
      base.id,
      'a business rule task needs a decision (zeebe:calledDecision decisionId and resultVariable) or a job type (zeebe:taskDefinition)',
    );
    return undefined;
  }
  if (decisionId.startsWith('=')) {
    ctx.issue(base.id, 'a FEEL expression as the decision id is not supported; name the decision');
    return undefined;
  }
  return { type: 'businessRuleTask', ...base, decisionId, resultVariable, ...ctx.ioMapping(element, base.id) };
};
