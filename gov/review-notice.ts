/**
 * 예고문: what happens to a classified item at its review date (docs/classified.md) — re-grade to a named grade,
 * declassify, or destroy. Written `regrade:<grade>`, `declassify` or `destroy`. Pure.
 */
import { SECURITY_GRADES, type SecurityGradeCode } from './security-grades';

export type ReviewActionCode = 'REGRADE' | 'DECLASSIFY' | 'DESTROY';

export interface ReviewNotice {
  action: ReviewActionCode;
  /** The new grade of a REGRADE. */
  grade?: SecurityGradeCode;
}

/** The notice a written action stands for, or null when it is none of the three forms. */
export function parseReviewAction(text: string): ReviewNotice | null {
  if (text === 'declassify') return { action: 'DECLASSIFY' };
  if (text === 'destroy') return { action: 'DESTROY' };
  const grade = /^regrade:(.+)$/.exec(text)?.[1];
  return grade && (SECURITY_GRADES as readonly string[]).includes(grade)
    ? { action: 'REGRADE', grade: grade as SecurityGradeCode }
    : null;
}

/** Why a notice does not fit the item's grade (a re-grade must lower it), or null. */
export function reviewNoticeRefusal(grade: SecurityGradeCode, notice: ReviewNotice): string | null {
  if (notice.action !== 'REGRADE' || !notice.grade) return null;
  return SECURITY_GRADES.indexOf(notice.grade) > SECURITY_GRADES.indexOf(grade)
    ? null
    : `A 예고문 re-grades to a lower grade than ${grade}, not to ${notice.grade}.`;
}
