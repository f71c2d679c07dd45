import { eventSubProcess } from '../../../workflows/elements/event-sub-process';
import { fakeElementContext } from '../../support/fake-element-context';

describe('event sub-process', () => {
  it('runs its own scope with no locals and then ends its path', async () => {
    // given an event sub-process whose start has fired
    const { ctx, recorded } = fakeElementContext({ variables: { amount: 1 } });
    // when its token runs
    const leave = await eventSubProcess.execute(
      { id: 'onCancel', type: 'eventSubProcess', incoming: [], outgoing: [], startEventId: 'cancelStart' },
      ctx,
    );
    // then its scope ran, and the path ends there
    expect(recorded.subProcessRuns).toEqual([{ elementId: 'onCancel', local: {} }]);
    expect(leave).toEqual({ flows: [] });
  });
});
