import type { ElementOfType } from '../../../shared/graph';
import { scriptTask } from '../../../workflows/elements/script-task';
import { fakeElementContext, thrownBy } from '../../support/fake-element-context';

const script = (overrides: Partial<ElementOfType<'scriptTask'>> = {}): ElementOfType<'scriptTask'> => ({
  id: 'total',
  type: 'scriptTask',
  incoming: ['in'],
  outgoing: ['out'],
  expression: 'price * quantity',
  resultVariable: 'sum',
  inputs: [],
  outputs: [],
  ...overrides,
});

describe('script task', () => {
  it('stores the result of its expression in the result variable', () => {
    // given price and quantity in scope
    const { ctx, recorded } = fakeElementContext({ variables: { price: 4, quantity: 3 } });
    // when the script runs
    const leave = scriptTask.execute(script(), ctx);
    // then the product is set and the token moves on
    expect(recorded.sets).toEqual([{ sum: 12 }]);
    expect(leave).toEqual({ flows: ['out'] });
  });

  it('evaluates in its input mappings and hands back only its output mappings', () => {
    // given an input mapping for quantity and an output mapping from the result
    const { ctx, recorded } = fakeElementContext({ variables: { price: 4, quantity: 3 } });
    // when the script runs
    const leave = scriptTask.execute(
      script({
        inputs: [{ source: '10', target: 'quantity' }],
        outputs: [{ source: 'sum + 1', target: 'withFee' }],
      }),
      ctx,
    );
    // then the input was seen by the expression and only the output target is set
    expect(recorded.sets).toEqual([{ withFee: 41 }]);
    expect(leave).toEqual({ flows: ['out'] });
  });

  it('raises an incident at the task when its expression cannot be evaluated', () => {
    // given an expression that is not FEEL
    const { ctx, recorded } = fakeElementContext();
    // when the script runs
    const thrown = thrownBy(() => scriptTask.execute(script({ expression: 'price *' }), ctx));
    // then it stops with an incident at the task, and sets nothing
    expect(thrown).toMatchObject({ type: 'Incident', details: [{ elementId: 'total' }] });
    expect(recorded.sets).toEqual([]);
  });
});
