/**
 * 사건번호 (case number) of a civil case, as the court's docket writes it: the year, the case mark (사건부호) and the
 * mark's serial in that year, e.g. 2027가단17 (docs/e-court.md). Pure: the serial comes from the docket's counter.
 */
import type { CaseTrack } from './service-fee';

/**
 * 민사 및 가사소송의 사물관할에 관한 규칙 §2: a claim above 5억 won goes to a panel of three judges (합의부, 가합);
 * below it a single judge (단독, 가단); a small claim has its own mark (가소).
 */
export const PANEL_CLAIM_THRESHOLD = 500_000_000;

export type CaseMark = '가소' | '가단' | '가합';

export function caseMarkFor(track: CaseTrack, claimAmount: number): CaseMark {
  if (track === 'small-claims') return '가소';
  return claimAmount > PANEL_CLAIM_THRESHOLD ? '가합' : '가단';
}

export function caseNumber(year: number, mark: CaseMark, serial: number): string {
  return `${year}${mark}${serial}`;
}
