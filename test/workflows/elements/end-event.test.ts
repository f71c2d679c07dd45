import type { ElementOfType, EventThrow } from '../../../shared/graph';
import { endEvent } from '../../../workflows/elements/end-event';
import { fakeElementContext, ThrownBpmnError, thrownBy } from '../../support/fake-element-context';

const end = (throws?: EventThrow): ElementOfType<'endEvent'> => ({
  id: 'end',
  type: 'endEvent',
  incoming: ['in'],
  outgoing: [],
  throws,
});

describe('end event', () => {
  it('ends the path at a none end event, synchronously', () => {
    // given a none end event
    const { ctx, recorded } = fakeElementContext();
    // when the token arrives
    const leave = endEvent.execute(end(), ctx);
    // then the path ends here, at once
    expect(leave).toEqual({ flows: [] });
    expect(recorded.ended).toEqual(['end']);
  });

  it('throws its BPMN error, with the error message as a variable, and does not end the path', () => {
    // given an error end event
    const { ctx, recorded } = fakeElementContext();
    // when the token arrives
    const thrown = thrownBy(() =>
      endEvent.execute(end({ kind: 'error', errorCode: 'REJECTED', errorMessage: 'no budget' }), ctx),
    );
    // then the error unwinds to its catcher
    expect(thrown).toBeInstanceOf(ThrownBpmnError);
    expect(thrown).toMatchObject({ code: 'REJECTED', variables: { errorMessage: 'no budget' } });
    expect(recorded.ended).toEqual([]);
  });

  it('terminates the other tokens of its scope and ends', () => {
    // given a terminate end event
    const { ctx, recorded } = fakeElementContext();
    // when the token arrives
    const leave = endEvent.execute(end({ kind: 'terminate' }), ctx);
    // then the scope is terminated and the path ends
    expect(recorded.terminated).toBe(1);
    expect(recorded.ended).toEqual(['end']);
    expect(leave).toEqual({ flows: [] });
  });

  it('escalates before it ends', async () => {
    // given an escalation end event
    const { ctx, recorded } = fakeElementContext();
    // when the token arrives
    const leave = await endEvent.execute(end({ kind: 'escalation', escalationCode: 'LATE' }), ctx);
    // then the escalation is thrown and the path ends
    expect(recorded.escalations).toEqual(['LATE']);
    expect(recorded.ended).toEqual(['end']);
    expect(leave).toEqual({ flows: [] });
  });

  it('compensates every completed activity when it names none', async () => {
    // given a compensation end event without an activity
    const { ctx, recorded } = fakeElementContext();
    // when the token arrives
    await endEvent.execute(end({ kind: 'compensation' }), ctx);
    // then the whole scope is compensated
    expect(recorded.compensations).toEqual([undefined]);
  });
});
