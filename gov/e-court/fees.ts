/**
 * What filing a civil case costs (docs/e-court.md): the stamp fee (인지) and the service-fee deposit (송달료), in
 * won, with each step of the computation and the article it applies. The single place these rules live: the API's
 * /api/e-court/fees and the e-court process both call computeCourtFees. Pure: the filing date comes in, never the
 * current time, and the input is checked here because a process hands over untyped variables.
 */
import { isLocalDate, type LocalDate } from '../calendar/local-date';
import { CourtFeeError } from './court-fee-error';
import type { FeeStep } from './fee-step';
import { serviceFee, serviceRounds, type CaseTrack } from './service-fee';
import { SERVICE_FEE_PER_ROUND, SERVICE_FEE_TABLE_REVIEWED_THROUGH, serviceFeeRateOn } from './service-fee-table';
import { stampFee, type CourtLevel } from './stamp-fee';
import { formatWon } from './won';

export const COURT_LEVELS = ['first', 'appeal', 'final'] as const satisfies readonly CourtLevel[];
export const CASE_TRACKS = ['civil', 'small-claims'] as const satisfies readonly CaseTrack[];

/** 100조 원: far above any claim filed, low enough that every intermediate figure is an exact integer. */
export const MAX_CLAIM_AMOUNT = 100_000_000_000_000;
/** Parties to one filing; a mass action beyond this is priced by the court, not a calculator. */
export const MAX_PARTIES = 10_000;
/** 소액사건심판규칙 §1의2: a small claim is worth at most 30 million won. */
export const SMALL_CLAIM_LIMIT = 30_000_000;

export interface CourtFeeRequest {
  /** 소송목적의 값 (claim value), whole won. */
  claimAmount: number;
  level: CourtLevel;
  /** Filed through the e-court system (전자소송). */
  electronic: boolean;
  /** Parties served (원고 and 피고 together). */
  parties: number;
  track: CaseTrack;
  /** The filing date in Korea; picks the fee per service round. */
  filedOn: LocalDate;
}

export interface CourtFees {
  stampFee: number;
  serviceFee: number;
  explanation: { steps: FeeStep[]; text: string[] };
}

/** Throws CourtFeeError naming the parameter for input it cannot price. */
export function computeCourtFees(request: CourtFeeRequest): CourtFees {
  const { claimAmount, level, electronic, parties, track, filedOn } = request;
  checkRequest(request);
  const rounds = serviceRounds(level, track);
  if (!rounds)
    throw new CourtFeeError(
      'track',
      `small-claims is a first-instance track; price the ${level} of a small claim with track=civil.`,
    );
  const rate = serviceFeeRateOn(filedOn);
  if (!rate) throw new CourtFeeError('filedOn', outOfTable(filedOn));

  const stamp = stampFee(claimAmount, level, electronic);
  const service = serviceFee(parties, rounds, rate, filedOn);
  const steps = [...stamp.steps, ...service.steps];
  return {
    stampFee: stamp.amount,
    serviceFee: service.amount,
    explanation: {
      steps,
      text: [
        ...steps.map((one) => `[${one.article}] ${one.text}`),
        `인지액 ${formatWon(stamp.amount)}, 송달료 ${formatWon(service.amount)}`,
      ],
    },
  };
}

function checkRequest({ claimAmount, level, electronic, parties, track, filedOn }: CourtFeeRequest): void {
  checkWholeNumber('claimAmount', claimAmount, 1, MAX_CLAIM_AMOUNT, 'won');
  if (!COURT_LEVELS.includes(level)) throw new CourtFeeError('level', `must be one of ${COURT_LEVELS.join(', ')}.`);
  if (typeof electronic !== 'boolean') throw new CourtFeeError('electronic', 'must be true or false.');
  checkWholeNumber('parties', parties, 1, MAX_PARTIES, 'parties');
  if (!CASE_TRACKS.includes(track)) throw new CourtFeeError('track', `must be one of ${CASE_TRACKS.join(', ')}.`);
  if (track === 'small-claims' && claimAmount > SMALL_CLAIM_LIMIT)
    throw new CourtFeeError(
      'track',
      `a small claim is worth at most ${formatWon(SMALL_CLAIM_LIMIT)} (소액사건심판규칙 §1의2); price a claim of ${formatWon(claimAmount)} with track=civil.`,
    );
  if (typeof filedOn !== 'string' || !isLocalDate(filedOn))
    throw new CourtFeeError('filedOn', 'must be a date in the form YYYY-MM-DD.');
}

function checkWholeNumber(parameter: string, value: number, min: number, max: number, unit: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw new CourtFeeError(parameter, `must be a whole number of ${unit}.`);
  if (value < min) throw new CourtFeeError(parameter, `must be at least ${min}.`);
  if (value > max) throw new CourtFeeError(parameter, `must be at most ${max}.`);
}

function outOfTable(filedOn: LocalDate): string {
  const first = SERVICE_FEE_PER_ROUND[0] as { from: LocalDate };
  return filedOn < first.from
    ? `${filedOn} is before the fee table's first rate (from ${first.from}); the fee per service round of that date is not known.`
    : `${filedOn} is after ${SERVICE_FEE_TABLE_REVIEWED_THROUGH}, the last date the fee table was reviewed for; the court may have changed the fee per service round (docs/e-court.md says how to add a rate).`;
}
