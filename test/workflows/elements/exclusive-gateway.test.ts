import type { ElementOfType } from '../../../shared/graph';
import { exclusiveGateway } from '../../../workflows/elements/exclusive-gateway';
import { isIncident } from '../../../workflows/incidents';
import { fakeElementContext, sequenceFlow, thrownBy } from '../../support/fake-element-context';

const flows = [
  sequenceFlow('fallback', 'gate', 'c'),
  sequenceFlow('big', 'gate', 'a', 'amount > 100'),
  sequenceFlow('bigger', 'gate', 'b', 'amount > 50'),
];

const gateway = (defaultFlowId?: string): ElementOfType<'exclusiveGateway'> => ({
  id: 'gate',
  type: 'exclusiveGateway',
  incoming: ['in'],
  outgoing: ['fallback', 'big', 'bigger'].filter((id) => id !== 'fallback' || defaultFlowId !== undefined),
  defaultFlowId,
});

describe('exclusive gateway', () => {
  it('takes the first flow in model order whose condition is true', () => {
    // given amount 500, true for both conditions
    const { ctx } = fakeElementContext({ variables: { amount: 500 }, flows });
    // when the gateway decides
    const leave = exclusiveGateway.execute(gateway('fallback'), ctx);
    // then only the first true flow is taken, and the default flow (listed first) is skipped
    expect(leave).toEqual({ flows: ['big'] });
  });

  it('takes the default flow when no condition is true', () => {
    // given amount 10, true for neither condition
    const { ctx } = fakeElementContext({ variables: { amount: 10 }, flows });
    // when the gateway decides
    const leave = exclusiveGateway.execute(gateway('fallback'), ctx);
    // then the default flow is taken
    expect(leave).toEqual({ flows: ['fallback'] });
  });

  it('raises an incident at the gateway when no condition is true and there is no default flow', () => {
    // given amount 10 and no default flow
    const { ctx } = fakeElementContext({ variables: { amount: 10 }, flows });
    // when the gateway decides
    const thrown = thrownBy(() => exclusiveGateway.execute(gateway(), ctx));
    // then it stops with an incident at the gateway
    expect(isIncident(thrown)).toBe(true);
    expect(thrown).toMatchObject({
      message: expect.stringContaining("no outgoing condition of gateway 'gate' is true"),
      details: [{ elementId: 'gate' }],
    });
  });

  it('takes a single unconditioned flow (a merge)', () => {
    // given a gateway with one plain outgoing flow
    const { ctx } = fakeElementContext({ flows: [sequenceFlow('out', 'gate', 'next')] });
    // when a token arrives
    const leave = exclusiveGateway.execute(
      { id: 'gate', type: 'exclusiveGateway', incoming: ['a', 'b'], outgoing: ['out'] },
      ctx,
    );
    // then it passes on
    expect(leave).toEqual({ flows: ['out'] });
  });
});
