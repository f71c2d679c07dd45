/**
 * The document card's dispatch side (processes/document-approval/README.md): what a document was sent to and how
 * each unit received, distributed and read it; re-sending after 시행 (§15④); the receiving unit head's 공람 due date
 * and handler (§18⑤); files attached when drafting. Every route first finds the document through the caller's
 * ability (404 for what they may not read).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { requestResend } from '../../engine/document-dispatch/dispatch';
import type { RecipientInput } from '../../engine/document-dispatch/recipients';
import { recordHandlerReassigned, setReadingDue } from '../../engine/document-dispatch/receipt';
import { appendAudit } from '../../engine/audit';
import type { Prisma } from '../../platform/db';
import { DocumentDispatchState } from '../../prisma/generated/client';
import { AppError } from '../../shared/app-error';
import type { Caller } from '../auth/ability';
import { attachmentAnswer } from './task-attachments';
import { engineDeps, type ServiceDeps } from '../deps';
import { acceptedMediaType, attachmentFields, type UploadedFile } from './task-attachments';
import { assignTask } from './task-assignment';
import { findVisible } from './visible';
import { isUuid } from '../validation';
import { instant, rowId } from './answer-fields';

/** A file attached to an approval document (its bytes come from the download route), described as a task's is. */
export const documentAttachmentAnswer = attachmentAnswer;

/** A receiving unit's receipt (접수) with its 공람 readings. */
export const receiptAnswer = z.object({
  id: rowId,
  dispatchId: rowId,
  registrationId: rowId,
  receivedBy: z.string(),
  receivedAt: instant,
  distributedBy: z.string().nullable(),
  distributedAt: instant.nullable(),
  distributedTo: z.string().nullable(),
  handler: z.string().nullable(),
  readingDueAt: instant.nullable(),
  readings: z.array(
    z.object({
      id: rowId,
      receiptId: rowId,
      reader: z.string(),
      dueAt: instant.nullable(),
      readAt: instant.nullable(),
      opinion: z.string().nullable(),
    }),
  ),
});

/** A dispatch (시행) as the document card shows it. */
export const dispatchAnswer = z.object({
  id: rowId,
  agencyName: z.string().nullable(),
  email: z.string().nullable(),
  state: z.enum(DocumentDispatchState),
  resend: z.boolean(),
  requestedBy: z.string().nullable(),
  reason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: instant.nullable(),
  decisionOpinion: z.string().nullable(),
  sentAt: instant.nullable(),
  messageId: z.string().nullable(),
  createdAt: instant,
  unit: z.object({ code: z.string(), name: z.string() }).nullable(),
  receipt: receiptAnswer
    .extend({
      registration: z.object({
        number: z.string(),
        year: z.number().int(),
        serial: z.number().int(),
        registeredAt: instant,
      }),
      mayManage: z.boolean(),
    })
    .nullable(),
});

export const resendAnswer = z.object({ dispatchId: rowId });

/** What the card shows of dispatch and receipt, included with the document. */
export const dispatchInclude = {
  attachments: { select: attachmentFields, orderBy: { at: 'asc' } },
  dispatches: {
    orderBy: { createdAt: 'asc' },
    include: {
      unit: { select: { code: true, name: true } },
      receipt: {
        include: {
          registration: { select: { number: true, year: true, serial: true, registeredAt: true } },
          readings: { orderBy: { reader: 'asc' }, omit: { taskId: true } },
        },
      },
    },
  },
} as const satisfies Prisma.ApprovalDocumentInclude;

type DispatchRow = Prisma.DocumentDispatchGetPayload<{ include: (typeof dispatchInclude)['dispatches']['include'] }>;

/** A dispatch as the card shows it; `receipt.mayManage` tells the receiving unit's head their §18⑤ controls apply. */
export function toDispatchDto(
  { receiptInstanceId: _r, decisionInstanceId: _d, documentId: _id, unitId, receipt, ...row }: DispatchRow,
  headOf: string[] = [],
): z.input<typeof dispatchAnswer> {
  return { ...row, receipt: receipt && { ...receipt, mayManage: unitId !== null && headOf.includes(unitId) } };
}

function findDocument({ prisma }: ServiceDeps, caller: Caller, id: string) {
  return findVisible(caller, 'read', 'ApprovalDocument', id, (where) =>
    prisma.approvalDocument.findFirst({
      where,
      select: { id: true, drafterId: true, state: true, processingUnitId: true },
    }),
  );
}

/** Someone of the 처리과 who may read the document asks to send it to a new recipient; its head decides. */
export async function requestDocumentResend(
  deps: ServiceDeps,
  caller: Caller,
  input: { documentId: string; recipient: RecipientInput; reason: string },
): Promise<z.input<typeof resendAnswer>> {
  const document = await findDocument(deps, caller, input.documentId);
  if (caller.principal.orgUnitId !== document.processingUnitId) {
    throw new AppError('FORBIDDEN', 'Only people of the processing unit (처리과) may ask to re-send its document.');
  }
  return requestResend(engineDeps(deps), {
    documentId: document.id,
    requester: { ...caller.principal, sourceAddress: caller.sourceAddress },
    recipient: input.recipient,
    reason: input.reason,
  });
}

/**
 * The receiving unit head sets the 공람 due date and may hand the document to another handler (§18⑤). The handler's
 * open task moves through the normal task assignment, which checks the head's right on the unit's tasks.
 */
export async function updateReceipt(
  deps: ServiceDeps,
  caller: Caller,
  input: { documentId: string; receiptId: string; readingDueAt?: Date; handler?: string },
): Promise<z.input<typeof receiptAnswer>> {
  const document = await findDocument(deps, caller, input.documentId);
  const receipt = isUuid(input.receiptId)
    ? await deps.prisma.documentReceipt.findFirst({
        where: { id: input.receiptId, dispatch: { documentId: document.id } },
        include: { dispatch: true },
      })
    : null;
  if (!receipt) throw new AppError('NOT_FOUND', `Document ${document.id} has no receipt ${input.receiptId}.`);
  const unitId = receipt.dispatch.unitId;
  if (!unitId || !caller.principal.headOf?.includes(unitId)) {
    throw new AppError(
      'FORBIDDEN',
      'Only the head of the receiving unit sets the 공람 due date or reassigns the handler.',
    );
  }
  const by = { by: caller.principal.username, sourceAddress: caller.sourceAddress };
  if (input.handler) {
    const handling = await deps.prisma.userTask.findFirst({
      where: {
        processInstanceId: receipt.dispatch.receiptInstanceId ?? undefined,
        elementId: 'handle',
        state: 'CREATED',
      },
    });
    if (!handling)
      throw new AppError(
        'CONFLICT',
        'The document is not waiting for its handler: it was not distributed yet, or is handled.',
      );
    const task = await assignTask(deps, caller, { id: handling.id, userId: input.handler });
    await recordHandlerReassigned(deps.prisma, { receiptId: receipt.id, handler: task.assignee ?? '', ...by });
  }
  if (input.readingDueAt) await setReadingDue(deps.prisma, { receiptId: receipt.id, dueAt: input.readingDueAt, ...by });
  return deps.prisma.documentReceipt.findUniqueOrThrow({
    where: { id: receipt.id },
    include: { readings: { orderBy: { reader: 'asc' }, omit: { taskId: true } } },
  });
}

/** The drafter attaches files while the document is on its line; after approval it is a record and does not change. */
export async function addDocumentAttachment(
  deps: ServiceDeps,
  caller: Caller,
  input: { documentId: string; file: UploadedFile },
): Promise<z.input<typeof documentAttachmentAnswer>> {
  const document = await findDocument(deps, caller, input.documentId);
  if (document.drafterId !== caller.principal.id) throw new AppError('FORBIDDEN', 'Only the drafter attaches files.');
  if (document.state !== 'IN_PROGRESS') {
    throw new AppError(
      'CONFLICT',
      `Document ${document.id} is ${document.state.toLowerCase()}; its files no longer change.`,
    );
  }
  const mediaType = acceptedMediaType(input.file);
  const sha256 = createHash('sha256').update(input.file.buffer).digest('hex');
  return deps.prisma.$transaction(async (tx) => {
    const attachment = await tx.documentAttachment.create({
      data: {
        documentId: document.id,
        uploader: caller.principal.username,
        fileName: input.file.originalname,
        mediaType,
        size: input.file.buffer.length,
        bytes: new Uint8Array(input.file.buffer),
        sha256,
      },
      select: attachmentFields,
    });
    await appendAudit(tx, {
      actor: caller.principal.username,
      sourceAddress: caller.sourceAddress,
      action: 'approval.attached',
      objectType: 'ApprovalDocument',
      objectId: document.id,
      details: { attachmentId: attachment.id, fileName: attachment.fileName, sha256 },
    });
    return attachment;
  });
}

export async function documentAttachmentFile(
  deps: ServiceDeps,
  caller: Caller,
  input: { documentId: string; attachmentId: string },
) {
  const document = await findDocument(deps, caller, input.documentId);
  const file = isUuid(input.attachmentId)
    ? await deps.prisma.documentAttachment.findFirst({ where: { id: input.attachmentId, documentId: document.id } })
    : null;
  if (!file) throw new AppError('NOT_FOUND', `Document ${document.id} has no attachment ${input.attachmentId}.`);
  return file;
}
