/**
 * The fee per service round (송달료 1회분), as the Supreme Court's notices set it: dated data, never a constant. A
 * new notice is a new row (docs/e-court.md says how); the table answers only for dates from its first row through
 * the day it was last reviewed, so a filing after an unreviewed change is refused rather than priced on a guess.
 */
import type { LocalDate } from '../calendar/local-date';

export interface ServiceFeeRate {
  /** The first filing date the fee applies to. */
  from: LocalDate;
  won: number;
}

/** In ascending order of `from`. */
export const SERVICE_FEE_PER_ROUND: readonly ServiceFeeRate[] = [
  { from: '2021-09-01', won: 5_200 },
  { from: '2025-06-01', won: 5_500 },
  // ⚠ From the project's rules text; to be confirmed against the court's notice (docs/e-court.md).
  { from: '2026-07-01', won: 5_640 },
];

/** The last filing date the table is known to be right for; move it on when the notices are checked again. */
export const SERVICE_FEE_TABLE_REVIEWED_THROUGH: LocalDate = '2027-12-31';

/** The rate in force on `filedOn`, or undefined outside the table's range. */
export function serviceFeeRateOn(filedOn: LocalDate): ServiceFeeRate | undefined {
  if (filedOn > SERVICE_FEE_TABLE_REVIEWED_THROUGH) return undefined;
  return [...SERVICE_FEE_PER_ROUND].reverse().find((rate) => rate.from <= filedOn);
}
