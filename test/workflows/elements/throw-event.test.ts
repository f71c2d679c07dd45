import type { ElementOfType } from '../../../shared/graph';
import { correlation } from '../../../workflows/activities';
import { throwEvent } from '../../../workflows/elements/throw-event';
import { fakeElementContext } from '../../support/fake-element-context';

jest.mock('../../../workflows/activities', () => ({
  correlation: { broadcastSignal: jest.fn(), publishMessage: jest.fn() },
}));

const broadcastSignal = jest.mocked(correlation.broadcastSignal);
const publishMessage = jest.mocked(correlation.publishMessage);

const throwing = (throws: ElementOfType<'throwEvent'>['throws']): ElementOfType<'throwEvent'> => ({
  id: 'notify',
  type: 'throwEvent',
  incoming: ['in'],
  outgoing: ['out'],
  throws,
});

beforeEach(() => {
  broadcastSignal.mockReset().mockResolvedValue({ delivered: 0, started: [] } as never);
  publishMessage.mockReset().mockResolvedValue({} as never);
});

describe('intermediate throw event', () => {
  it('broadcasts its signal with its mapped variables, then moves on', async () => {
    // given a signal throw event mapping the case id
    const { ctx } = fakeElementContext({ variables: { caseId: 'c-9' } });
    // when the token passes
    const leave = await throwEvent.execute(
      throwing({ kind: 'signal', signalName: 'closed', variables: [{ source: 'caseId', target: 'closedCase' }] }),
      ctx,
    );
    // then the signal goes out once, with a fresh id, and the token leaves
    expect(broadcastSignal).toHaveBeenCalledWith({
      signalId: expect.any(String),
      name: 'closed',
      variables: { closedCase: 'c-9' },
    });
    expect(leave).toEqual({ flows: ['out'] });
  });

  it('publishes its message under the evaluated correlation key, as a string', async () => {
    // given a message throw event keyed by a number
    const { ctx } = fakeElementContext({ variables: { orderNo: 42 } });
    // when the token passes
    await throwEvent.execute(
      throwing({ kind: 'message', messageName: 'shipped', correlationKey: { kind: 'feel', source: 'orderNo' } }),
      ctx,
    );
    // then the message is published with the key as text and no time to live
    expect(publishMessage).toHaveBeenCalledWith({
      messageId: expect.any(String),
      name: 'shipped',
      correlationKey: '42',
      variables: {},
      timeToLiveMs: 0,
    });
  });

  it('raises an incident, publishing nothing, when the correlation key is neither a string nor a number', async () => {
    // given a key that evaluates to a list
    const { ctx } = fakeElementContext({ variables: { orderNo: [1, 2] } });
    // when the token passes
    const thrown = throwEvent.execute(
      throwing({ kind: 'message', messageName: 'shipped', correlationKey: { kind: 'feel', source: 'orderNo' } }),
      ctx,
    );
    // then it stops with an incident at the event
    await expect(thrown).rejects.toMatchObject({ type: 'Incident', details: [{ elementId: 'notify' }] });
    expect(publishMessage).not.toHaveBeenCalled();
  });

  it('escalates its code', async () => {
    // given an escalation throw event
    const { ctx, recorded } = fakeElementContext();
    // when the token passes
    const leave = await throwEvent.execute(throwing({ kind: 'escalation', escalationCode: 'LATE' }), ctx);
    // then the escalation is thrown and the token moves on
    expect(recorded.escalations).toEqual(['LATE']);
    expect(leave).toEqual({ flows: ['out'] });
  });

  it('compensates the one activity it names', async () => {
    // given a compensation throw event for the booking
    const { ctx, recorded } = fakeElementContext();
    // when the token passes
    await throwEvent.execute(throwing({ kind: 'compensation', activityId: 'book' }), ctx);
    // then only that activity is compensated
    expect(recorded.compensations).toEqual(['book']);
  });
});
