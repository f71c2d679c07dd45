/**
 * Classifying at the start: an instance (or the approval document it carries) started with a grade gets its entry
 * in the 비밀관리기록부 with the 예고문 and copy 1 held by the classifier, and its need-to-know list, in the same
 * transaction as its index row (docs/classified.md).
 */
import type { ReviewNotice } from '../../gov/review-notice';
import type { SecurityGradeCode } from '../../gov/security-grades';
import { AppError } from '../../shared/app-error';
import type { Prisma, PrismaClient } from '../../platform/db';
import { namesOf, unclearedPeople } from './clearances';

/** The grade and the 예고문 the classifier gives. */
export interface Classification {
  grade: SecurityGradeCode;
  reviewOn: Date;
  review: ReviewNotice;
}

/** A classified start: who classified it, for which document, and who needs to know (the classifier included). */
export interface ClassifiedStart extends Classification {
  originatorId: string;
  documentId?: string;
  readers: string[];
}

/** Registers a new classified instance, inside the transaction that creates its row. */
export async function registerClassifiedStart(
  tx: Prisma.TransactionClient,
  instanceId: string,
  start: ClassifiedStart,
) {
  await tx.classifiedItem.create({
    data: {
      instanceId,
      documentId: start.documentId,
      grade: start.grade,
      originatorId: start.originatorId,
      reviewOn: start.reviewOn,
      reviewAction: start.review.action,
      reviewGrade: start.review.grade,
      copies: { create: { number: 1, holderId: start.originatorId } },
    },
  });
  await tx.needToKnow.createMany({
    data: [...new Set([start.originatorId, ...start.readers])].map((userId) => ({
      instanceId,
      userId,
      grantedById: start.originatorId,
    })),
  });
}

/**
 * An approval line of a classified document may hold only people cleared for its grade: 422 APPROVAL_LINE_UNCLEARED
 * naming each one who is not, checked when the line is built.
 */
export async function assertLineCleared(
  prisma: PrismaClient,
  grade: SecurityGradeCode | null | undefined,
  userIds: string[],
  now: Date,
): Promise<void> {
  if (!grade) return;
  const uncleared = await unclearedPeople(prisma, grade, userIds, now);
  if (uncleared.length > 0) {
    throw new AppError(
      'APPROVAL_LINE_UNCLEARED',
      `Only people cleared for ${grade} may be on this line; not cleared: ${namesOf(uncleared)}.`,
    );
  }
}
