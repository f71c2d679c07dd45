import { startEvent } from '../../../workflows/elements/start-event';
import { fakeElementContext } from '../../support/fake-element-context';

describe('start event', () => {
  it('leaves by every outgoing flow and changes nothing', () => {
    // given a start event with two outgoing flows
    const { ctx, recorded } = fakeElementContext({ variables: { amount: 5 } });
    // when it runs
    const leave = startEvent.execute({ id: 'start', type: 'startEvent', incoming: [], outgoing: ['a', 'b'] }, ctx);
    // then the token leaves by both, with the variables as they were
    expect(leave).toEqual({ flows: ['a', 'b'] });
    expect(recorded.sets).toEqual([]);
  });
});
