import { passThrough } from '../../../workflows/elements/pass-through';
import { fakeElementContext } from '../../support/fake-element-context';

describe('pass-through element', () => {
  it('passes a manual task straight on', () => {
    // given a manual task
    const { ctx, recorded } = fakeElementContext();
    // when the token arrives
    const leave = passThrough.execute(
      { id: 'sign', type: 'passThrough', bpmnType: 'manualTask', incoming: ['in'], outgoing: ['out'] },
      ctx,
    );
    // then it leaves by its outgoing flow without setting anything or ending the path
    expect(leave).toEqual({ flows: ['out'] });
    expect(recorded.sets).toEqual([]);
    expect(recorded.ended).toEqual([]);
  });
});
