/**
 * 송달료 (service fee deposit) (docs/e-court.md): each party × the fee per round on the filing date × the rounds the
 * court's rules set for the kind of case. The fee per round is dated data (service-fee-table.ts).
 */
import type { LocalDate } from '../calendar/local-date';
import type { FeeStep } from './fee-step';
import type { ServiceFeeRate } from './service-fee-table';
import type { CourtLevel } from './stamp-fee';
import { formatWon } from './won';

export type CaseTrack = 'civil' | 'small-claims';

/** Rounds deposited per party. A small claim is a first-instance track; its appeal is deposited as any appeal. */
const ROUNDS: Record<CourtLevel, Partial<Record<CaseTrack, { rounds: number; label: string }>>> = {
  first: { civil: { rounds: 15, label: '민사 제1심' }, 'small-claims': { rounds: 10, label: '민사 제1심 소액사건' } },
  appeal: { civil: { rounds: 12, label: '민사 항소심' } },
  final: { civil: { rounds: 8, label: '민사 상고심' } },
};

const ARTICLE = '송달료규칙';

/** The rounds for a level and track, or undefined for a pair that does not exist (a small claim above first instance). */
export function serviceRounds(level: CourtLevel, track: CaseTrack): { rounds: number; label: string } | undefined {
  return ROUNDS[level][track];
}

export function serviceFee(
  parties: number,
  { rounds, label }: { rounds: number; label: string },
  rate: ServiceFeeRate,
  filedOn: LocalDate,
): { amount: number; steps: FeeStep[] } {
  const amount = parties * rate.won * rounds;
  return {
    amount,
    steps: [
      {
        fee: 'serviceFee',
        article: ARTICLE,
        amount: rate.won,
        text: `송달료 1회분은 ${rate.from}부터 ${formatWon(rate.won)} (접수일 ${filedOn} 기준)`,
      },
      {
        fee: 'serviceFee',
        article: ARTICLE,
        amount,
        text: `${label}: 당사자 ${parties}명 × ${formatWon(rate.won)} × ${rounds}회분 = ${formatWon(amount)}`,
      },
    ],
  };
}
