/**
 * Approval documents (결재 문서): submitting a line, reading a document with its record (the steps), the caller's
 * lists, and 회수. A document is visible to its drafter and to everyone on its line (administrators: all); to
 * anyone else it answers 404, as if it did not exist (docs/conventions.md §8).
 */
import type { LineMember } from '../../gov/approval-line';
import { submitApproval, withdrawApproval } from '../../engine/approval-lines/documents';
import type { Prisma } from '../../platform/db';
import { AppError } from '../../shared/app-error';
import { Role, type Caller, type Principal } from '../auth/ability';
import { engineDeps, type ServiceDeps } from '../deps';
import { isUuid } from '../validation';
import { classificationOf, type ClassificationFields } from './classification';
import { recordClassifiedReading } from './classified-reading';

const person = {
  select: { id: true, username: true, displayName: true, position: { select: { code: true, name: true } } },
} as const;
const documentInclude = {
  drafter: person,
  steps: { include: { assignee: person, actor: person }, orderBy: [{ round: 'asc' }, { order: 'asc' }] },
} as const satisfies Prisma.ApprovalDocumentInclude;
type DocumentRow = Prisma.ApprovalDocumentGetPayload<{ include: typeof documentInclude }>;

export interface SubmitApprovalBody extends ClassificationFields {
  title: string;
  body: string;
  documentType: string;
  amount?: number;
  important?: boolean;
  line: LineMember[];
  cooperation: 'sequential' | 'parallel';
}

export async function submitDocument(deps: ServiceDeps, caller: Caller, input: SubmitApprovalBody) {
  const { principal } = caller;
  if (!principal.roles.includes(Role.CivilServant)) {
    throw new AppError('FORBIDDEN', 'Only civil servants draft documents for approval.');
  }
  const { documentId } = await submitApproval(engineDeps(deps), {
    drafter: principal,
    title: input.title,
    body: input.body,
    documentType: input.documentType,
    amount: input.amount === undefined ? null : BigInt(input.amount),
    important: input.important ?? false,
    line: input.line,
    cooperation: input.cooperation,
    classification: classificationOf(principal, input, new Date()),
  });
  return getDocument(deps, caller, documentId);
}

/** Documents the caller drafted, or stands on the line of (in any round, as the person named or the one acting). */
function visibleTo(principal: Principal): Prisma.ApprovalDocumentWhereInput {
  if (principal.roles.includes(Role.Admin)) return {};
  return {
    OR: [
      { drafterId: principal.id },
      { steps: { some: { OR: [{ assigneeId: principal.id }, { actorId: principal.id }] } } },
    ],
  };
}

export async function getDocument(deps: ServiceDeps, caller: Caller, id: string) {
  const { principal } = caller;
  const document = isUuid(id)
    ? await deps.prisma.approvalDocument.findFirst({
        where: { AND: [{ id }, visibleTo(principal)] },
        include: documentInclude,
      })
    : null;
  if (!document) throw new AppError('NOT_FOUND', `No approval document ${id}.`);
  if (document.processInstanceId) {
    await recordClassifiedReading(deps, caller, {
      instanceId: document.processInstanceId,
      itemType: 'approval-document',
      itemId: id,
    });
  }
  return toDocumentDto(document);
}

export async function listDocuments(deps: ServiceDeps, { principal }: Caller, role: 'drafted' | 'on-line') {
  const mine: Prisma.ApprovalDocumentWhereInput =
    role === 'drafted'
      ? { drafterId: principal.id }
      : { steps: { some: { OR: [{ assigneeId: principal.id }, { actorId: principal.id }] } } };
  const documents = await deps.prisma.approvalDocument.findMany({
    where: mine,
    include: documentInclude,
    orderBy: { createdAt: 'desc' },
    take: 200,
  });
  // A list shows a classified document without its text: opening it is the reading that gets recorded.
  return documents.map(toDocumentDto).map((document) => (document.classification ? withoutText(document) : document));
}

function withoutText(document: ReturnType<typeof toDocumentDto>) {
  const steps = document.steps.map((step) => ({ ...step, revisedBody: null, opinion: null }));
  return { ...document, body: '', currentBody: '', steps };
}

export async function withdrawDocument(deps: ServiceDeps, caller: Caller, id: string) {
  const document = await getDocument(deps, caller, id);
  if (document.drafter.id !== caller.principal.id) {
    throw new AppError('FORBIDDEN', 'Only the drafter may withdraw (회수) a document.');
  }
  await withdrawApproval(engineDeps(deps), { documentId: id, drafter: caller.principal });
  return getDocument(deps, caller, id);
}

function toDocumentDto(document: DocumentRow) {
  const { drafterId: _drafterId, requestedLine: _requestedLine, amount, steps, ...fields } = document;
  // The text as the last reviewer who edited it left it (steps are in round and line order); the drafter's
  // original stays in `body`, each edit in its step.
  const currentBody = steps.reduce((text, step) => step.revisedBody ?? text, fields.body);
  return {
    ...fields,
    currentBody,
    amount: amount === null ? null : Number(amount),
    steps: steps.map(({ documentId: _documentId, assigneeId: _assigneeId, actorId: _actorId, ...step }) => step),
  };
}
