import { isSaturated, saturationIndex } from '../../bench/saturation';

describe('the sweep stops once throughput stops rising', () => {
  it('keeps going while each level gains 5 % or more', () => {
    expect(isSaturated([5])).toBe(false);
    expect(isSaturated([5, 12])).toBe(false);
    expect(isSaturated([5, 12, 18, 18.9])).toBe(false); // +5 % exactly still counts as rising
  });

  it('keeps going after a single flat step: one noisy point does not end the sweep', () => {
    expect(isSaturated([5, 12, 12.3])).toBe(false);
    expect(isSaturated([5, 12, 12.3, 15])).toBe(false);
  });

  it('stops after two flat steps in a row', () => {
    expect(isSaturated([5, 12, 12.3, 12.5])).toBe(true);
  });

  it('stops as soon as throughput falls', () => {
    expect(isSaturated([5, 12, 11.9])).toBe(true);
    expect(isSaturated([12, 6])).toBe(true);
  });
});

describe('the saturation point', () => {
  it('is the level of the highest throughput, not the last level measured', () => {
    expect(saturationIndex([5, 12, 19.5, 19.1, 18])).toBe(2);
    expect(saturationIndex([5, 12, 12.3, 12.5])).toBe(3);
  });

  it('is the lower concurrency when two levels tie', () => {
    expect(saturationIndex([5, 12, 12])).toBe(1);
  });

  it('is refused when nothing was measured', () => {
    expect(() => saturationIndex([])).toThrow('no throughput measured');
  });
});
