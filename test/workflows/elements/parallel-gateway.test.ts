import type { ElementOfType } from '../../../shared/graph';
import { parallelGateway } from '../../../workflows/elements/parallel-gateway';
import { fakeElementContext } from '../../support/fake-element-context';

const gateway = (incoming: string[], outgoing: string[]): ElementOfType<'parallelGateway'> => ({
  id: 'gate',
  type: 'parallelGateway',
  incoming,
  outgoing,
});

describe('parallel gateway', () => {
  it('forks down every outgoing flow without joining', () => {
    // given a fork with one incoming flow
    const { ctx, recorded } = fakeElementContext({ arrivedVia: 'in' });
    // when the token arrives
    const leave = parallelGateway.execute(gateway(['in'], ['a', 'b', 'c']), ctx);
    // then a token goes down each outgoing flow, and no join is recorded
    expect(leave).toEqual({ flows: ['a', 'b', 'c'] });
    expect(recorded.parallelJoins).toEqual([]);
  });

  it('absorbs a token into the join while other incoming flows have not delivered', () => {
    // given a join whose partners have not all arrived
    const { ctx, recorded } = fakeElementContext({ arrivedVia: 'left', parallelJoinReady: false });
    // when one token arrives
    const leave = parallelGateway.execute(gateway(['left', 'right'], ['out']), ctx);
    // then it is recorded at the join by the flow it came by, and leaves by no flow
    expect(recorded.parallelJoins).toEqual([{ elementId: 'gate', incoming: ['left', 'right'], arrivedVia: 'left' }]);
    expect(leave).toEqual({ flows: [] });
  });

  it('lets the last token of the join go on', () => {
    // given a join where every other incoming flow has delivered
    const { ctx } = fakeElementContext({ arrivedVia: 'right', parallelJoinReady: true });
    // when the last token arrives
    const leave = parallelGateway.execute(gateway(['left', 'right'], ['out']), ctx);
    // then one token continues
    expect(leave).toEqual({ flows: ['out'] });
  });
});
