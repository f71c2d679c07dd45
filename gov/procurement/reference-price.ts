/**
 * 예정가격 from 복수예비가격: fifteen preliminary prices within ±2% of the base amount (기초금액); each bidder picks two
 * of them; the four picked most often are averaged, below one won cut off. Ties on the count go to the lower number.
 * Pure (docs/procurement.md; the rounding and the tie rule are assumptions to be checked there).
 */
import { ProcurementInputError } from './procurement-input-error';
import { wonText } from './won-text';

export const PRELIMINARY_PRICE_COUNT = 15;
/** The spread of the preliminary prices around the base amount, as a fraction: ±2/100. */
export const PRELIMINARY_PRICE_SPREAD = { numerator: 2, denominator: 100 } as const;
export const PICKS_PER_BIDDER = 2;
export const AVERAGED_PRICE_COUNT = 4;

export interface ReferencePriceRequest {
  /** 기초금액 in won. */
  basePrice: number;
  /** The fifteen preliminary prices in won; number n (1-15) is `preliminaryPrices[n - 1]`. */
  preliminaryPrices: readonly number[];
  /** Each bidder's picks: two different numbers from 1 to 15. */
  picks: ReadonlyArray<readonly number[]>;
}

export interface ReferencePrice {
  /** 예정가격 in won. */
  referencePrice: number;
  /** The numbers averaged, most picked first (ties: lower number first). */
  averaged: number[];
  /** How often each number was picked: `pickCounts[n - 1]` for number n. */
  pickCounts: number[];
  explanation: { text: string[] };
}

export function referencePrice({ basePrice, preliminaryPrices, picks }: ReferencePriceRequest): ReferencePrice {
  checkPrices(basePrice, preliminaryPrices);
  const pickCounts = countPicks(picks);
  const averaged = pickCounts
    .map((count, index) => ({ number: index + 1, count }))
    .sort((a, b) => b.count - a.count || a.number - b.number)
    .slice(0, AVERAGED_PRICE_COUNT)
    .map(({ number }) => number);
  const sum = averaged.reduce((total, number) => total + priceOf(preliminaryPrices, number), 0);
  const price = Math.floor(sum / AVERAGED_PRICE_COUNT);
  const listed = averaged
    .map((number) => `${number}번 ${wonText(priceOf(preliminaryPrices, number))}원(${pickCounts[number - 1]}회)`)
    .join(', ');
  const sentence =
    `복수예비가격 ${PRELIMINARY_PRICE_COUNT}개(기초금액 ${wonText(basePrice)}원의 ±${PRELIMINARY_PRICE_SPREAD.numerator}% 이내) 가운데 입찰자 ${picks.length}명이 ` +
    `${PICKS_PER_BIDDER}개씩 고른 횟수가 많은 ${AVERAGED_PRICE_COUNT}개(${listed})를 산술평균하면 ` +
    `${wonText(sum)}원 ÷ ${AVERAGED_PRICE_COUNT}이고, 원 미만을 버려 예정가격은 ${wonText(price)}원입니다. ` +
    '고른 횟수가 같으면 번호가 낮은 것을 먼저 셉니다.';
  return { referencePrice: price, averaged, pickCounts, explanation: { text: [sentence] } };
}

/** The lowest and highest preliminary price a base amount allows, in whole won. */
export function preliminaryPriceRange(basePrice: number): { min: number; max: number } {
  const { numerator, denominator } = PRELIMINARY_PRICE_SPREAD;
  // Whole won of the spread, taken in integers so that large amounts keep their last won.
  const spread = Math.floor((basePrice * numerator) / denominator);
  return { min: basePrice - spread, max: basePrice + spread };
}

function checkPrices(basePrice: number, preliminaryPrices: readonly number[]): void {
  if (!Number.isSafeInteger(basePrice) || basePrice <= 0)
    throw new ProcurementInputError('basePrice', 'must be a whole, positive number of won.');
  if (preliminaryPrices.length !== PRELIMINARY_PRICE_COUNT)
    throw new ProcurementInputError(
      'preliminaryPrices',
      `must list exactly ${PRELIMINARY_PRICE_COUNT} prices, not ${preliminaryPrices.length}.`,
    );
  const { min, max } = preliminaryPriceRange(basePrice);
  preliminaryPrices.forEach((price, index) => {
    if (!Number.isSafeInteger(price) || price < min || price > max)
      throw new ProcurementInputError(
        'preliminaryPrices',
        `number ${index + 1} (${price}) must be whole won from ${wonText(min)} to ${wonText(max)} (±2% of the base amount).`,
      );
  });
}

function countPicks(picks: ReadonlyArray<readonly number[]>): number[] {
  if (picks.length === 0)
    throw new ProcurementInputError('picks', 'no bidder picked: the reference price needs at least one bid.');
  const counts = new Array<number>(PRELIMINARY_PRICE_COUNT).fill(0);
  picks.forEach((bidderPicks, bidder) => {
    const valid =
      bidderPicks.length === PICKS_PER_BIDDER &&
      new Set(bidderPicks).size === PICKS_PER_BIDDER &&
      bidderPicks.every((number) => Number.isInteger(number) && number >= 1 && number <= PRELIMINARY_PRICE_COUNT);
    if (!valid)
      throw new ProcurementInputError(
        'picks',
        `bidder ${bidder + 1} must pick ${PICKS_PER_BIDDER} different numbers from 1 to ${PRELIMINARY_PRICE_COUNT}, not [${bidderPicks.join(', ')}].`,
      );
    for (const number of bidderPicks) counts[number - 1] = (counts[number - 1] ?? 0) + 1;
  });
  return counts;
}

function priceOf(preliminaryPrices: readonly number[], number: number): number {
  return preliminaryPrices[number - 1] as number;
}
