/**
 * The security officer's side of classified handling (docs/classified.md): clearances, need-to-know lists (the
 * classifier manages theirs too), the reading records, and the classified register with its copies and dispatches.
 * Every change is audited by the engine in its own transaction.
 */
import { z } from 'zod';
import { grantClearance, revokeClearance } from '../../engine/classified/clearances';
import { addToNeedToKnow, removeFromNeedToKnow } from '../../engine/classified/need-to-know';
import { readingSignatureValid } from '../../engine/classified/reading-record';
import {
  dispatchCopy,
  makeCopy,
  permitCopies,
  registerEntry,
  type DispatchInput,
} from '../../engine/classified/register';
import type { SecurityGradeCode } from '../../gov/security-grades';
import { recordSigningKey } from '../../platform/config';
import { CopyState, DispatchChannel, ReviewAction, SecurityGrade } from '../../prisma/generated/client';
import { AppError } from '../../shared/app-error';
import type { Caller } from '../auth/ability';
import type { ServiceDeps } from '../deps';
import { isUuid } from '../validation';
import { securityActor } from './classified-reading';
import { instant, itemsOf, rowId } from './answer-fields';

export const clearanceAnswer = z.object({
  userId: rowId,
  grade: z.enum(SecurityGrade),
  grantedById: rowId.nullable(),
  grantedAt: instant,
  expiresAt: instant,
});
export const clearanceListAnswer = itemsOf(
  clearanceAnswer.extend({ username: z.string(), displayName: z.string(), expired: z.boolean() }),
);

export const needToKnowListAnswer = itemsOf(
  z.object({
    instanceId: rowId,
    userId: rowId,
    grantedById: rowId.nullable(),
    grantedAt: instant,
    username: z.string(),
    displayName: z.string(),
  }),
);

/** 비밀열람기록전: one reading, signed, with whether the signature still verifies. */
export const readingRecordListAnswer = itemsOf(
  z.object({
    id: z.string().describe('A serial number, as text'),
    instanceId: rowId,
    itemType: z.string(),
    itemId: z.string(),
    grade: z.enum(SecurityGrade),
    readerId: rowId,
    reader: z.string(),
    sourceAddress: z.string().nullable(),
    readAt: instant,
    signature: z.string(),
    signatureValid: z.boolean(),
  }),
);

export const classifiedDispatchAnswer = z.object({
  id: rowId,
  instanceId: rowId,
  copyNumber: z.number().int(),
  channel: z.enum(DispatchChannel),
  carrierId: rowId.nullable(),
  recipient: z.string(),
  dispatchedBy: z.string(),
  dispatchedAt: instant,
});

export const classifiedCopyAnswer = z.object({
  instanceId: rowId,
  number: z.number().int(),
  holderId: rowId,
  state: z.enum(CopyState),
  createdAt: instant,
});

/** 비밀관리기록부: a classified instance's entry with its 예고문 and its copies. */
export const registerEntryAnswer = z.object({
  instanceId: rowId,
  documentId: rowId.nullable(),
  grade: z.enum(SecurityGrade),
  originatorId: rowId,
  registeredAt: instant,
  reviewOn: instant.describe('The 예고문 date, at midnight UTC'),
  reviewAction: z.enum(ReviewAction),
  reviewGrade: z.enum(SecurityGrade).nullable(),
  reviewedAt: instant.nullable(),
  copyPermitted: z.boolean(),
  copies: z.array(classifiedCopyAnswer.extend({ dispatches: z.array(classifiedDispatchAnswer) })),
});

function requireOfficer({ ability }: Caller, subject: 'Clearance' | 'ClassifiedRegister'): void {
  if (!ability.can('manage', subject)) {
    throw new AppError(
      'FORBIDDEN',
      'Only the security officer (보안담당관) manages clearances and classified registers.',
    );
  }
}

export async function listClearances(
  { prisma }: ServiceDeps,
  caller: Caller,
): Promise<z.input<typeof clearanceListAnswer>['items']> {
  requireOfficer(caller, 'Clearance');
  const rows = await prisma.clearance.findMany({
    include: { user: { select: { username: true, displayName: true } } },
    orderBy: { expiresAt: 'asc' },
  });
  const now = new Date();
  return rows.map(({ user, ...clearance }) => ({ ...clearance, ...user, expired: clearance.expiresAt <= now }));
}

export async function putClearance(
  { prisma }: ServiceDeps,
  caller: Caller,
  input: { userId: string; grade: SecurityGradeCode; expiresAt: Date },
): Promise<z.input<typeof clearanceAnswer>> {
  requireOfficer(caller, 'Clearance');
  if (!isUuid(input.userId)) throw new AppError('NOT_FOUND', `No person ${input.userId}.`);
  return grantClearance(prisma, securityActor(caller), { ...input, now: new Date() });
}

export async function deleteClearance({ prisma }: ServiceDeps, caller: Caller, userId: string) {
  requireOfficer(caller, 'Clearance');
  if (!isUuid(userId)) throw new AppError('NOT_FOUND', `Person ${userId} holds no clearance.`);
  await revokeClearance(prisma, securityActor(caller), userId);
}

/**
 * A classified instance whose need-to-know list the caller keeps: the security officer's, or the classifier's own.
 * Anyone else, and an unclassified instance, get 404.
 */
async function keptInstance({ prisma }: ServiceDeps, caller: Caller, instanceId: string) {
  const instance = isUuid(instanceId)
    ? await prisma.processInstance.findUnique({
        where: { id: instanceId },
        select: { id: true, classification: true, classifiedItem: { select: { originatorId: true } } },
      })
    : null;
  const classifier = instance?.classifiedItem?.originatorId;
  const keeps = caller.ability.can('manage', 'Clearance') || classifier === caller.principal.id;
  if (!instance?.classification || !keeps) {
    throw new AppError('NOT_FOUND', `No classified process instance ${instanceId} whose need-to-know list you keep.`);
  }
  return { id: instance.id, grade: instance.classification };
}

export async function listNeedToKnow(
  deps: ServiceDeps,
  caller: Caller,
  instanceId: string,
): Promise<z.input<typeof needToKnowListAnswer>['items']> {
  await keptInstance(deps, caller, instanceId);
  const rows = await deps.prisma.needToKnow.findMany({
    where: { instanceId },
    include: { user: { select: { username: true, displayName: true } } },
    orderBy: { grantedAt: 'asc' },
  });
  return rows.map(({ user, ...entry }) => ({ ...entry, ...user }));
}

export async function addNeedToKnow(
  deps: ServiceDeps,
  caller: Caller,
  input: { instanceId: string; userId: string },
): Promise<z.input<typeof needToKnowListAnswer>['items']> {
  const instance = await keptInstance(deps, caller, input.instanceId);
  if (!isUuid(input.userId)) throw new AppError('UNKNOWN_REFERENCE', `No person ${input.userId}.`);
  await deps.prisma.$transaction((tx) =>
    addToNeedToKnow(tx, securityActor(caller), {
      instanceId: instance.id,
      grade: instance.grade,
      userIds: [input.userId],
      now: new Date(),
    }),
  );
  return listNeedToKnow(deps, caller, input.instanceId);
}

export async function deleteNeedToKnow(
  deps: ServiceDeps,
  caller: Caller,
  input: { instanceId: string; userId: string },
) {
  await keptInstance(deps, caller, input.instanceId);
  if (!isUuid(input.userId)) throw new AppError('NOT_FOUND', `Person ${input.userId} is not on the list.`);
  await deps.prisma.$transaction((tx) => removeFromNeedToKnow(tx, securityActor(caller), input));
}

/** The reading records of an instance, oldest first, each with whether its signature still verifies. */
export async function readingRecords(
  deps: ServiceDeps,
  caller: Caller,
  instanceId?: string,
): Promise<z.input<typeof readingRecordListAnswer>['items']> {
  requireOfficer(caller, 'ClassifiedRegister');
  if (instanceId !== undefined && !isUuid(instanceId)) return [];
  const key = recordSigningKey(deps.config);
  const rows = await deps.prisma.readingRecord.findMany({
    where: instanceId ? { instanceId } : {},
    orderBy: [{ readAt: 'asc' }, { id: 'asc' }],
    take: 1000,
  });
  return rows.map((row) => ({ ...row, id: row.id.toString(), signatureValid: readingSignatureValid(key, row) }));
}

export async function getRegisterEntry(
  deps: ServiceDeps,
  caller: Caller,
  instanceId: string,
): Promise<z.input<typeof registerEntryAnswer>> {
  requireOfficer(caller, 'ClassifiedRegister');
  if (!isUuid(instanceId)) throw new AppError('NOT_FOUND', `No register entry for ${instanceId}.`);
  return registerEntry(deps.prisma, instanceId);
}

/** A new numbered copy: the security officer or the originator makes it (an I급 item: with the originator's leave). */
export async function copyItem(
  deps: ServiceDeps,
  caller: Caller,
  input: { instanceId: string; holderId: string },
): Promise<z.input<typeof classifiedCopyAnswer>> {
  await mayKeepRegister(deps, caller, input.instanceId);
  return makeCopy(deps.prisma, securityActor(caller), { ...input, now: new Date() });
}

export async function permitCopying(
  deps: ServiceDeps,
  caller: Caller,
  instanceId: string,
): Promise<z.input<typeof registerEntryAnswer>> {
  if (!isUuid(instanceId)) throw new AppError('NOT_FOUND', `No register entry for ${instanceId}.`);
  await permitCopies(deps.prisma, securityActor(caller), instanceId);
  return registerEntry(deps.prisma, instanceId);
}

export async function dispatchItem(
  deps: ServiceDeps,
  caller: Caller,
  input: Omit<DispatchInput, 'now'>,
): Promise<z.input<typeof classifiedDispatchAnswer>> {
  await mayKeepRegister(deps, caller, input.instanceId);
  return dispatchCopy(deps.prisma, securityActor(caller), { ...input, now: new Date() });
}

async function mayKeepRegister(deps: ServiceDeps, caller: Caller, instanceId: string): Promise<void> {
  if (caller.ability.can('manage', 'ClassifiedRegister')) return;
  const entry = isUuid(instanceId)
    ? await deps.prisma.classifiedItem.findUnique({ where: { instanceId }, select: { originatorId: true } })
    : null;
  if (entry?.originatorId !== caller.principal.id) {
    throw new AppError('NOT_FOUND', `No register entry for ${instanceId} that you keep.`);
  }
}
