/**
 * Distributing a classified document (docs/classified-distribution.md): one numbered copy per recipient unit, held
 * by the unit's cleared document clerks; dispatch by a channel the grade allows; receipt logged at the unit; hand-over
 * to a cleared handler within one working hour (else the security officer is told); the handler's signature after
 * the reading record. Copies, dispatches, clearances and need-to-know are the register's (register.ts,
 * need-to-know.ts); this module keeps only the ClassifiedReceipt rows and the order of things.
 */
import { formatKst } from '../../gov/calendar';
import type { DispatchChannelCode } from '../../gov/classified-dispatch';
import type { SecurityGradeCode } from '../../gov/security-grades';
import { AppError } from '../../shared/app-error';
import type { Prisma, PrismaClient } from '../../platform/db';
import { appendAudit } from '../audit';
import { namesOf, unclearedPeople, type SecurityActor } from './clearances';
import { assertLineCleared } from './classification';
import { addToNeedToKnow } from './need-to-know';
import { dispatchCopyIn, lockedEntry, makeCopyIn } from './register';

/** The group of a unit's document clerks for classified mail (비밀문서 수발담당). */
export const CLASSIFIED_CLERKS_GROUP = 'classified-clerks';

/** What the process needs to route one recipient unit's copy. */
export interface Delivery {
  unit: string;
  unitName: string;
  copyNumber: number;
  /** Usernames of the unit's cleared document clerks: the receipt task's candidates. */
  clerks: string[];
}

const receiptInclude = {
  copy: { select: { state: true } },
} as const satisfies Prisma.ClassifiedReceiptInclude;

async function personNamed(db: Prisma.TransactionClient | PrismaClient, username: string): Promise<SecurityActor> {
  const person = await db.user.findUnique({ where: { username }, select: { id: true, username: true } });
  if (!person) throw new AppError('NOT_FOUND', `No person '${username}'.`);
  return person;
}

/** The draft as the approval request takes it: the drafter (the classifier who started the instance) and the 예고문. */
export async function draftOf(prisma: PrismaClient, instanceId: string) {
  const entry = await prisma.classifiedItem.findUnique({ where: { instanceId } });
  if (!entry) throw new AppError('NOT_FOUND', `Instance ${instanceId} was not started classified.`);
  const drafter = await prisma.user.findUniqueOrThrow({ where: { id: entry.originatorId } });
  const reviewAction =
    entry.reviewAction === 'REGRADE' ? `regrade:${entry.reviewGrade}` : entry.reviewAction.toLowerCase();
  return {
    drafter: drafter.username,
    classification: { grade: entry.grade, reviewOn: entry.reviewOn.toISOString().slice(0, 10), reviewAction },
  };
}

/**
 * The people the drafter names on the line (approver, reviewers) must be cleared for the grade: 422
 * APPROVAL_LINE_UNCLEARED naming each one otherwise. approval.submit checks the whole line again as it builds it, with
 * the default approver and proxies; this check lets the drafter put the names right first.
 */
export async function assertNamedLineCleared(
  prisma: PrismaClient,
  input: { grade: SecurityGradeCode; approver?: string | null; reviewers?: string[] | null; now: Date },
): Promise<void> {
  const named = [...(input.reviewers ?? []), ...(input.approver ? [input.approver] : [])];
  const people = await prisma.user.findMany({
    where: { username: { in: named } },
    select: { id: true, username: true },
  });
  const unknown = named.filter((name) => !people.some((person) => person.username === name));
  if (unknown.length > 0) {
    throw new AppError('APPROVAL_LINE_UNCLEARED', `No such person on the line: ${unknown.join(', ')}.`);
  }
  await assertLineCleared(
    prisma,
    input.grade,
    people.map((person) => person.id),
    input.now,
  );
}

/** A refusal the process routed back to a person, kept on the instance's audit trail with its reason. */
export async function recordRefusal(
  prisma: PrismaClient,
  input: { instanceId: string; action: string; reason: string },
): Promise<void> {
  await appendAudit(prisma, {
    actor: null,
    action: `classified.${input.action}`,
    objectType: 'ProcessInstance',
    objectId: input.instanceId,
    outcome: 'denied',
    details: { reason: input.reason },
  });
}

/** The unit's document clerks cleared for the grade; 422 when it has none. */
async function clearedClerks(tx: Prisma.TransactionClient, unitCode: string, grade: SecurityGradeCode, now: Date) {
  const unit = await tx.orgUnit.findUnique({ where: { code: unitCode } });
  if (!unit) throw new AppError('VALIDATION_FAILED', `No unit '${unitCode}' to distribute to.`);
  const clerks = await tx.user.findMany({
    where: { orgUnitId: unit.id, active: true, groups: { some: { groupCode: CLASSIFIED_CLERKS_GROUP } } },
    select: { id: true, username: true },
    orderBy: { username: 'asc' },
  });
  const ids = clerks.map((clerk) => clerk.id);
  const uncleared = await unclearedPeople(tx, grade, ids, now);
  const cleared = clerks.filter((clerk) => !uncleared.some((person) => person.id === clerk.id));
  if (cleared.length === 0) {
    throw new AppError(
      'CLEARANCE_INSUFFICIENT',
      `${unit.name} has no document clerk (group ${CLASSIFIED_CLERKS_GROUP}) cleared for ${grade}; the security officer grants one a clearance first.`,
    );
  }
  return { unit, clerks: cleared };
}

/**
 * One copy per recipient unit, held by its first cleared clerk, each with its receipt row; numbered after the
 * copies already made. Done once: a retry returns the deliveries already registered.
 */
export async function registerRecipientCopies(
  prisma: PrismaClient,
  input: { instanceId: string; units: string[]; now: Date },
): Promise<Delivery[]> {
  return prisma.$transaction(async (tx) => {
    const entry = await lockedEntry(tx, input.instanceId);
    const originator = await tx.user.findUniqueOrThrow({
      where: { id: entry.originatorId },
      select: { id: true, username: true },
    });
    const registered = await tx.classifiedReceipt.count({ where: { instanceId: input.instanceId } });
    if (registered === 0) {
      for (const code of [...new Set(input.units)]) {
        const { unit, clerks } = await clearedClerks(tx, code, entry.grade, input.now);
        const copy = await makeCopyIn(tx, originator, { ...input, holderId: clerks[0]!.id });
        await tx.classifiedReceipt.create({
          data: {
            instanceId: input.instanceId,
            copyNumber: copy.number,
            unitId: unit.id,
            clerkIds: clerks.map((clerk) => clerk.id),
          },
        });
      }
    }
    return deliveriesOf(tx, input.instanceId);
  });
}

async function deliveriesOf(tx: Prisma.TransactionClient, instanceId: string): Promise<Delivery[]> {
  const receipts = await tx.classifiedReceipt.findMany({ where: { instanceId }, orderBy: { copyNumber: 'asc' } });
  const units = await tx.orgUnit.findMany({ where: { id: { in: receipts.map((receipt) => receipt.unitId) } } });
  const clerks = await tx.user.findMany({
    where: { id: { in: receipts.flatMap((receipt) => receipt.clerkIds) } },
    select: { id: true, username: true },
  });
  return receipts.map((receipt) => {
    const unit = units.find((candidate) => candidate.id === receipt.unitId)!;
    return {
      unit: unit.code,
      unitName: unit.name,
      copyNumber: receipt.copyNumber,
      clerks: clerks.filter((clerk) => receipt.clerkIds.includes(clerk.id)).map((clerk) => clerk.username),
    };
  });
}

/**
 * Sends every recipient's copy by one channel, all or none: a channel the grade does not allow (or a hand carrier
 * not cleared) is 422 DISPATCH_CHANNEL_REFUSED with the reason and nothing goes out. The clerks who will receive
 * the copies go on the need-to-know list. A copy already sent (a retry) is not sent again.
 */
export async function dispatchToRecipients(
  prisma: PrismaClient,
  input: { instanceId: string; by: string; channel: DispatchChannelCode; carrier?: string | null; now: Date },
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const actor = await personNamed(tx, input.by);
    const carrierId = input.carrier ? (await personNamed(tx, input.carrier)).id : undefined;
    const entry = await lockedEntry(tx, input.instanceId);
    const receipts = await tx.classifiedReceipt.findMany({
      where: { instanceId: input.instanceId },
      include: receiptInclude,
      orderBy: { copyNumber: 'asc' },
    });
    const units = await tx.orgUnit.findMany({ where: { id: { in: receipts.map((receipt) => receipt.unitId) } } });
    for (const receipt of receipts.filter((candidate) => candidate.copy.state === 'HELD' && !candidate.receivedAt)) {
      const recipient = units.find((unit) => unit.id === receipt.unitId)?.name ?? receipt.unitId;
      await dispatchCopyIn(tx, actor, { ...input, copyNumber: receipt.copyNumber, carrierId, recipient });
    }
    await addToNeedToKnow(tx, actor, {
      instanceId: input.instanceId,
      grade: entry.grade,
      userIds: [...new Set(receipts.flatMap((receipt) => receipt.clerkIds))],
      now: input.now,
    });
  });
}

/** The receipt row of a recipient's copy, locked with the entry. */
async function receiptOf(tx: Prisma.TransactionClient, instanceId: string, copyNumber: number) {
  const entry = await lockedEntry(tx, instanceId);
  const receipt = await tx.classifiedReceipt.findUnique({
    where: { instanceId_copyNumber: { instanceId, copyNumber } },
  });
  if (!receipt) throw new AppError('NOT_FOUND', `Copy ${copyNumber} of instance ${instanceId} was not distributed.`);
  return { entry, receipt };
}

/** Whole minutes: a receipt is logged, and its hour counted, to the minute. */
function toMinute(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 60_000) * 60_000);
}

/** 접수: the recipient unit logs the copy's arrival (to the minute); the copy is held again, by the clerk. */
export async function logReceipt(
  prisma: PrismaClient,
  input: { instanceId: string; copyNumber: number; at: Date },
): Promise<{ receivedAt: string }> {
  return prisma.$transaction(async (tx) => {
    const { receipt } = await receiptOf(tx, input.instanceId, input.copyNumber);
    if (receipt.receivedAt) return { receivedAt: formatKst(receipt.receivedAt.getTime()) };
    const receivedAt = toMinute(input.at);
    await tx.classifiedReceipt.update({
      where: { instanceId_copyNumber: { instanceId: input.instanceId, copyNumber: input.copyNumber } },
      data: { receivedAt },
    });
    await tx.classifiedCopy.update({
      where: { instanceId_number: { instanceId: input.instanceId, number: input.copyNumber } },
      data: { state: 'HELD' },
    });
    await appendAudit(tx, {
      actor: null,
      action: 'classified.received',
      objectType: 'ProcessInstance',
      objectId: input.instanceId,
      details: { copy: input.copyNumber, receivedAt: receivedAt.toISOString() },
    });
    return { receivedAt: formatKst(receivedAt.getTime()) };
  });
}

/**
 * 인계: the clerk hands the copy to its handler, who must be cleared for the grade (422 CLEARANCE_INSUFFICIENT naming
 * them otherwise); the handler becomes the copy's holder and goes on the need-to-know list. Whether it was in time
 * (by `dueAt`, one working hour after the receipt) is recorded.
 */
export async function handOver(
  prisma: PrismaClient,
  input: { instanceId: string; copyNumber: number; handler: string; dueAt: Date; at: Date },
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { entry, receipt } = await receiptOf(tx, input.instanceId, input.copyNumber);
    if (receipt.handedAt) return;
    const handler = await tx.user.findUnique({ where: { username: input.handler } });
    const uncleared = handler ? await unclearedPeople(tx, entry.grade, [handler.id], input.at) : [];
    if (!handler || uncleared.length > 0) {
      const who = handler ? namesOf(uncleared) : `'${input.handler}' (no such person)`;
      throw new AppError(
        'CLEARANCE_INSUFFICIENT',
        `Only a handler cleared for ${entry.grade} may take it; not: ${who}.`,
      );
    }
    // The originator keeps the need-to-know list (docs/classified.md); the hand-over puts the handler on it.
    const originator = await tx.user.findUniqueOrThrow({
      where: { id: entry.originatorId },
      select: { id: true, username: true },
    });
    await addToNeedToKnow(tx, originator, {
      instanceId: input.instanceId,
      grade: entry.grade,
      userIds: [handler.id],
      now: input.at,
    });
    await tx.classifiedCopy.update({
      where: { instanceId_number: { instanceId: input.instanceId, number: input.copyNumber } },
      data: { holderId: handler.id },
    });
    await tx.classifiedReceipt.update({
      where: { instanceId_copyNumber: { instanceId: input.instanceId, copyNumber: input.copyNumber } },
      data: { handlerId: handler.id, handedAt: input.at, handoverDueAt: input.dueAt },
    });
    await appendAudit(tx, {
      actor: null,
      action: 'classified.handed-over',
      objectType: 'ProcessInstance',
      objectId: input.instanceId,
      subject: handler.username,
      details: { copy: input.copyNumber, dueAt: input.dueAt.toISOString(), late: input.at > input.dueAt },
    });
  });
}

/**
 * The hand-over hour has passed: recorded once per copy; answers the security officers to tell (with an email
 * address), or nobody when it was already reported (the hand-over task came back after a refusal, say).
 */
export async function recordLateHandover(
  prisma: PrismaClient,
  input: { instanceId: string; copyNumber: number; dueAt: Date; at: Date },
): Promise<Array<{ username: string; email: string }>> {
  return prisma.$transaction(async (tx) => {
    const { receipt } = await receiptOf(tx, input.instanceId, input.copyNumber);
    if (receipt.escalatedAt) return [];
    await tx.classifiedReceipt.update({
      where: { instanceId_copyNumber: { instanceId: input.instanceId, copyNumber: input.copyNumber } },
      data: { escalatedAt: input.at, handoverDueAt: input.dueAt },
    });
    await appendAudit(tx, {
      actor: null,
      action: 'classified.handover-late',
      objectType: 'ProcessInstance',
      objectId: input.instanceId,
      details: { copy: input.copyNumber, dueAt: input.dueAt.toISOString() },
    });
    const officers = await tx.user.findMany({
      where: { active: true, email: { not: null }, roles: { some: { roleCode: 'security-officer' } } },
      select: { username: true, email: true },
      orderBy: { username: 'asc' },
    });
    return officers.map((officer) => ({ username: officer.username, email: officer.email! }));
  });
}

/**
 * The handler signs for the copy. Their reading of it must be on record first (the reading record is written when
 * the content is shown): 409 READ_BEFORE_SIGNING otherwise.
 */
export async function recordSignature(
  prisma: PrismaClient,
  input: { instanceId: string; copyNumber: number; handler: string; at: Date },
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { receipt } = await receiptOf(tx, input.instanceId, input.copyNumber);
    if (receipt.signedAt) return;
    const handler = await personNamed(tx, input.handler);
    const read = await tx.readingRecord.count({ where: { instanceId: input.instanceId, readerId: handler.id } });
    if (read === 0) {
      throw new AppError(
        'READ_BEFORE_SIGNING',
        `${handler.username} has no reading on record for this document; open it (the reading is recorded) and then sign.`,
      );
    }
    await tx.classifiedReceipt.update({
      where: { instanceId_copyNumber: { instanceId: input.instanceId, copyNumber: input.copyNumber } },
      data: { signedAt: input.at },
    });
    await appendAudit(tx, {
      actor: handler.username,
      action: 'classified.signed',
      objectType: 'ProcessInstance',
      objectId: input.instanceId,
      details: { copy: input.copyNumber },
    });
  });
}
