/** E-court fees (docs/e-court.md): pure, so the API and the workflow sandbox import the same rules. */
export { CourtFeeError } from './court-fee-error';
export type { FeeStep } from './fee-step';
export {
  CASE_TRACKS,
  computeCourtFees,
  COURT_LEVELS,
  MAX_CLAIM_AMOUNT,
  MAX_PARTIES,
  SMALL_CLAIM_LIMIT,
  type CourtFeeRequest,
  type CourtFees,
} from './fees';
export type { CaseTrack } from './service-fee';
export { SERVICE_FEE_PER_ROUND, SERVICE_FEE_TABLE_REVIEWED_THROUGH, type ServiceFeeRate } from './service-fee-table';
export type { CourtLevel } from './stamp-fee';
export { caseMarkFor, caseNumber, PANEL_CLAIM_THRESHOLD, type CaseMark } from './case-number';
export {
  ANSWER_DAYS,
  answerDueAt,
  daysAfter,
  DEEMED_SERVICE_DAYS,
  deemedServedAt,
  JUDGMENT_MINUTE_OF_DAY,
  judgmentInstant,
} from './periods';
