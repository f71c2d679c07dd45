/**
 * The 예고문 scan: every classified item whose review date has come is re-graded, declassified or destroyed as its
 * notice says, each in its own transaction with its audit row, and marked done so a later scan skips it.
 * Destruction removes the content (the instance's variables and their history values, the document's body, edits
 * and opinions), marks every copy destroyed and writes a DestructionRecord of who, when and what; the register
 * entry and the reading records stay (docs/classified.md).
 */
import { Prisma, type PrismaClient } from '../../platform/db';
import { appendAudit } from '../audit';

/** What replaces a destroyed document's text. */
export const DESTROYED_BODY = '[파기됨 — destroyed under its 예고문]';

type Entry = Prisma.ClassifiedItemGetPayload<object>;

/** Carries out the notices due on `now` (the review date has begun); returns the instances it changed. */
export async function carryOutReviewNotices(
  prisma: PrismaClient,
  now: Date,
  actor: string | null = null,
): Promise<Array<{ instanceId: string; action: Entry['reviewAction'] }>> {
  const due = await prisma.classifiedItem.findMany({
    where: { reviewedAt: null, reviewOn: { lte: now } },
    orderBy: { reviewOn: 'asc' },
  });
  const done: Array<{ instanceId: string; action: Entry['reviewAction'] }> = [];
  for (const entry of due) {
    const applied = await prisma.$transaction(async (tx) => {
      // Marked first and only while still due: of two scans racing, one carries the notice out.
      const claimed = await tx.classifiedItem.updateMany({
        where: { instanceId: entry.instanceId, reviewedAt: null },
        data: { reviewedAt: now },
      });
      if (claimed.count === 0) return false;
      await ACTIONS[entry.reviewAction](tx, entry, now, actor);
      await appendAudit(tx, {
        actor,
        action: `classified.${entry.reviewAction.toLowerCase()}`,
        objectType: 'ProcessInstance',
        objectId: entry.instanceId,
        details: { grade: entry.grade, reviewGrade: entry.reviewGrade, reviewOn: entry.reviewOn.toISOString() },
      });
      return true;
    });
    if (applied) done.push({ instanceId: entry.instanceId, action: entry.reviewAction });
  }
  return done;
}

type Apply = (tx: Prisma.TransactionClient, entry: Entry, now: Date, actor: string | null) => Promise<void>;

const ACTIONS: Record<Entry['reviewAction'], Apply> = {
  REGRADE: async (tx, entry) => {
    const grade = entry.reviewGrade ?? entry.grade;
    await tx.classifiedItem.update({ where: { instanceId: entry.instanceId }, data: { grade } });
    await setClassification(tx, entry, grade);
  },
  DECLASSIFY: async (tx, entry) => setClassification(tx, entry, null),
  DESTROY: async (tx, entry, now, actor) => {
    const instance = await tx.processInstance.findUniqueOrThrow({ where: { id: entry.instanceId } });
    const variableNames = Object.keys((instance.variables ?? {}) as object);
    await tx.processInstance.update({ where: { id: entry.instanceId }, data: { variables: {} } });
    await tx.variableChange.updateMany({
      where: { processInstanceId: entry.instanceId },
      data: { value: Prisma.DbNull, previous: Prisma.DbNull },
    });
    if (entry.documentId) {
      await tx.approvalDocument.update({ where: { id: entry.documentId }, data: { body: DESTROYED_BODY } });
      await tx.approvalStep.updateMany({
        where: { documentId: entry.documentId },
        data: { revisedBody: null, opinion: null },
      });
    }
    await tx.classifiedCopy.updateMany({ where: { instanceId: entry.instanceId }, data: { state: 'DESTROYED' } });
    await tx.destructionRecord.create({
      data: {
        instanceId: entry.instanceId,
        documentId: entry.documentId,
        grade: entry.grade,
        destroyedBy: actor,
        destroyedAt: now,
        removed: { variables: variableNames, documentBody: Boolean(entry.documentId) },
      },
    });
  },
};

async function setClassification(
  tx: Prisma.TransactionClient,
  entry: Entry,
  grade: Entry['grade'] | null,
): Promise<void> {
  await tx.processInstance.update({ where: { id: entry.instanceId }, data: { classification: grade } });
  if (entry.documentId) {
    await tx.approvalDocument.update({ where: { id: entry.documentId }, data: { classification: grade } });
  }
}
