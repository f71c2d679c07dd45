import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import type { ElementOfType } from '../../../shared/graph';
import { decisions } from '../../../workflows/activities';
import { businessRuleTask } from '../../../workflows/elements/business-rule-task';
import { fakeElementContext } from '../../support/fake-element-context';

jest.mock('../../../workflows/activities', () => ({ decisions: { evaluateDecision: jest.fn() } }));

const evaluateDecision = jest.mocked(decisions.evaluateDecision);

const decideFee = (overrides: Partial<ElementOfType<'businessRuleTask'>> = {}): ElementOfType<'businessRuleTask'> => ({
  id: 'decide-fee',
  type: 'businessRuleTask',
  incoming: ['in'],
  outgoing: ['out'],
  decisionId: 'certificate-fee',
  resultVariable: 'fee',
  inputs: [],
  outputs: [],
  ...overrides,
});

beforeEach(() => evaluateDecision.mockReset());

describe('business rule task', () => {
  it('evaluates the decision with the variables and mapped inputs, and sets the result variable', async () => {
    // given a decision that answers 1200, and an input mapping
    evaluateDecision.mockResolvedValue({ result: 1200, version: 2 });
    const { ctx, recorded } = fakeElementContext({ variables: { copies: 3 } });
    // when the task runs
    const leave = await businessRuleTask.execute(
      decideFee({ inputs: [{ source: '"resident"', target: 'kind' }] }),
      ctx,
    );
    // then the decision saw both, and its result is the result variable
    expect(evaluateDecision).toHaveBeenCalledWith({
      instanceId: 'instance-1',
      decisionId: 'certificate-fee',
      variables: { copies: 3, kind: 'resident' },
    });
    expect(recorded.sets).toEqual([{ fee: 1200 }]);
    expect(leave).toEqual({ flows: ['out'] });
  });

  it('with output mappings, sets only their targets', async () => {
    evaluateDecision.mockResolvedValue({ result: { perCopy: 400, total: 1200 }, version: 1 });
    const { ctx, recorded } = fakeElementContext();
    await businessRuleTask.execute(decideFee({ outputs: [{ source: 'fee.total', target: 'amount' }] }), ctx);
    expect(recorded.sets).toEqual([{ amount: 1200 }]);
  });

  it('raises an incident with the evaluation error, which names the decision and the rules', async () => {
    // given an evaluation that fails for good
    const message = "decision 'certificate-fee': hit policy UNIQUE allows one matching rule, but rules 'a', 'b' match";
    evaluateDecision.mockRejectedValue(
      new ActivityFailure(
        'activity failed',
        'evaluateDecision',
        '1',
        'NON_RETRYABLE_FAILURE',
        'worker',
        ApplicationFailure.nonRetryable(message),
      ),
    );
    const { ctx, recorded } = fakeElementContext();
    // when the task runs, then it stops with an incident at the element and sets nothing
    await expect(businessRuleTask.execute(decideFee(), ctx)).rejects.toMatchObject({
      type: 'Incident',
      message,
      details: [{ elementId: 'decide-fee' }],
    });
    expect(recorded.sets).toEqual([]);
  });
});

describe('business rule task, evaluated by a local activity', () => {
  it('raises the same incident when the failure arrives as the activity threw it', async () => {
    // given an evaluation that fails for good, reported by a local activity (not wrapped in an ActivityFailure)
    const message = "decision 'certificate-fee' is not deployed";
    evaluateDecision.mockRejectedValue(ApplicationFailure.nonRetryable(message, 'DecisionNotFound'));
    const { ctx, recorded } = fakeElementContext();
    // when the task runs, then it stops with an incident at the element and sets nothing
    await expect(businessRuleTask.execute(decideFee(), ctx)).rejects.toMatchObject({
      type: 'Incident',
      message,
      details: [{ elementId: 'decide-fee' }],
    });
    expect(recorded.sets).toEqual([]);
  });
});
