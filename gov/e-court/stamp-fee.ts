/**
 * 인지 (stamp fee) on a complaint, appeal or final appeal (docs/e-court.md): the claim value's band (민사소송 등
 * 인지법 §2①), the statute's rounding (§2②), the multiple for an appeal or a final appeal (§3) and the e-filing
 * reduction to nine tenths. Integer arithmetic throughout: the §2① rates are per ten thousand, so the exact figure is
 * kept in ten-thousandths of a won and no amount is ever a binary fraction.
 */
import type { FeeStep } from './fee-step';
import { formatTenThousandthsOfWon, formatWon } from './won';

export type CourtLevel = 'first' | 'appeal' | 'final';

interface Band {
  /** The band ends below this claim value. */
  below: number;
  perTenThousand: number;
  plus: number;
  label: string;
}

const BANDS: readonly Band[] = [
  { below: 10_000_000, perTenThousand: 50, plus: 0, label: '1천만원 미만' },
  { below: 100_000_000, perTenThousand: 45, plus: 5_000, label: '1천만원 이상 1억원 미만' },
  { below: 1_000_000_000, perTenThousand: 40, plus: 55_000, label: '1억원 이상 10억원 미만' },
  { below: Number.POSITIVE_INFINITY, perTenThousand: 35, plus: 555_000, label: '10억원 이상' },
];

/** §3: an appeal pays 1.5 times, a final appeal twice the §2 amount; a first-instance complaint pays it as it is. */
const LEVEL_MULTIPLES: Record<CourtLevel, { times: number; per: number; document: string; label: string } | null> = {
  first: null,
  appeal: { times: 3, per: 2, document: '항소장', label: '1.5' },
  final: { times: 2, per: 1, document: '상고장', label: '2' },
};

const MINIMUM_STAMP = 1_000;
const ROUNDING_UNIT = 100;
const PER_TEN_THOUSAND = 10_000;

const ARTICLE_BAND = '민사소송 등 인지법 §2①';
const ARTICLE_ROUNDING = '민사소송 등 인지법 §2②';
const ARTICLE_LEVEL = '민사소송 등 인지법 §3';
const ARTICLE_E_FILING = '전자소송 인지 감액 규정';

export function stampFee(
  claimAmount: number,
  level: CourtLevel,
  electronic: boolean,
): { amount: number; steps: FeeStep[] } {
  // The last band has no upper end, so every claim finds one.
  const band = BANDS.find((candidate) => claimAmount < candidate.below) as Band;
  const exactTenThousandths = claimAmount * band.perTenThousand + band.plus * PER_TEN_THOUSAND;
  const steps: FeeStep[] = [
    step(
      ARTICLE_BAND,
      exactTenThousandths / PER_TEN_THOUSAND,
      `소송목적의 값 ${formatWon(claimAmount)}은 ${band.label} 구간: ${formatWon(claimAmount)} × 1만분의 ${band.perTenThousand}` +
        `${band.plus ? ` + ${formatWon(band.plus)}` : ''} = ${formatTenThousandthsOfWon(exactTenThousandths)}`,
    ),
  ];

  const belowMinimum = exactTenThousandths < MINIMUM_STAMP * PER_TEN_THOUSAND;
  const statutory = belowMinimum
    ? MINIMUM_STAMP
    : Math.floor(exactTenThousandths / (PER_TEN_THOUSAND * ROUNDING_UNIT)) * ROUNDING_UNIT;
  steps.push(
    step(
      ARTICLE_ROUNDING,
      statutory,
      belowMinimum
        ? `1천원 미만이므로 인지액은 ${formatWon(MINIMUM_STAMP)}`
        : `1천원 이상이므로 100원 미만은 계산하지 않아 ${formatWon(statutory)}`,
    ),
  );

  // The §2 amount is a multiple of 100 won, so ×1.5 and ×0.9 stay whole won.
  let amount = statutory;
  const multiple = LEVEL_MULTIPLES[level];
  if (multiple) {
    const multiplied = (amount * multiple.times) / multiple.per;
    steps.push(
      step(
        ARTICLE_LEVEL,
        multiplied,
        `${multiple.document}: ${formatWon(amount)} × ${multiple.label} = ${formatWon(multiplied)}`,
      ),
    );
    amount = multiplied;
  }
  if (electronic) {
    const reduced = (amount * 9) / 10;
    steps.push(
      step(ARTICLE_E_FILING, reduced, `전자소송으로 제출: ${formatWon(amount)} × 10분의 9 = ${formatWon(reduced)}`),
    );
    amount = reduced;
  }
  if (multiple || electronic) {
    // ⚠ Our reading (docs/e-court.md): the stamp actually affixed is also counted in whole hundreds of won.
    const rounded = Math.floor(amount / ROUNDING_UNIT) * ROUNDING_UNIT;
    steps.push(step(ARTICLE_ROUNDING, rounded, `붙일 인지액도 100원 미만은 계산하지 않으므로 ${formatWon(rounded)}`));
    amount = rounded;
  }
  return { amount, steps };
}

function step(article: string, amount: number, text: string): FeeStep {
  return { fee: 'stampFee', article, amount, text };
}
