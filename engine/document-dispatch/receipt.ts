/**
 * 접수, 배부 and 공람 at a recipient unit (규정 §18), as the document-receipt model's service tasks record them: the
 * receipt number and instant (①), the distribution to a handler and its path (②③), the 공람 readers with their due
 * date and each read (④), and the unit head's due date and handler (⑤). Each write is idempotent: activities retry.
 */
import type { Prisma, PrismaClient } from '../../platform/db';
import { AppError } from '../../shared/app-error';
import { appendAudit } from '../audit';
import { assignReceiptNumber } from '../records/registration';
import { completedTask } from './completed-task';

/** The dispatch a receipt instance was started for, with its unit; a dispatch to another agency has none. */
async function receivingDispatch(db: Prisma.TransactionClient, dispatchId: string) {
  const dispatch = await db.documentDispatch.findUniqueOrThrow({
    where: { id: dispatchId },
    include: { receipt: true },
  });
  if (!dispatch.unitId) throw new Error(`Dispatch ${dispatchId} went to another agency; it has no receipt here.`);
  return { ...dispatch, unitId: dispatch.unitId };
}

/** The active people of a unit as form options ({label, value}), for the clerk's and the handler's choices. */
async function unitPeople(db: Prisma.TransactionClient, unitId: string) {
  const people = await db.user.findMany({
    where: { orgUnitId: unitId, active: true },
    select: { username: true, displayName: true },
    orderBy: { username: 'asc' },
  });
  return people.map((person) => ({ label: person.displayName, value: person.username }));
}

/**
 * 접수: the receipt number of the unit's register (접수등록번호) as of the moment the clerk received it, in the
 * transaction that records the receipt.
 */
export async function registerReceipt(prisma: PrismaClient, dispatchId: string) {
  return prisma.$transaction(async (tx) => {
    const dispatch = await receivingDispatch(tx, dispatchId);
    let receipt = dispatch.receipt;
    if (!receipt) {
      const task = await completedTask(tx, dispatch.receiptInstanceId, 'receive');
      if (!task?.completedBy || !task.completedAt) throw new Error(`Dispatch ${dispatchId} has not been received yet.`);
      const registration = await assignReceiptNumber(tx, {
        unitId: dispatch.unitId,
        documentId: dispatch.documentId,
        at: task.completedAt,
        actor: task.completedBy,
      });
      receipt = await tx.documentReceipt.create({
        data: {
          dispatchId,
          registrationId: registration.id,
          receivedBy: task.completedBy,
          receivedAt: task.completedAt,
        },
      });
    }
    const registration = await tx.registration.findUniqueOrThrow({ where: { id: receipt.registrationId } });
    const received = {
      receiptId: receipt.id,
      receiptNumber: registration.number,
      receivedBy: receipt.receivedBy,
      receivedAt: receipt.receivedAt.toISOString(),
      unitPeople: await unitPeople(tx, dispatch.unitId),
    };
    // The instance index projects variables when a task completes; the distribution task, created next, shows the
    // receipt number and offers the unit's people now (the workflow's next projection carries the same values).
    await tx.$executeRaw`UPDATE "ProcessInstance" SET variables = variables || ${JSON.stringify(received)}::jsonb WHERE id = ${dispatch.receiptInstanceId}::uuid`;
    return received;
  });
}

/** 배부: who distributed, when, and to whom; the handler must be an active person of the receiving unit. */
export async function recordDistribution(prisma: PrismaClient, input: { receiptId: string; handler: string }) {
  await prisma.$transaction(async (tx) => {
    const receipt = await tx.documentReceipt.findUniqueOrThrow({
      where: { id: input.receiptId },
      include: { dispatch: true },
    });
    if (receipt.distributedAt) return;
    await assertUnitMember(tx, receipt.dispatch.unitId, input.handler);
    const task = await completedTask(tx, receipt.dispatch.receiptInstanceId, 'distribute');
    await tx.documentReceipt.update({
      where: { id: receipt.id },
      data: {
        distributedBy: task?.completedBy ?? null,
        distributedAt: task?.completedAt ?? new Date(),
        distributedTo: input.handler,
        handler: input.handler,
      },
    });
    await appendAudit(tx, {
      actor: task?.completedBy,
      action: 'document.distributed',
      objectType: 'ApprovalDocument',
      objectId: receipt.dispatch.documentId,
      details: { receiptId: receipt.id, to: input.handler },
    });
  });
}

async function assertUnitMember(db: Prisma.TransactionClient, unitId: string | null, username: string) {
  const person = await db.user.findFirst({ where: { username, active: true, orgUnitId: unitId ?? undefined } });
  if (!person || !unitId) throw new AppError('UNKNOWN_REFERENCE', `${username} is not an active person of the unit.`);
}

/** The end of a 공람 due day: 18:00 in Korea, when the working day ends. */
export function endOfDueDay(date: string): Date {
  return new Date(`${date}T18:00:00+09:00`);
}

/**
 * 공람: the handler picked the readers; each gets a reading row with the due date, the unit head's if they set one
 * (§18⑤), else the handler's. Answers the readers as the model iterates them.
 */
export async function openReading(
  prisma: PrismaClient,
  input: { receiptId: string; readers: string[]; readingDue: string | null },
) {
  return prisma.$transaction(async (tx) => {
    const receipt = await tx.documentReceipt.findUniqueOrThrow({
      where: { id: input.receiptId },
      include: { dispatch: true, readings: true },
    });
    const handling = await completedTask(tx, receipt.dispatch.receiptInstanceId, 'handle');
    const dueAt = receipt.readingDueAt ?? (input.readingDue ? endOfDueDay(input.readingDue) : null);
    if (receipt.readings.length === 0) {
      for (const reader of new Set(input.readers)) await assertUnitMember(tx, receipt.dispatch.unitId, reader);
      await tx.documentReading.createMany({
        data: [...new Set(input.readers)].map((reader) => ({ receiptId: receipt.id, reader, dueAt })),
      });
      await tx.documentReceipt.update({
        where: { id: receipt.id },
        data: { handler: handling?.completedBy ?? receipt.handler },
      });
      await appendAudit(tx, {
        actor: handling?.completedBy,
        action: 'document.reading-opened',
        objectType: 'ApprovalDocument',
        objectId: receipt.dispatch.documentId,
        details: { receiptId: receipt.id, readers: input.readers, dueAt: dueAt?.toISOString() ?? null },
      });
    }
    const readings = await tx.documentReading.findMany({
      where: { receiptId: receipt.id },
      orderBy: { reader: 'asc' },
    });
    return readings.map((reading) => ({
      readingId: reading.id,
      reader: reading.reader,
      dueAt: reading.dueAt?.toISOString() ?? null,
    }));
  });
}

/** One 공람 read, as of the reader's completing their task. */
export async function logRead(prisma: PrismaClient, input: { readingId: string; opinion: string | null }) {
  await prisma.$transaction(async (tx) => {
    const reading = await tx.documentReading.findUniqueOrThrow({
      where: { id: input.readingId },
      include: { receipt: { include: { dispatch: true } } },
    });
    if (reading.readAt) return;
    const task = await completedTask(tx, reading.receipt.dispatch.receiptInstanceId, 'read', reading.reader);
    await tx.documentReading.update({
      where: { id: reading.id },
      data: { readAt: task?.completedAt ?? new Date(), taskId: task?.id ?? null, opinion: input.opinion },
    });
    await appendAudit(tx, {
      actor: task?.completedBy ?? reading.reader,
      action: 'document.read',
      objectType: 'ApprovalDocument',
      objectId: reading.receipt.dispatch.documentId,
      details: { readingId: reading.id },
    });
  });
}

/**
 * The receiving unit head's 공람 due date (§18⑤): kept on the receipt for readers not yet chosen, and moved on the
 * unread readings and their open tasks.
 */
export async function setReadingDue(
  prisma: PrismaClient,
  input: { receiptId: string; dueAt: Date; by: string; sourceAddress?: string },
) {
  await prisma.$transaction(async (tx) => {
    const receipt = await tx.documentReceipt.update({
      where: { id: input.receiptId },
      data: { readingDueAt: input.dueAt },
      include: { dispatch: true, readings: { where: { readAt: null } } },
    });
    await tx.documentReading.updateMany({
      where: { receiptId: receipt.id, readAt: null },
      data: { dueAt: input.dueAt },
    });
    if (receipt.dispatch.receiptInstanceId && receipt.readings.length > 0) {
      await tx.userTask.updateMany({
        where: { processInstanceId: receipt.dispatch.receiptInstanceId, elementId: 'read', state: 'CREATED' },
        data: { dueAt: input.dueAt },
      });
    }
    await appendAudit(tx, {
      actor: input.by,
      sourceAddress: input.sourceAddress,
      action: 'document.reading-due-set',
      objectType: 'ApprovalDocument',
      objectId: receipt.dispatch.documentId,
      details: { receiptId: receipt.id, dueAt: input.dueAt.toISOString() },
    });
  });
}

/** The handler the unit head reassigned the document to (§18⑤); the task itself moves through task assignment. */
export async function recordHandlerReassigned(
  prisma: PrismaClient,
  input: { receiptId: string; handler: string; by: string; sourceAddress?: string },
) {
  await prisma.$transaction(async (tx) => {
    const receipt = await tx.documentReceipt.findUniqueOrThrow({
      where: { id: input.receiptId },
      include: { dispatch: true },
    });
    await assertUnitMember(tx, receipt.dispatch.unitId, input.handler);
    await tx.documentReceipt.update({ where: { id: receipt.id }, data: { handler: input.handler } });
    await appendAudit(tx, {
      actor: input.by,
      sourceAddress: input.sourceAddress,
      action: 'document.handler-reassigned',
      objectType: 'ApprovalDocument',
      objectId: receipt.dispatch.documentId,
      details: { receiptId: receipt.id, from: receipt.handler, to: input.handler },
    });
  });
}
