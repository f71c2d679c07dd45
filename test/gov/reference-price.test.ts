/**
 * 예정가격 from 복수예비가격: the four most-picked of fifteen preliminary prices averaged, below one won cut off,
 * ties to the lower number. Prices of the rows: number n is 98,000,000 + n × 250,000 won (base 100,000,000).
 */
import { preliminaryPriceRange, referencePrice } from '../../gov/procurement/reference-price';
import { refusedParameter } from './refused-parameter';

const basePrice = 100_000_000;
const prices = Array.from({ length: 15 }, (_, index) => 98_000_000 + (index + 1) * 250_000);
const withPrice = (number: number, price: number) => prices.map((old, index) => (index + 1 === number ? price : old));

/** Six bidders' picks: 3, 7 and 12 three times each; 1, 5 and 9 once. */
const sixBidders = [
  [3, 7],
  [3, 7],
  [3, 12],
  [7, 12],
  [12, 1],
  [5, 9],
];

describe('referencePrice', () => {
  it.each([
    {
      name: '3, 7 and 12 picked three times, then 1 of the once-picked 1, 5, 9 (lower number first)',
      preliminaryPrices: prices,
      picks: sixBidders,
      averaged: [3, 7, 12, 1],
      // 98,750,000 + 99,750,000 + 101,000,000 + 98,250,000 = 397,750,000; ÷ 4
      referencePrice: 99_437_500,
    },
    {
      name: 'a mean of x.75 won is cut to the won below, not rounded up',
      preliminaryPrices: withPrice(1, 98_250_003),
      picks: sixBidders,
      averaged: [3, 7, 12, 1],
      // 397,750,003 ÷ 4 = 99,437,500.75
      referencePrice: 99_437_500,
    },
    {
      name: 'the most picked comes first whatever its number: 15 twice beats 2 once',
      preliminaryPrices: prices,
      picks: [
        [15, 2],
        [15, 4],
        [6, 8],
      ],
      averaged: [15, 2, 4, 6],
      // 101,750,000 + 98,500,000 + 99,000,000 + 99,500,000 = 398,750,000; ÷ 4
      referencePrice: 99_687_500,
    },
    {
      name: 'one bidder: its two numbers, then the lowest unpicked numbers 1 and 2',
      preliminaryPrices: prices,
      picks: [[15, 14]],
      averaged: [14, 15, 1, 2],
      // 101,500,000 + 101,750,000 + 98,250,000 + 98,500,000 = 400,000,000; ÷ 4
      referencePrice: 100_000_000,
    },
  ])('$name', ({ preliminaryPrices, picks, averaged, referencePrice: expected }) => {
    const result = referencePrice({ basePrice, preliminaryPrices, picks });
    expect(result.averaged).toEqual(averaged);
    expect(result.referencePrice).toBe(expected);
  });

  it('counts each number and explains the average and the cut-off in Korean', () => {
    const result = referencePrice({
      basePrice,
      preliminaryPrices: prices,
      picks: [
        [3, 7],
        [3, 12],
      ],
    });
    expect(result.pickCounts).toEqual([0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0]);
    expect(result.explanation.text.join(' ')).toContain('3번 98,750,000원(2회)');
    expect(result.explanation.text.join(' ')).toContain('원 미만을 버려 예정가격은 99,437,500원');
  });

  it('accepts prices exactly 2% from the base and refuses one won beyond', () => {
    const edges = withPrice(1, 98_000_000).map((price, index) => (index === 14 ? 102_000_000 : price));
    expect(
      refusedParameter(() => referencePrice({ basePrice, preliminaryPrices: edges, picks: [[1, 15]] })),
    ).toBeUndefined();
    for (const outside of [withPrice(1, 97_999_999), withPrice(15, 102_000_001)])
      expect(refusedParameter(() => referencePrice({ basePrice, preliminaryPrices: outside, picks: [[1, 15]] }))).toBe(
        'preliminaryPrices',
      );
  });

  it.each([
    {
      what: 'a base of 0 won',
      request: { basePrice: 0, preliminaryPrices: prices, picks: [[1, 2]] },
      parameter: 'basePrice',
    },
    {
      what: '14 prices',
      request: { basePrice, preliminaryPrices: prices.slice(1), picks: [[1, 2]] },
      parameter: 'preliminaryPrices',
    },
    {
      what: 'a price in fractions of a won',
      request: { basePrice, preliminaryPrices: withPrice(2, 98_500_000.5), picks: [[1, 2]] },
      parameter: 'preliminaryPrices',
    },
    { what: 'no bidder', request: { basePrice, preliminaryPrices: prices, picks: [] }, parameter: 'picks' },
    {
      what: 'the same number twice',
      request: { basePrice, preliminaryPrices: prices, picks: [[4, 4]] },
      parameter: 'picks',
    },
    { what: 'number 16', request: { basePrice, preliminaryPrices: prices, picks: [[1, 16]] }, parameter: 'picks' },
    {
      what: 'three numbers',
      request: { basePrice, preliminaryPrices: prices, picks: [[1, 2, 3]] },
      parameter: 'picks',
    },
  ])('refuses $what, naming $parameter', ({ request, parameter }) => {
    expect(refusedParameter(() => referencePrice(request))).toBe(parameter);
  });
});

describe('preliminaryPriceRange', () => {
  it('keeps whole won inside ±2%: 1,234,567 ± 24,691.34 → 1,209,876 to 1,259,258', () => {
    expect(preliminaryPriceRange(1_234_567)).toEqual({ min: 1_209_876, max: 1_259_258 });
    expect(preliminaryPriceRange(100_000_000)).toEqual({ min: 98_000_000, max: 102_000_000 });
  });
});
