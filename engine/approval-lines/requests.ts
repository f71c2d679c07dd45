/**
 * Approval asked for by another process (job type `approval.submit`): a petition's answer, a classified document
 * before distribution. The asking process names the drafter and, if it wants, the line; the document then runs on
 * the document-approval process like any drafted by hand, and its decision goes back to the asker as message
 * `approval-decided` (docs/approval-lines.md, "Approval asked for by another process").
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../shared/app-error';
import type { Variables } from '../../shared/feel';
import type { LineMember } from '../../gov/approval-line';
import type { Prisma } from '../../platform/db';
import type { Classification } from '../classified/classification';
import { namesOf, unclearedPeople } from '../classified/clearances';
import { publishMessage } from '../correlation';
import type { EngineDeps } from '../deps';
import { submitApproval } from './documents';

export const DECIDED_MESSAGE = 'approval-decided';

/** How long the decision waits for an asker that is not yet listening (a worker restarting, say). */
const DECISION_KEPT_MS = 7 * 24 * 3600_000;

export interface ApprovalRequest {
  /** Usernames: the drafter, the approver (default: the head above the drafter), the reviewers in turn. */
  drafter: string;
  approver?: string;
  reviewers?: string[];
  title: string;
  body: string;
  documentType?: string;
  classification?: Classification;
  /** The correlation key the decision is published under. */
  replyKey: string;
  /** Stable across retries of the asking element: one request submits one document. */
  requestKey: string;
}

export type ApprovalOutcome = 'approved' | 'rejected' | 'withdrawn';

export async function submitRequestedApproval(
  deps: EngineDeps,
  request: ApprovalRequest,
): Promise<{ documentId: string }> {
  const { prisma } = deps;
  const earlier = await prisma.approvalDocument.findUnique({
    where: { requestKey: request.requestKey },
    select: { id: true },
  });
  if (earlier) return { documentId: earlier.id };
  const drafter = await activeUser(prisma, request.drafter, 'drafter');
  const approverId = request.approver
    ? (await activeUser(prisma, request.approver, 'approver')).id
    : await headAbove(prisma, drafter);
  const reviewers = await Promise.all((request.reviewers ?? []).map((name) => activeUser(prisma, name, 'reviewer')));
  const grade = request.classification?.grade;
  if (grade) {
    const uncleared = await unclearedPeople(prisma, grade, [drafter.id], deps.now?.() ?? new Date());
    if (uncleared.length > 0) {
      throw new AppError(
        'APPROVAL_LINE_UNCLEARED',
        `Only a person cleared for ${grade} may draft this document; not cleared: ${namesOf(uncleared)}.`,
      );
    }
  }
  const line: LineMember[] = [
    ...reviewers.map((reviewer) => ({ kind: 'review' as const, userId: reviewer.id })),
    { kind: 'approve', userId: approverId },
  ];
  return submitApproval(deps, {
    drafter,
    title: request.title,
    body: request.body,
    documentType: request.documentType ?? 'general',
    amount: null,
    important: false,
    line,
    cooperation: 'sequential',
    classification: request.classification,
    request: { replyKey: request.replyKey, requestKey: request.requestKey },
  });
}

/**
 * Tells the asking process how its document ended. A document nobody asked for is left alone. The message id comes
 * from the replying element's key, so a retried reply is the same message.
 */
export async function replyDecision(
  deps: EngineDeps,
  input: { documentId: string; outcome: ApprovalOutcome; replyingElementKey: string },
): Promise<{ replied: boolean }> {
  const document = await deps.prisma.approvalDocument.findUniqueOrThrow({
    where: { id: input.documentId },
    select: { replyKey: true, closedAt: true, registrations: { where: { kind: 'PRODUCTION' } } },
  });
  if (document.replyKey === null) return { replied: false };
  const approval: Variables = {
    documentId: input.documentId,
    outcome: input.outcome,
    productionNumber: document.registrations[0]?.number ?? null,
    decidedAt: (document.closedAt ?? deps.now?.() ?? new Date()).toISOString(),
  };
  await publishMessage(deps, {
    name: DECIDED_MESSAGE,
    correlationKey: document.replyKey,
    variables: { approval },
    messageId: uuidOf(input.replyingElementKey),
    timeToLiveMs: DECISION_KEPT_MS,
  });
  return { replied: true };
}

/** Message ids are UUIDs; the same key always gives the same one. */
function uuidOf(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

type Db = Prisma.TransactionClient | EngineDeps['prisma'];

async function activeUser(prisma: Db, username: string, role: string) {
  const user = await prisma.user.findFirst({
    where: { username, active: true },
    select: { id: true, username: true, orgUnitId: true },
  });
  if (!user) throw new AppError('APPROVAL_LINE_INVALID', `The ${role} '${username}' is not an active user.`);
  return user;
}

/** Who works tasks: a head with another role only (a manager who only watches figures) cannot sign. */
const TASK_WORKER_ROLE = 'civil-servant';

/**
 * The head of the drafter's unit, or of the nearest unit above when the drafter heads their own or their head does
 * not work tasks.
 */
async function headAbove(prisma: Db, drafter: { id: string; username: string; orgUnitId: string | null }) {
  let unitId = drafter.orgUnitId;
  while (unitId) {
    const unit = await prisma.orgUnit.findUniqueOrThrow({
      where: { id: unitId },
      select: { parentId: true, head: { select: { id: true, active: true, roles: { select: { roleCode: true } } } } },
    });
    const head = unit.head;
    const signs = head?.active && head.roles.some((role) => role.roleCode === TASK_WORKER_ROLE);
    if (head && signs && head.id !== drafter.id) return head.id;
    unitId = unit.parentId;
  }
  throw new AppError(
    'APPROVAL_LINE_INVALID',
    `No head of a unit above ${drafter.username} can approve; name the approver in the request.`,
  );
}
