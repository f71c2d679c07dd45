/**
 * Need-to-know lists: who, besides holding a clearance for the grade, may see a classified instance, its tasks and
 * its documents (docs/classified.md). Nobody is put on a list without a clearance covering the instance's grade.
 */
import type { SecurityGradeCode } from '../../gov/security-grades';
import { AppError } from '../../shared/app-error';
import type { Prisma, PrismaClient } from '../../platform/db';
import { appendAudit } from '../audit';
import { namesOf, unclearedPeople, type SecurityActor } from './clearances';

/**
 * Puts cleared people on a classified instance's list (those already on it stay); 422 naming everyone whose
 * clearance does not cover the grade, and then nobody is added.
 */
export async function addToNeedToKnow(
  tx: Prisma.TransactionClient,
  actor: SecurityActor,
  input: { instanceId: string; grade: SecurityGradeCode; userIds: string[]; now: Date },
): Promise<void> {
  const uncleared = await unclearedPeople(tx, input.grade, input.userIds, input.now);
  if (uncleared.length > 0) {
    throw new AppError(
      'CLEARANCE_INSUFFICIENT',
      `Not cleared for ${input.grade}: ${namesOf(uncleared)}. The security officer grants clearances first.`,
    );
  }
  const added = await tx.needToKnow.createMany({
    data: input.userIds.map((userId) => ({ instanceId: input.instanceId, userId, grantedById: actor.id })),
    skipDuplicates: true,
  });
  if (added.count === 0) return;
  await appendAudit(tx, {
    actor: actor.username,
    action: 'need-to-know.added',
    objectType: 'ProcessInstance',
    objectId: input.instanceId,
    sourceAddress: actor.sourceAddress,
    details: { userIds: input.userIds },
  });
}

export async function removeFromNeedToKnow(
  tx: Prisma.TransactionClient,
  actor: SecurityActor,
  input: { instanceId: string; userId: string },
): Promise<void> {
  const removed = await tx.needToKnow.deleteMany({ where: input });
  if (removed.count === 0) throw new AppError('NOT_FOUND', `Person ${input.userId} is not on the need-to-know list.`);
  await appendAudit(tx, {
    actor: actor.username,
    action: 'need-to-know.removed',
    objectType: 'ProcessInstance',
    objectId: input.instanceId,
    sourceAddress: actor.sourceAddress,
    details: { userId: input.userId },
  });
}

/**
 * Someone about to work on an instance (a task assigned or delegated to them): when it is classified they must be
 * cleared for its grade (422 naming them otherwise) and are put on its need-to-know list. Nothing for an
 * unclassified instance.
 */
export async function admitToClassifiedWork(
  prisma: PrismaClient,
  actor: SecurityActor,
  input: { instanceId: string; userId: string; now: Date },
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const instance = await tx.processInstance.findUnique({
      where: { id: input.instanceId },
      select: { classification: true },
    });
    if (!instance?.classification) return;
    await addToNeedToKnow(tx, actor, { ...input, grade: instance.classification, userIds: [input.userId] });
  });
}
