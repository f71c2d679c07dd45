/**
 * What approval makes of a document as a record (docs/records.md): its production registration number and the
 * last day of its retention, written in the transaction that marks it approved.
 */
import { retentionEndsOn } from '../../gov/records';
import type { ApprovalDocument } from '../../prisma/generated/client';
import type { Prisma } from '../../platform/db';
import { assignProductionNumber } from './registration';

export async function registerApprovedDocument(
  tx: Prisma.TransactionClient,
  document: Pick<ApprovalDocument, 'id' | 'processingUnitId' | 'retention'>,
  approvedAt: Date,
  approver: string | null,
): Promise<void> {
  const endsOn = retentionEndsOn(document.retention, approvedAt);
  await tx.approvalDocument.update({
    where: { id: document.id },
    data: { retentionEndsAt: endsOn === null ? null : new Date(`${endsOn}T00:00:00Z`) },
  });
  // Documents drafted before records metadata existed may have no 처리과; every document drafted since has one.
  if (!document.processingUnitId) return;
  await assignProductionNumber(tx, {
    unitId: document.processingUnitId,
    documentId: document.id,
    at: approvedAt,
    actor: approver,
  });
}
