/**
 * Approval documents (결재 문서): submitting a line, reading a document with its record (the steps), the caller's
 * lists, and 회수. Who may read a document is the ability's `ApprovalDocument` rule (docs/access.md): its drafter,
 * everyone on its line, managers of the drafter's subtree, administrators; to anyone else it answers 404, as if it did
 * not exist (docs/conventions.md §8).
 */
import { z } from 'zod';
import type { LineMember } from '../../gov/approval-line';
import type { DisclosureClass, RetentionPeriod } from '../../gov/records';
import { APPROVAL_PROCESS_ID, submitApproval, withdrawApproval } from '../../engine/approval-lines/documents';
import type { Prisma } from '../../platform/db';
import {
  ApprovalDecision,
  ApprovalDocumentState,
  ApprovalMark,
  ApprovalStepKind,
  SecurityGrade,
} from '../../prisma/generated/client';
import { AppError } from '../../shared/app-error';
import { accessibleWhere, type Caller } from '../auth/ability';
import { engineDeps, type ServiceDeps } from '../deps';
import { documentRecordsView, recordsInclude, withRecordsFields } from './records';
import { assertMayStart } from './process-access';
import { findVisible } from './visible';
import { classificationOf, type ClassificationFields } from './classification';
import { recordClassifiedReading } from './classified-reading';
import { dispatchInclude, dispatchAnswer, documentAttachmentAnswer, toDispatchDto } from './document-dispatch';
import type { RecipientInput } from '../../engine/document-dispatch/recipients';
import { instant, rowId } from './answer-fields';

const person = {
  select: { id: true, username: true, displayName: true, position: { select: { code: true, name: true } } },
} as const;
const documentInclude = {
  drafter: person,
  steps: { include: { assignee: person, actor: person }, orderBy: [{ round: 'asc' }, { order: 'asc' }] },
  ...recordsInclude,
  ...dispatchInclude,
} as const satisfies Prisma.ApprovalDocumentInclude;
type DocumentRow = Prisma.ApprovalDocumentGetPayload<{ include: typeof documentInclude }>;

const personOnLine = z.object({
  id: rowId,
  username: z.string(),
  displayName: z.string(),
  position: z.object({ code: z.string(), name: z.string() }).nullable(),
});

/** A document as the lists show it: its record (every step of every round), files, dispatches and records fields. */
export const documentListItemAnswer = z.object({
  id: rowId,
  title: z.string(),
  body: z.string(),
  currentBody: z.string(),
  documentType: z.string(),
  amount: z.number().int().nullable(),
  important: z.boolean(),
  cooperation: z.string().describe('sequential or parallel'),
  state: z.enum(ApprovalDocumentState),
  round: z.number().int(),
  processInstanceId: rowId.nullable(),
  createdAt: instant,
  closedAt: instant.nullable(),
  classification: z.enum(SecurityGrade).nullable(),
  taskClassification: z.string().nullable(),
  drafter: personOnLine,
  processingUnit: z.object({ id: rowId, code: z.string(), name: z.string() }).nullable(),
  ...documentRecordsView,
  attachments: z.array(documentAttachmentAnswer),
  steps: z.array(
    z.object({
      id: rowId,
      round: z.number().int(),
      order: z.number().int(),
      stage: z.number().int(),
      kind: z.enum(ApprovalStepKind),
      parallel: z.boolean(),
      mark: z.enum(ApprovalMark),
      decision: z.enum(ApprovalDecision).nullable(),
      opinion: z.string().nullable(),
      revisedBody: z.string().nullable(),
      actedAt: instant.nullable(),
      taskId: rowId.nullable(),
      followUpAt: instant.nullable(),
      assignee: personOnLine,
      actor: personOnLine,
    }),
  ),
  dispatches: z.array(dispatchAnswer),
});

export const documentListAnswer = z.object({ items: z.array(documentListItemAnswer) });

/** One document opened: the list's shape plus whether the caller may ask to re-send it. */
export const documentAnswer = documentListItemAnswer.extend({ mayResend: z.boolean() });

export interface SubmitApprovalBody extends ClassificationFields {
  title: string;
  body: string;
  documentType: string;
  amount?: number;
  important?: boolean;
  line: LineMember[];
  cooperation: 'sequential' | 'parallel';
  retention?: RetentionPeriod;
  disclosure?: DisclosureClass;
  nonDisclosureGrounds?: number[];
  recipients?: RecipientInput[];
  taskClassification?: string;
}

export async function submitDocument(
  deps: ServiceDeps,
  caller: Caller,
  input: SubmitApprovalBody,
): Promise<z.input<typeof documentAnswer>> {
  const { principal } = caller;
  if (!caller.ability.can('create', 'ApprovalDocument')) {
    throw new AppError('FORBIDDEN', 'Only civil servants draft documents for approval.');
  }
  await assertMayStart(deps, caller, APPROVAL_PROCESS_ID);
  const { documentId } = await submitApproval(engineDeps(deps), {
    drafter: { ...principal, sourceAddress: caller.sourceAddress },
    title: input.title,
    body: input.body,
    documentType: input.documentType,
    amount: input.amount === undefined ? null : BigInt(input.amount),
    important: input.important ?? false,
    line: input.line,
    cooperation: input.cooperation,
    records: {
      retention: input.retention,
      disclosure: input.disclosure,
      nonDisclosureGrounds: input.nonDisclosureGrounds,
    },
    classification: classificationOf(principal, input, new Date()),
    recipients: input.recipients,
    taskClassification: input.taskClassification,
  });
  return getDocument(deps, caller, documentId);
}

function findDocument({ prisma }: ServiceDeps, caller: Caller, id: string) {
  return findVisible(caller, 'read', 'ApprovalDocument', id, (where) =>
    prisma.approvalDocument.findFirst({ where, include: documentInclude }),
  );
}

export async function getDocument(
  deps: ServiceDeps,
  caller: Caller,
  id: string,
): Promise<z.input<typeof documentAnswer>> {
  const document = await findDocument(deps, caller, id);
  if (document.processInstanceId) {
    await recordClassifiedReading(deps, caller, {
      instanceId: document.processInstanceId,
      itemType: 'approval-document',
      itemId: id,
    });
  }
  // People of the 처리과 may ask to re-send an approved document (§15④); the card offers it to them only.
  const mayResend = document.state === 'APPROVED' && document.processingUnitId === caller.principal.orgUnitId;
  return { ...toDocumentDto(document, caller.principal.headOf), mayResend };
}

/**
 * The caller's own lists: what they drafted, what they stand on the line of, or what was sent to their unit (접수
 * 문서함); each within what they may read.
 */
export async function listDocuments(
  deps: ServiceDeps,
  caller: Caller,
  role: 'drafted' | 'on-line' | 'received',
): Promise<z.input<typeof documentListItemAnswer>[]> {
  const { principal } = caller;
  const allowed = accessibleWhere(caller.ability, 'read', 'ApprovalDocument');
  if (!allowed) return [];
  const lists: Record<typeof role, Prisma.ApprovalDocumentWhereInput> = {
    drafted: { drafterId: principal.id },
    'on-line': { steps: { some: { OR: [{ assigneeId: principal.id }, { actorId: principal.id }] } } },
    received: principal.orgUnitId
      ? { dispatches: { some: { unitId: principal.orgUnitId, state: 'SENT' } } }
      : { id: { in: [] } },
  };
  const mine = lists[role];
  const documents = await deps.prisma.approvalDocument.findMany({
    where: { AND: [allowed, mine] },
    include: documentInclude,
    orderBy: { createdAt: 'desc' },
    take: 200,
  });
  // A list shows a classified document without its text: opening it is the reading that gets recorded.
  return documents
    .map((document) => toDocumentDto(document))
    .map((document) => (document.classification ? withoutText(document) : document));
}

function withoutText(document: ReturnType<typeof toDocumentDto>) {
  const steps = document.steps.map((step) => ({ ...step, revisedBody: null, opinion: null }));
  return { ...document, body: '', currentBody: '', steps };
}

export async function withdrawDocument(
  deps: ServiceDeps,
  caller: Caller,
  id: string,
): Promise<z.input<typeof documentAnswer>> {
  const document = await findDocument(deps, caller, id);
  if (document.drafterId !== caller.principal.id) {
    throw new AppError('FORBIDDEN', 'Only the drafter may withdraw (회수) a document.');
  }
  await withdrawApproval(engineDeps(deps), {
    documentId: id,
    drafter: { ...caller.principal, sourceAddress: caller.sourceAddress },
  });
  return getDocument(deps, caller, id);
}

/** The document without its plumbing: the asking process's reply and request keys stay in the engine. */
function toDocumentDto(document: DocumentRow, headOf?: string[]) {
  const {
    drafterId: _drafterId,
    requestedLine: _requestedLine,
    replyKey: _replyKey,
    requestKey: _requestKey,
    amount,
    steps,
    dispatches,
    ...rest
  } = document;
  const fields = withRecordsFields(rest);
  // The text as the last reviewer who edited it left it (steps are in round and line order); the drafter's
  // original stays in `body`, each edit in its step.
  const currentBody = steps.reduce((text, step) => step.revisedBody ?? text, fields.body);
  return {
    ...fields,
    currentBody,
    amount: amount === null ? null : Number(amount),
    steps: steps.map(({ documentId: _documentId, assigneeId: _assigneeId, actorId: _actorId, ...step }) => step),
    dispatches: dispatches.map((dispatch) => toDispatchDto(dispatch, headOf)),
  };
}
