/**
 * E-court fees (docs/e-court.md): 인지 by the claim's band (민사소송 등 인지법 §2①) with the statute's rounding (§2②),
 * the appeal multiples (§3) and the e-filing reduction; 송달료 by parties, rounds and the fee per round on the filing
 * date. Every expected amount is worked out by hand in the row's name or comment.
 */
import { computeCourtFees, CourtFeeError, type CourtFeeRequest } from '../../gov/e-court';

const paperComplaint: CourtFeeRequest = {
  claimAmount: 12_345_678,
  level: 'first',
  electronic: false,
  parties: 2,
  track: 'civil',
  filedOn: '2026-12-07',
};

function fees(changes: Partial<CourtFeeRequest>) {
  return computeCourtFees({ ...paperComplaint, ...changes });
}

function refusal(changes: Partial<CourtFeeRequest>): unknown {
  try {
    fees(changes);
  } catch (error) {
    return error;
  }
  throw new Error('the request was priced, not refused');
}

describe('the stamp fee of a first-instance paper complaint: the band of §2①, rounded by §2②', () => {
  it.each([
    // [claim, band named in the explanation, §2① figure, stamp]
    [1_000_000, '1천만원 미만', '1,000,000원 × 1만분의 50 = 5,000원', 5_000],
    [9_999_999, '1천만원 미만', '9,999,999원 × 1만분의 50 = 49,999.995원', 49_900],
    [10_000_000, '1천만원 이상 1억원 미만', '10,000,000원 × 1만분의 45 + 5,000원 = 50,000원', 50_000],
    [12_345_678, '1천만원 이상 1억원 미만', '12,345,678원 × 1만분의 45 + 5,000원 = 60,555.551원', 60_500],
    [99_999_999, '1천만원 이상 1억원 미만', '99,999,999원 × 1만분의 45 + 5,000원 = 454,999.9955원', 454_900],
    [100_000_000, '1억원 이상 10억원 미만', '100,000,000원 × 1만분의 40 + 55,000원 = 455,000원', 455_000],
    [999_999_999, '1억원 이상 10억원 미만', '999,999,999원 × 1만분의 40 + 55,000원 = 4,054,999.996원', 4_054_900],
    [1_000_000_000, '10억원 이상', '1,000,000,000원 × 1만분의 35 + 555,000원 = 4,055,000원', 4_055_000],
    [5_000_000_000, '10억원 이상', '5,000,000,000원 × 1만분의 35 + 555,000원 = 18,055,000원', 18_055_000],
  ])('a claim of %i won is in the band %s: %s, so %i won', (claimAmount, band, figure, stamp) => {
    const result = fees({ claimAmount });
    expect(result.stampFee).toBe(stamp);
    const [bandStep] = result.explanation.steps;
    expect(bandStep).toMatchObject({ fee: 'stampFee', article: '민사소송 등 인지법 §2①' });
    expect(bandStep?.text).toContain(`${band} 구간`);
    expect(bandStep?.text).toContain(figure);
  });

  it.each([
    [1, 1_000], // 0.005원
    [100_000, 1_000], // 500원
    [199_999, 1_000], // 999.995원, still under 1,000
    [200_000, 1_000], // exactly 1,000원
    [219_999, 1_000], // 1,099.995원 → 1,000
    [220_000, 1_100], // 1,100원
  ])('never asks less than 1,000 won and drops what is under 100 won: %i won → %i won', (claimAmount, stamp) => {
    const result = fees({ claimAmount });
    expect(result.stampFee).toBe(stamp);
    expect(result.explanation.steps[1]).toMatchObject({ article: '민사소송 등 인지법 §2②', amount: stamp });
  });

  it('says when the 1,000 won minimum applies', () => {
    expect(fees({ claimAmount: 100_000 }).explanation.steps[1]?.text).toBe('1천원 미만이므로 인지액은 1,000원');
  });
});

describe('the level (§3) and e-filing (nine tenths), rounded down to 100 won again', () => {
  it.each([
    // claim 12,345,678: §2 amount 60,500
    ['first', false, 60_500],
    ['first', true, 54_400], // 60,500 × 0.9 = 54,450
    ['appeal', false, 90_700], // 60,500 × 1.5 = 90,750
    ['appeal', true, 81_600], // 90,750 × 0.9 = 81,675
    ['final', false, 121_000], // 60,500 × 2
    ['final', true, 108_900], // 121,000 × 0.9
  ] as const)('level %s, electronic %s: %i won on a claim of 12,345,678', (level, electronic, stamp) => {
    expect(fees({ level, electronic }).stampFee).toBe(stamp);
  });

  it.each([
    // claim 100,000: §2 amount is the 1,000 won minimum
    ['first', true, 900],
    ['appeal', false, 1_500],
    ['appeal', true, 1_300], // 1,500 × 0.9 = 1,350
    ['final', true, 1_800],
  ] as const)('multiplies the minimum too: level %s, electronic %s: %i won on 100,000', (level, electronic, stamp) => {
    expect(fees({ claimAmount: 100_000, level, electronic }).stampFee).toBe(stamp);
  });

  it('rounds the §2 amount before multiplying it, as §3 multiplies "제2조에 따른 금액"', () => {
    // Rounding only at the end would give 60,555.551 × 1.5 = 90,833.3 → 90,800.
    expect(fees({ level: 'appeal' }).stampFee).toBe(90_700);
  });

  it('explains an electronic appeal step by step, each with its article and numbers', () => {
    const { explanation } = fees({ level: 'appeal', electronic: true });
    expect(explanation.steps.filter((step) => step.fee === 'stampFee')).toEqual([
      expect.objectContaining({ article: '민사소송 등 인지법 §2①', amount: 60_555.551 }),
      expect.objectContaining({ article: '민사소송 등 인지법 §2②', amount: 60_500 }),
      expect.objectContaining({ article: '민사소송 등 인지법 §3', text: '항소장: 60,500원 × 1.5 = 90,750원' }),
      expect.objectContaining({
        article: '전자소송 인지 감액 규정',
        text: '전자소송으로 제출: 90,750원 × 10분의 9 = 81,675원',
      }),
      expect.objectContaining({ article: '민사소송 등 인지법 §2②', amount: 81_600 }),
    ]);
    expect(explanation.text.at(-1)).toBe('인지액 81,600원, 송달료 135,360원');
    expect(explanation.text[2]).toBe('[민사소송 등 인지법 §3] 항소장: 60,500원 × 1.5 = 90,750원');
  });

  it('leaves out the steps that do not apply to a first-instance paper complaint', () => {
    const articles = fees({}).explanation.steps.map((step) => step.article);
    expect(articles).toEqual(['민사소송 등 인지법 §2①', '민사소송 등 인지법 §2②', '송달료규칙', '송달료규칙']);
  });
});

describe('the service fee: parties × fee per round on the filing date × rounds (송달료규칙)', () => {
  it.each([
    ['first', 'civil', 2, 169_200], // 2 × 5,640 × 15
    ['first', 'small-claims', 2, 112_800], // 2 × 5,640 × 10
    ['appeal', 'civil', 2, 135_360], // 2 × 5,640 × 12
    ['final', 'civil', 2, 90_240], // 2 × 5,640 × 8
    ['first', 'civil', 3, 253_800], // 3 × 5,640 × 15
    ['first', 'civil', 1, 84_600], // 1 × 5,640 × 15
  ] as const)('level %s, track %s, %i parties: %i won', (level, track, parties, serviceFee) => {
    expect(fees({ level, track, parties, claimAmount: 5_000_000 }).serviceFee).toBe(serviceFee);
  });

  it.each([
    ['2021-09-01', 5_200],
    ['2025-05-31', 5_200],
    ['2025-06-01', 5_500],
    ['2026-06-30', 5_500],
    ['2026-07-01', 5_640],
    ['2027-12-31', 5_640],
  ])('takes the fee per round in force on %s: %i won', (filedOn, perRound) => {
    const result = fees({ filedOn });
    expect(result.serviceFee).toBe(2 * perRound * 15);
    expect(result.explanation.steps.find((step) => step.fee === 'serviceFee')).toMatchObject({
      article: '송달료규칙',
      amount: perRound,
      text: expect.stringContaining(`접수일 ${filedOn} 기준`),
    });
  });

  it('shows the multiplication with the kind of case', () => {
    expect(fees({ track: 'small-claims', claimAmount: 3_000_000 }).explanation.steps.at(-1)?.text).toBe(
      '민사 제1심 소액사건: 당사자 2명 × 5,640원 × 10회분 = 112,800원',
    );
  });
});

describe('input it cannot price is refused naming the parameter', () => {
  it.each([
    ['a negative claim', { claimAmount: -5 }, 'claimAmount'],
    ['a claim of 0 won', { claimAmount: 0 }, 'claimAmount'],
    ['a claim in part won', { claimAmount: 1_000.5 }, 'claimAmount'],
    ['a claim that is no number', { claimAmount: Number.NaN }, 'claimAmount'],
    ['a claim above 100조 원', { claimAmount: 100_000_000_000_001 }, 'claimAmount'],
    ['an unknown level', { level: 'supreme' }, 'level'],
    ['electronic not a boolean', { electronic: 'yes' }, 'electronic'],
    ['no parties', { parties: 0 }, 'parties'],
    ['half a party', { parties: 1.5 }, 'parties'],
    ['10,001 parties', { parties: 10_001 }, 'parties'],
    ['an unknown track', { track: 'criminal' }, 'track'],
    ['a small claim on appeal', { track: 'small-claims', level: 'appeal', claimAmount: 5_000_000 }, 'track'],
    ['a small claim at final appeal', { track: 'small-claims', level: 'final', claimAmount: 5_000_000 }, 'track'],
    ['a small claim above 30,000,000 won', { track: 'small-claims', claimAmount: 30_000_001 }, 'track'],
    ['a date that does not exist', { filedOn: '2026-02-30' }, 'filedOn'],
    ['a filing before the first rate', { filedOn: '2021-08-31' }, 'filedOn'],
    ['a filing after the table was last reviewed', { filedOn: '2028-01-01' }, 'filedOn'],
  ])('%s', (_what, changes, parameter) => {
    const error = refusal(changes as Partial<CourtFeeRequest>);
    expect(error).toBeInstanceOf(CourtFeeError);
    expect(error).toMatchObject({ parameter, message: expect.stringMatching(new RegExp(`^${parameter}: `)) });
  });

  it('accepts a small claim of exactly 30,000,000 won', () => {
    // 30,000,000 × 45/10,000 + 5,000 = 140,000; 2 × 5,640 × 10 = 112,800
    expect(fees({ track: 'small-claims', claimAmount: 30_000_000 })).toMatchObject({
      stampFee: 140_000,
      serviceFee: 112_800,
    });
  });

  it('names the date and the table range in a refused filing date', () => {
    expect(() => fees({ filedOn: '2021-08-31' })).toThrow(
      /2021-08-31 is before the fee table's first rate \(from 2021-09-01\)/,
    );
    expect(() => fees({ filedOn: '2028-01-01' })).toThrow(/2028-01-01 is after 2027-12-31/);
  });
});
