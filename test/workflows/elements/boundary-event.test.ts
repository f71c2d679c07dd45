import { boundaryEvent } from '../../../workflows/elements/boundary-event';
import { fakeElementContext } from '../../support/fake-element-context';

describe('boundary event', () => {
  it('lets the token started at it leave by its outgoing flows', () => {
    // given a timer boundary event whose trigger has fired
    const { ctx, recorded } = fakeElementContext();
    // when the token starts there
    const leave = boundaryEvent.execute(
      {
        id: 'late',
        type: 'boundaryEvent',
        attachedToId: 'review',
        cancelActivity: true,
        trigger: { kind: 'timer', timer: { kind: 'duration', value: { kind: 'static', value: 'PT1H' } } },
        incoming: [],
        outgoing: ['toReminder'],
      },
      ctx,
    );
    // then it leaves at once, without waiting again
    expect(leave).toEqual({ flows: ['toReminder'] });
    expect(recorded.waits).toEqual([]);
  });
});
