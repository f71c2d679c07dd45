import type { ElementOfType, EventTrigger } from '../../../shared/graph';
import { intermediateCatchEvent } from '../../../workflows/elements/intermediate-catch-event';
import { fakeElementContext } from '../../support/fake-element-context';

const catchEvent = (trigger: EventTrigger): ElementOfType<'intermediateCatchEvent'> => ({
  id: 'wait',
  type: 'intermediateCatchEvent',
  incoming: ['in'],
  outgoing: ['out'],
  trigger,
});

const timer: EventTrigger = { kind: 'timer', timer: { kind: 'duration', value: { kind: 'static', value: 'P1D' } } };

describe('intermediate catch event', () => {
  it('writes the pending history, then waits for its timer as a resumable wait', async () => {
    // given a timer catch event
    const { ctx, recorded } = fakeElementContext();
    // when the token arrives and the timer fires
    const leave = await intermediateCatchEvent.execute(catchEvent(timer), ctx);
    // then the history was written first, the wait was keyed by the element instance and parked, then unparked
    expect(recorded.historyWrites).toBe(1);
    expect(recorded.waits).toEqual([{ elementId: 'wait', subscriptionId: 'element#1', trigger: timer }]);
    expect(recorded.parked).toEqual([{}]);
    expect(recorded.unparked).toBe(1);
    expect(leave).toEqual({ flows: ['out'] });
  });

  it('sets the variables its message arrived with; a message wait writes no history of its own', async () => {
    // given a message catch event and a message carrying variables
    const message: EventTrigger = {
      kind: 'message',
      messageName: 'paid',
      correlationKey: { kind: 'static', value: 'o-1' },
    };
    const { ctx, recorded } = fakeElementContext({ firings: { wait: { paidAt: '2026-01-05' } } });
    // when the message arrives
    await intermediateCatchEvent.execute(catchEvent(message), ctx);
    // then its variables are set, and the subscription's activity carries the history instead
    expect(recorded.sets).toEqual([{ paidAt: '2026-01-05' }]);
    expect(recorded.historyWrites).toBe(0);
  });

  it('raises an incident for a trigger that cannot be waited for', async () => {
    // given a catch event with an error trigger
    const { ctx, recorded } = fakeElementContext();
    // when the token arrives
    const caught = intermediateCatchEvent.execute(catchEvent({ kind: 'error', errorCode: 'E' }), ctx);
    // then it stops with an incident and waits for nothing
    await expect(caught).rejects.toMatchObject({ type: 'Incident', details: [{ elementId: 'wait' }] });
    expect(recorded.waits).toEqual([]);
  });
});
