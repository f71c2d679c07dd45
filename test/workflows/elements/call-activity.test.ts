import { ActivityFailure } from '@temporalio/workflow';
import type { ElementOfType } from '../../../shared/graph';
import { calledInstances } from '../../../workflows/activities';
import { callActivity } from '../../../workflows/elements/call-activity';
import { fakeElementContext } from '../../support/fake-element-context';

jest.mock('../../../workflows/activities', () => ({
  calledInstances: { prepareCalledInstance: jest.fn() },
  projectionsAreLocal: () => true,
}));

const prepareCalledInstance = jest.mocked(calledInstances.prepareCalledInstance);

const call = (processId: ElementOfType<'callActivity'>['processId']): ElementOfType<'callActivity'> => ({
  id: 'callReview',
  type: 'callActivity',
  incoming: ['in'],
  outgoing: ['out'],
  processId,
  binding: { kind: 'latest' },
  propagateAllParentVariables: true,
  propagateAllChildVariables: true,
  inputs: [],
  outputs: [],
});

// The child itself runs in a cancellation scope (executeChild), which needs a workflow: the stack-tier
// conformance suite covers it. Here: what the activity decides before it starts one.
beforeEach(() => prepareCalledInstance.mockReset());

describe('call activity', () => {
  it('raises an incident, starting nothing, when the called process id is not a non-empty string', async () => {
    // given a process id expression that evaluates to a number
    const { ctx } = fakeElementContext({ variables: { which: 7 } });
    // when the token arrives
    const ran = callActivity.execute(call({ kind: 'feel', source: 'which' }), ctx);
    // then it stops with an incident at the call activity, before preparing any child
    await expect(ran).rejects.toMatchObject({
      type: 'Incident',
      message: 'the called process id evaluated to 7',
      details: [{ elementId: 'callReview' }],
    });
    expect(prepareCalledInstance).not.toHaveBeenCalled();
  });

  it('raises an incident when the called process cannot be prepared (no such process or version)', async () => {
    // given a called process the engine refuses to prepare
    prepareCalledInstance.mockRejectedValueOnce(
      new ActivityFailure(
        'activity failed',
        'prepareCalledInstance',
        '1',
        'NON_RETRYABLE_FAILURE',
        'worker',
        new Error("no process 'review'"),
      ),
    );
    const { ctx } = fakeElementContext();
    // when the token arrives
    const ran = callActivity.execute(call({ kind: 'static', value: 'review' }), ctx);
    // then it stops with an incident carrying the cause, after asking for the latest version on behalf of this element
    await expect(ran).rejects.toMatchObject({ type: 'Incident', message: "no process 'review'" });
    expect(prepareCalledInstance).toHaveBeenCalledWith({
      instanceId: 'instance-1',
      childInstanceId: expect.any(String),
      parentInstanceId: 'instance-1',
      parentElementInstanceId: 'element#1',
      processId: 'review',
      binding: { kind: 'latest' },
    });
  });
});
