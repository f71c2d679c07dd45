/** Business rule tasks: the latest version of a DMN decision, loaded and evaluated (engine/decisions.ts). */
import { ApplicationFailure } from '@temporalio/common';
import { loadLatestDecision } from '../engine/decisions';
import { DecisionEvaluationError, evaluateDecision } from '../shared/decisions';
import type { Variables } from '../shared/feel';
import type { CarriesHistory } from '../shared/workflow-contract';
import type { ActivityDeps } from './deps';

export interface EvaluateDecisionInput extends CarriesHistory {
  instanceId: string;
  decisionId: string;
  variables: Variables;
}

export function createDecisionActivities(deps: ActivityDeps) {
  return {
    /** The decision's result and the version that gave it; a decision that cannot be evaluated fails for good. */
    async evaluateDecision(input: EvaluateDecisionInput): Promise<{ result: unknown; version: number }> {
      const decision = await loadLatestDecision(deps.prisma, input.decisionId);
      if (!decision) {
        throw ApplicationFailure.nonRetryable(
          `decision '${input.decisionId}' is not deployed; deploy its DMN file, then resolve the incident`,
          'DecisionNotDeployed',
        );
      }
      try {
        return {
          result: evaluateDecision(decision.graph, input.decisionId, input.variables),
          version: decision.version,
        };
      } catch (error) {
        if (!(error instanceof DecisionEvaluationError)) throw error;
        throw ApplicationFailure.nonRetryable(
          `${error.message} (version ${decision.version})`,
          'DecisionEvaluationFailed',
          { decisionId: error.decisionId, ruleIds: error.ruleIds },
        );
      }
    },
  };
}
