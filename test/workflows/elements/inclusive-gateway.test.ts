import type { ElementOfType } from '../../../shared/graph';
import { inclusiveGateway } from '../../../workflows/elements/inclusive-gateway';
import { fakeElementContext, sequenceFlow } from '../../support/fake-element-context';

const flows = [
  sequenceFlow('big', 'gate', 'a', 'amount > 100'),
  sequenceFlow('foreign', 'gate', 'b', 'foreign'),
  sequenceFlow('always', 'gate', 'c'),
];

const fork = (incoming: string[] = ['in']): ElementOfType<'inclusiveGateway'> => ({
  id: 'gate',
  type: 'inclusiveGateway',
  incoming,
  outgoing: ['big', 'foreign', 'always'],
  defaultFlowId: 'always',
});

describe('inclusive gateway', () => {
  it('takes every flow whose condition is true, not the default', async () => {
    // given both conditions true
    const { ctx, recorded } = fakeElementContext({ variables: { amount: 500, foreign: true }, flows });
    // when the fork decides
    const leave = await inclusiveGateway.execute(fork(), ctx);
    // then both conditioned flows are taken, and no join was waited for
    expect(leave).toEqual({ flows: ['big', 'foreign'] });
    expect(recorded.inclusiveJoins).toEqual([]);
  });

  it('takes the default flow when no condition is true', async () => {
    // given neither condition true
    const { ctx } = fakeElementContext({ variables: { amount: 1, foreign: false }, flows });
    // when the fork decides
    const leave = await inclusiveGateway.execute(fork(), ctx);
    // then only the default flow is taken
    expect(leave).toEqual({ flows: ['always'] });
  });

  it('as a join, ends a token the join absorbs without evaluating anything', async () => {
    // given a join that lets another token go on (and variables a condition could not evaluate)
    const { ctx, recorded } = fakeElementContext({ inclusiveJoinContinues: false, flows });
    // when this token arrives
    const leave = await inclusiveGateway.execute(fork(['x', 'y']), ctx);
    // then it waited at the join and leaves by no flow
    expect(recorded.inclusiveJoins).toEqual(['gate']);
    expect(leave).toEqual({ flows: [] });
  });

  it('as a join, lets the continuing token take the flows whose condition is true', async () => {
    // given a join that lets this token go on
    const { ctx } = fakeElementContext({ variables: { amount: 500, foreign: false }, flows });
    // when it arrives
    const leave = await inclusiveGateway.execute(fork(['x', 'y']), ctx);
    // then it forks by the conditions
    expect(leave).toEqual({ flows: ['big'] });
  });

  it('raises an incident when no condition is true and there is no default flow', async () => {
    // given no default flow and no true condition
    const { ctx } = fakeElementContext({ variables: { amount: 1, foreign: false }, flows });
    // when the fork decides
    const decided = Promise.resolve(
      inclusiveGateway.execute({ ...fork(), outgoing: ['big', 'foreign'], defaultFlowId: undefined }, ctx),
    );
    // then it stops with an incident
    await expect(decided).rejects.toMatchObject({ type: 'Incident', details: [{ elementId: 'gate' }] });
  });
});
