/**
 * 비밀관리기록부: a classified item's entry with its numbered copies (사본번호) and their dispatches. Copies are
 * numbered 1..n under a lock on the entry; copying an I급 item needs its originator's permission; a dispatch goes
 * only by a channel its grade allows (gov/classified-dispatch.ts). Every change is audited in its transaction.
 */
import { dispatchRefusal, type DispatchChannelCode } from '../../gov/classified-dispatch';
import { AppError } from '../../shared/app-error';
import type { Prisma, PrismaClient } from '../../platform/db';
import { appendAudit } from '../audit';
import { namesOf, unclearedPeople, type SecurityActor } from './clearances';

const entryInclude = {
  copies: { orderBy: { number: 'asc' }, include: { dispatches: { orderBy: { dispatchedAt: 'asc' } } } },
} as const satisfies Prisma.ClassifiedItemInclude;

export async function registerEntry(prisma: PrismaClient, instanceId: string) {
  const entry = await prisma.classifiedItem.findUnique({ where: { instanceId }, include: entryInclude });
  if (!entry) throw new AppError('NOT_FOUND', `Instance ${instanceId} has no entry in the classified register.`);
  return entry;
}

/** The entry, locked until the transaction ends, so two copies never take the same number. */
export async function lockedEntry(tx: Prisma.TransactionClient, instanceId: string) {
  await tx.$executeRaw`SELECT 1 FROM "ClassifiedItem" WHERE "instanceId" = ${instanceId}::uuid FOR UPDATE`;
  const entry = await tx.classifiedItem.findUnique({ where: { instanceId }, include: entryInclude });
  if (!entry) throw new AppError('NOT_FOUND', `Instance ${instanceId} has no entry in the classified register.`);
  return entry;
}

/** The originator of an I급 item allows further copies of it. */
export async function permitCopies(prisma: PrismaClient, actor: SecurityActor, instanceId: string) {
  return prisma.$transaction(async (tx) => {
    const entry = await lockedEntry(tx, instanceId);
    if (entry.originatorId !== actor.id) {
      // Only the originator decides; to anyone else the entry is as good as absent.
      throw new AppError('NOT_FOUND', `No classified item ${instanceId} that you originated.`);
    }
    await tx.classifiedItem.update({ where: { instanceId }, data: { copyPermitted: true } });
    await appendAudit(tx, {
      actor: actor.username,
      action: 'classified.copies-permitted',
      objectType: 'ProcessInstance',
      objectId: instanceId,
      sourceAddress: actor.sourceAddress,
    });
  });
}

/** Makes the next numbered copy for a cleared holder; an I급 item needs its originator (or their permission). */
export async function makeCopy(
  prisma: PrismaClient,
  actor: SecurityActor,
  input: { instanceId: string; holderId: string; now: Date },
) {
  return prisma.$transaction((tx) => makeCopyIn(tx, actor, input));
}

/** makeCopy inside the caller's transaction (the entry is locked until it ends). */
export async function makeCopyIn(
  tx: Prisma.TransactionClient,
  actor: SecurityActor,
  input: { instanceId: string; holderId: string; now: Date },
) {
  const entry = await lockedEntry(tx, input.instanceId);
  if (entry.reviewedAt && entry.reviewAction === 'DESTROY') {
    throw new AppError('CONFLICT', `Instance ${input.instanceId} has been destroyed; it has no copies to make.`);
  }
  if (entry.grade === 'GRADE_I' && !entry.copyPermitted && entry.originatorId !== actor.id) {
    throw new AppError('COPY_NOT_PERMITTED', 'Copying an I급 item needs its originator’s permission; ask them first.');
  }
  const uncleared = await unclearedPeople(tx, entry.grade, [input.holderId], input.now);
  if (uncleared.length > 0) {
    throw new AppError('CLEARANCE_INSUFFICIENT', `Not cleared for ${entry.grade}: ${namesOf(uncleared)}.`);
  }
  const number = (entry.copies.at(-1)?.number ?? 0) + 1;
  const copy = await tx.classifiedCopy.create({
    data: { instanceId: input.instanceId, number, holderId: input.holderId },
  });
  await appendAudit(tx, {
    actor: actor.username,
    action: 'classified.copied',
    objectType: 'ProcessInstance',
    objectId: input.instanceId,
    sourceAddress: actor.sourceAddress,
    details: { copy: number, holderId: input.holderId },
  });
  return copy;
}

export interface DispatchInput {
  instanceId: string;
  copyNumber: number;
  channel: DispatchChannelCode;
  carrierId?: string;
  recipient: string;
  now: Date;
}

/** Sends a held copy out by a channel its grade allows; 422 DISPATCH_CHANNEL_REFUSED otherwise. */
export async function dispatchCopy(prisma: PrismaClient, actor: SecurityActor, input: DispatchInput) {
  return prisma.$transaction((tx) => dispatchCopyIn(tx, actor, input));
}

/** dispatchCopy inside the caller's transaction (the entry is locked until it ends). */
export async function dispatchCopyIn(tx: Prisma.TransactionClient, actor: SecurityActor, input: DispatchInput) {
  const entry = await lockedEntry(tx, input.instanceId);
  const copy = entry.copies.find((candidate) => candidate.number === input.copyNumber);
  if (!copy) throw new AppError('NOT_FOUND', `Instance ${input.instanceId} has no copy ${input.copyNumber}.`);
  if (copy.state !== 'HELD') {
    throw new AppError('CONFLICT', `Copy ${copy.number} is ${copy.state.toLowerCase()}; only a held copy goes out.`);
  }
  const carrier = input.carrierId ? await tx.clearance.findUnique({ where: { userId: input.carrierId } }) : null;
  const carrierClearance = carrier && carrier.expiresAt > input.now ? carrier.grade : null;
  const refusal = dispatchRefusal({ grade: entry.grade, channel: input.channel, carrierClearance });
  if (refusal) throw new AppError('DISPATCH_CHANNEL_REFUSED', refusal);
  await tx.classifiedCopy.update({
    where: { instanceId_number: { instanceId: input.instanceId, number: copy.number } },
    data: { state: 'DISPATCHED' },
  });
  const dispatch = await tx.classifiedDispatch.create({
    data: {
      instanceId: input.instanceId,
      copyNumber: copy.number,
      channel: input.channel,
      carrierId: input.carrierId,
      recipient: input.recipient,
      dispatchedBy: actor.username,
      dispatchedAt: input.now,
    },
  });
  await appendAudit(tx, {
    actor: actor.username,
    action: 'classified.dispatched',
    objectType: 'ProcessInstance',
    objectId: input.instanceId,
    sourceAddress: actor.sourceAddress,
    details: { copy: copy.number, channel: input.channel, recipient: input.recipient },
  });
  return dispatch;
}
