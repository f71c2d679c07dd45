import type { ElementOfType } from '../../../shared/graph';
import { subProcess } from '../../../workflows/elements/sub-process';
import { fakeElementContext } from '../../support/fake-element-context';

const sub = (overrides: Partial<ElementOfType<'subProcess'>> = {}): ElementOfType<'subProcess'> => ({
  id: 'review',
  type: 'subProcess',
  incoming: ['in'],
  outgoing: ['out'],
  startEventId: 'reviewStart',
  inputs: [],
  outputs: [],
  ...overrides,
});

describe('embedded sub-process', () => {
  it('runs its scope with its input mappings as local variables', async () => {
    // given an input mapping from the outer scope
    const { ctx, recorded } = fakeElementContext({ variables: { amount: 7 } });
    // when the sub-process runs
    const leave = await subProcess.execute(sub({ inputs: [{ source: 'amount * 2', target: 'limit' }] }), ctx);
    // then its scope starts with the mapped local and the token leaves once it ends
    expect(recorded.subProcessRuns).toEqual([{ elementId: 'review', local: { limit: 14 } }]);
    expect(leave).toEqual({ flows: ['out'] });
  });

  it('writes its output mappings to the outer scope, from what it ended with', async () => {
    // given a sub-process that ends with a decision, and an output mapping of it
    const { ctx, recorded } = fakeElementContext({ subProcessEndsWith: { decision: 'approved' } });
    // when it runs
    await subProcess.execute(sub({ outputs: [{ source: 'decision', target: 'outcome' }] }), ctx);
    // then only the mapped output is set outside
    expect(recorded.sets).toEqual([{ outcome: 'approved' }]);
  });

  it('sets nothing outside without output mappings (its writes already landed where they live)', async () => {
    // given a sub-process without output mappings
    const { ctx, recorded } = fakeElementContext({ subProcessEndsWith: { decision: 'approved' } });
    // when it runs
    await subProcess.execute(sub(), ctx);
    // then nothing more is set
    expect(recorded.sets).toEqual([]);
  });
});
