/**
 * A classification as a request gives it (a grade with its 예고문: `reviewOn` and `reviewAction`), checked and turned
 * into the engine's form. The classifier must be cleared for the grade they give (docs/classified.md).
 */
import type { Classification, ClassifiedStart } from '../../engine/classified/classification';
import { parseReviewAction, reviewNoticeRefusal } from '../../gov/review-notice';
import { clearanceCovers, type SecurityGradeCode } from '../../gov/security-grades';
import { AppError } from '../../shared/app-error';
import type { Principal } from '../auth/ability';

export interface ClassificationFields {
  classification?: SecurityGradeCode;
  /** The 예고문's date, YYYY-MM-DD. */
  reviewOn?: string;
  /** `regrade:<grade>`, `declassify` or `destroy`. */
  reviewAction?: string;
}

/** The classification the fields ask for, or undefined for an unclassified item; 400 or 403 when it cannot be. */
export function classificationOf(
  principal: Principal,
  fields: ClassificationFields,
  now: Date,
): Classification | undefined {
  const { classification: grade, reviewOn, reviewAction } = fields;
  if (!grade) {
    if (reviewOn || reviewAction) invalid('reviewOn and reviewAction belong to a classified item; give classification');
    return undefined;
  }
  if (!clearanceCovers(principal.clearance, grade)) {
    throw new AppError('FORBIDDEN', `You are not cleared for ${grade}, so you may not classify an item at it.`);
  }
  if (!reviewOn || !reviewAction) invalid('a classified item needs its 예고문: reviewOn (a date) and reviewAction');
  const review = parseReviewAction(reviewAction);
  if (!review) invalid('reviewAction must be regrade:<grade>, declassify or destroy');
  const refusal = reviewNoticeRefusal(grade, review);
  if (refusal) invalid(refusal);
  const date = new Date(`${reviewOn}T00:00:00Z`);
  if (date <= now) invalid('reviewOn must be a date in the future');
  return { grade, reviewOn: date, review };
}

/** A start the principal classifies: they originate it and are the first on its need-to-know list. */
export function classifiedStartOf(
  principal: Principal,
  fields: ClassificationFields,
  now: Date,
): ClassifiedStart | undefined {
  const classification = classificationOf(principal, fields, now);
  return classification && { ...classification, originatorId: principal.id, readers: [] };
}

function invalid(problem: string): never {
  throw new AppError('VALIDATION_FAILED', `Invalid classification: ${problem}.`);
}
