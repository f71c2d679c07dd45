/**
 * 시행 (규정 §15-16): once a document is approved, a 시행문 goes to each recipient. An internal unit receives it in a
 * document-receipt instance of its own; another agency gets it by mail (the worker's handler sends the mail, this
 * module keeps the rows). A recipient added after dispatch is sent only with the 처리과 head's approval (§15④),
 * asked for in a document-resend instance. Every step is idempotent: activities retry.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/app-error';
import type { PrismaClient } from '../../platform/db';
import { headAbove } from '../approval-lines/requests';
import { appendAudit } from '../audit';
import type { EngineDeps } from '../deps';
import { startProcessInstance } from '../instances';
import { completedTask } from './completed-task';
import { resolveRecipients, type RecipientInput } from './recipients';

export const RECEIPT_PROCESS_ID = 'document-receipt';
export const RESEND_PROCESS_ID = 'document-resend';

/** The approved document's dispatches still to send, with what a 시행문 shows. */
export async function dispatchesToSend(prisma: PrismaClient, documentId: string) {
  const document = await prisma.approvalDocument.findUniqueOrThrow({
    where: { id: documentId },
    include: {
      processingUnit: { select: { code: true, name: true } },
      registrations: { where: { kind: 'PRODUCTION' }, select: { number: true, registeredAt: true } },
      steps: { select: { revisedBody: true }, orderBy: [{ round: 'asc' }, { order: 'asc' }] },
      dispatches: { where: { state: 'PLANNED' }, include: { unit: { select: { code: true } } } },
    },
  });
  if (document.state !== 'APPROVED') return { document, dispatches: [] };
  return { document, dispatches: document.dispatches };
}

export type SendableDocument = Awaited<ReturnType<typeof dispatchesToSend>>['document'];

/** The 시행문's text: the body as the last reviewer left it. */
export function finalBody(document: Pick<SendableDocument, 'body' | 'steps'>): string {
  return document.steps.reduce((text, step) => step.revisedBody ?? text, document.body);
}

/**
 * An internal recipient: its receipt instance, started once (the id is chosen and kept before the start, and a
 * second start with that id starts nothing), then the dispatch is marked sent.
 */
export async function sendToUnit(deps: EngineDeps, document: SendableDocument, dispatchId: string, at: Date) {
  const { prisma } = deps;
  await prisma.documentDispatch.updateMany({
    where: { id: dispatchId, receiptInstanceId: null },
    data: { receiptInstanceId: randomUUID() },
  });
  const dispatch = await prisma.documentDispatch.findUniqueOrThrow({
    where: { id: dispatchId },
    include: { unit: { select: { code: true, name: true } } },
  });
  const definition = await prisma.processDefinition.findFirst({
    where: { bpmnProcessId: RECEIPT_PROCESS_ID },
    orderBy: { version: 'desc' },
  });
  if (!definition || !dispatch.unit || !dispatch.receiptInstanceId) {
    throw new Error(`Dispatch ${dispatchId} cannot be received: no ${RECEIPT_PROCESS_ID} process or no unit.`);
  }
  await startProcessInstance(deps, {
    definition,
    instanceId: dispatch.receiptInstanceId,
    businessKey: document.id,
    variables: {
      documentId: document.id,
      dispatchId,
      title: document.title,
      sender: document.processingUnit?.name ?? null,
      productionNumber: document.registrations[0]?.number ?? null,
      recipientUnit: dispatch.unit.code,
    },
    auditDetails: { dispatchId },
  });
  await markSent(prisma, dispatchId, at, { to: dispatch.unit.code });
}

/** An external recipient's 시행문 has been mailed. */
export function markMailed(prisma: PrismaClient, dispatchId: string, at: Date, messageId: string) {
  return markSent(prisma, dispatchId, at, { messageId });
}

async function markSent(prisma: PrismaClient, dispatchId: string, at: Date, details: Record<string, string>) {
  await prisma.$transaction(async (tx) => {
    const sent = await tx.documentDispatch.updateMany({
      where: { id: dispatchId, state: 'PLANNED' },
      data: { state: 'SENT', sentAt: at, messageId: details.messageId },
    });
    if (sent.count === 0) return;
    const dispatch = await tx.documentDispatch.findUniqueOrThrow({ where: { id: dispatchId } });
    await appendAudit(tx, {
      action: 'document.dispatched',
      objectType: 'ApprovalDocument',
      objectId: dispatch.documentId,
      details: { dispatchId, resend: dispatch.resend, ...details },
    });
  });
}

export interface ResendRequest {
  documentId: string;
  requester: { id: string; username: string; sourceAddress?: string };
  recipient: RecipientInput;
  reason: string;
}

/**
 * A new recipient after dispatch (§15④): the row waits for the 처리과 head, whose decision task is a document-resend
 * instance. Only an approved document whose 시행 is done may be re-sent; a recipient already sent to is refused.
 */
export async function requestResend(deps: EngineDeps, input: ResendRequest): Promise<{ dispatchId: string }> {
  const { prisma } = deps;
  const document = await prisma.approvalDocument.findUniqueOrThrow({
    where: { id: input.documentId },
    include: { dispatches: true },
  });
  if (document.state !== 'APPROVED' || document.dispatches.some((dispatch) => dispatch.state === 'PLANNED')) {
    throw new AppError('CONFLICT', `Document ${document.id} is not dispatched yet; add the recipient before approval.`);
  }
  // The 처리과 head who works tasks, or the nearest above: the rule that picks the approver of a requested approval.
  const headId = await headAbove(prisma, { ...input.requester, orgUnitId: document.processingUnitId });
  const head = (await prisma.user.findUniqueOrThrow({ where: { id: headId }, select: { username: true } })).username;
  const definition = await prisma.processDefinition.findFirst({
    where: { bpmnProcessId: RESEND_PROCESS_ID },
    orderBy: { version: 'desc' },
  });
  if (!definition) throw new AppError('CONFLICT', `The ${RESEND_PROCESS_ID} process is not deployed.`);
  const instanceId = randomUUID();
  const dispatch = await prisma.$transaction(async (tx) => {
    const [recipient] = await resolveRecipients(tx, [input.recipient]);
    const already = document.dispatches.some(
      (sent) =>
        sent.state !== 'REFUSED' &&
        (recipient?.unitId
          ? sent.unitId === recipient.unitId
          : sent.email?.toLowerCase() === recipient?.email?.toLowerCase()),
    );
    if (!recipient || already) {
      throw new AppError('CONFLICT', `Document ${document.id} was already sent (or is being sent) to that recipient.`);
    }
    const created = await tx.documentDispatch.create({
      data: {
        ...recipient,
        documentId: document.id,
        state: 'AWAITING_APPROVAL',
        resend: true,
        requestedBy: input.requester.username,
        reason: input.reason,
        decisionInstanceId: instanceId,
      },
    });
    await appendAudit(tx, {
      actor: input.requester.username,
      sourceAddress: input.requester.sourceAddress,
      action: 'document.resend-requested',
      objectType: 'ApprovalDocument',
      objectId: document.id,
      details: { dispatchId: created.id, reason: input.reason },
    });
    return created;
  });
  await startProcessInstance(deps, {
    definition,
    instanceId,
    businessKey: document.id,
    startedBy: input.requester,
    variables: {
      documentId: document.id,
      dispatchId: dispatch.id,
      title: document.title,
      processingUnitHead: head,
      recipientName: dispatch.agencyName ?? (await unitName(prisma, dispatch.unitId)),
      reason: input.reason,
    },
  });
  return { dispatchId: dispatch.id };
}

async function unitName(prisma: PrismaClient, unitId: string | null): Promise<string | null> {
  if (!unitId) return null;
  return (await prisma.orgUnit.findUnique({ where: { id: unitId }, select: { name: true } }))?.name ?? null;
}

/**
 * The 처리과 head's decision on a re-send, as their task recorded it: approved, the row is planned and the next
 * dispatch sends it; refused, it stays on the card as refused. A decided row is left as it is.
 */
export async function decideResend(
  prisma: PrismaClient,
  input: { dispatchId: string; approved: boolean; opinion: string | null; at: Date },
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const row = await tx.documentDispatch.findUniqueOrThrow({ where: { id: input.dispatchId } });
    const task = await completedTask(tx, row.decisionInstanceId, 'decide-resend');
    const decidedBy = task?.completedBy ?? 'unknown';
    const decided = await tx.documentDispatch.updateMany({
      where: { id: input.dispatchId, state: 'AWAITING_APPROVAL' },
      data: {
        state: input.approved ? 'PLANNED' : 'REFUSED',
        decidedBy,
        decidedAt: task?.completedAt ?? input.at,
        decisionOpinion: input.opinion,
      },
    });
    if (decided.count === 0) return;
    const dispatch = await tx.documentDispatch.findUniqueOrThrow({ where: { id: input.dispatchId } });
    await appendAudit(tx, {
      actor: decidedBy,
      action: input.approved ? 'document.resend-approved' : 'document.resend-refused',
      objectType: 'ApprovalDocument',
      objectId: dispatch.documentId,
      details: { dispatchId: dispatch.id },
    });
  });
}
