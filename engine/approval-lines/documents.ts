/**
 * Approval documents (기안문) on the engine: submitting one routes its line (gov/approval-line.ts), stores the
 * document with its steps and starts the one model that iterates any line (processes/document-approval); 회수 ends
 * the line through the model's message boundary event. docs/approval-lines.md.
 */
import { randomUUID } from 'node:crypto';
import {
  ApprovalLineError,
  routeApprovalLine,
  type LineMember,
  type RoutedStep,
  type StepKind,
} from '../../gov/approval-line';
import { AppError } from '../../shared/app-error';
import { asJson, type Prisma } from '../../platform/db';
import { assertLineCleared, type Classification } from '../classified/classification';
import { publishMessage } from '../correlation';
import type { EngineDeps } from '../deps';
import { startProcessInstance } from '../instances';
import { checkedRecords, processingUnitOf, type DocumentRecordsInput } from '../records/drafting';
import { appendAudit } from '../audit';

export const APPROVAL_PROCESS_ID = 'document-approval';
export const WITHDRAWN_MESSAGE = 'approval-withdrawn';

export interface SubmitApprovalInput {
  /**
   * The drafter. Their unit is the document's 처리과, which registers it (docs/records.md), and the instance's (a
   * manager of it reads the document's process).
   */
  drafter: { id: string; username: string; orgUnitId?: string | null; sourceAddress?: string };
  title: string;
  body: string;
  documentType: string;
  amount: bigint | null;
  important: boolean;
  line: LineMember[];
  cooperation: 'sequential' | 'parallel';
  /** Retention and disclosure as the drafter set them; omitted, the defaults of docs/records.md. */
  records?: DocumentRecordsInput;
  /** A classified document: only people cleared for its grade may stand on its line (docs/classified.md). */
  classification?: Classification;
  /** Set when another process asks for the document (engine/approval-lines/requests.ts). */
  request?: { replyKey: string; requestKey: string };
}

type Db = Prisma.TransactionClient | EngineDeps['prisma'];

/** Routes the line as of now, stores the document and its first round of steps, and starts its instance. */
export async function submitApproval(deps: EngineDeps, input: SubmitApprovalInput): Promise<{ documentId: string }> {
  const { prisma } = deps;
  const definition = await prisma.processDefinition.findFirst({
    where: { bpmnProcessId: APPROVAL_PROCESS_ID },
    orderBy: { version: 'desc' },
  });
  if (!definition) throw new AppError('CONFLICT', `The ${APPROVAL_PROCESS_ID} process is not deployed.`);
  const processingUnitId = processingUnitOf(input.drafter);
  const records = checkedRecords(input.records);
  const now = deps.now?.() ?? new Date();
  const steps = await routeAt(prisma, input, now);
  const onLine = steps.flatMap((step) => [step.assigneeId, step.actorId]);
  await assertLineCleared(prisma, input.classification?.grade, onLine, now);
  const instanceId = randomUUID();
  const document = await prisma.$transaction(async (tx) => {
    const created = await tx.approvalDocument.create({
      data: {
        title: input.title,
        body: input.body,
        documentType: input.documentType,
        amount: input.amount,
        important: input.important,
        drafterId: input.drafter.id,
        requestedLine: asJson(input.line),
        cooperation: input.cooperation,
        processInstanceId: instanceId,
        processingUnitId,
        ...records,
        classification: input.classification?.grade,
        replyKey: input.request?.replyKey,
        requestKey: input.request?.requestKey,
      },
    });
    await tx.approvalStep.createMany({
      data: steps.map((step) => ({ ...step, documentId: created.id, round: 1 })),
    });
    await appendAudit(tx, {
      actor: input.drafter.username,
      sourceAddress: input.drafter.sourceAddress,
      action: 'approval.submitted',
      objectType: 'ApprovalDocument',
      objectId: created.id,
      details: { steps: steps.length },
    });
    return created;
  });
  try {
    await startProcessInstance(deps, {
      definition,
      instanceId,
      businessKey: document.id,
      startedBy: input.drafter,
      classified: input.classification && {
        ...input.classification,
        originatorId: input.drafter.id,
        documentId: document.id,
        readers: onLine,
      },
      variables: {
        documentId: document.id,
        title: input.title,
        drafter: input.drafter.username,
        cooperation: input.cooperation,
        ...(await lineVariables(prisma, document.id, 1)),
      },
    });
  } catch (error) {
    await prisma.approvalDocument.delete({ where: { id: document.id } });
    throw error;
  }
  return { documentId: document.id };
}

/** The people, the delegation table and the absences on `at`, then the pure routing; a bad line is a 422. */
async function routeAt(prisma: Db, input: SubmitApprovalInput, at: Date): Promise<RoutedStep[]> {
  const userIds = input.line.map((member) => member.userId).filter(isUuid);
  const [users, rules, positions, absences] = await Promise.all([
    prisma.user.findMany({
      where: { id: { in: userIds }, active: true },
      select: { id: true, position: { select: { level: true } } },
    }),
    prisma.delegationRule.findMany({ where: { documentType: input.documentType } }),
    prisma.position.findMany(),
    prisma.absence.findMany({ where: { startsAt: { lte: at }, endsAt: { gt: at } } }),
  ]);
  const levelOf = new Map(positions.map((position) => [position.code, position.level]));
  try {
    return routeApprovalLine({
      ...input,
      drafterId: input.drafter.id,
      people: new Map(users.map((user) => [user.id, { id: user.id, positionLevel: user.position?.level ?? null }])),
      delegationRules: rules.map((rule) => ({ ...rule, positionLevel: levelOf.get(rule.positionCode) ?? Infinity })),
      absences,
    });
  } catch (error) {
    if (error instanceof ApprovalLineError) throw new AppError('APPROVAL_LINE_INVALID', error.message);
    throw error;
  }
}

const STEP_LISTS: Record<StepKind, string> = {
  REVIEW: 'reviewSteps',
  COOPERATE: 'cooperationSteps',
  APPROVE: 'approveSteps',
  POST_REVIEW: 'postReviewSteps',
};

/** A round's steps as the model iterates them: one list per stage kind of [{stepId, actor, followUpAt}]. */
export async function lineVariables(prisma: Db, documentId: string, round: number): Promise<Record<string, unknown>> {
  const steps = await prisma.approvalStep.findMany({
    where: { documentId, round },
    include: { actor: { select: { username: true } } },
    orderBy: { order: 'asc' },
  });
  const lists: Record<string, unknown[]> = Object.fromEntries(Object.values(STEP_LISTS).map((name) => [name, []]));
  for (const step of steps) {
    lists[STEP_LISTS[step.kind]]?.push({
      stepId: step.id,
      actor: step.actor.username,
      followUpAt: step.followUpAt?.toISOString() ?? null,
    });
  }
  return lists;
}

/**
 * 회수: only the drafter, only while no one on the current round has acted. The document is marked in the same
 * statement that checks, so a decision recorded meanwhile makes the withdrawal fail rather than both succeed.
 */
export async function withdrawApproval(
  deps: EngineDeps,
  input: { documentId: string; drafter: { id: string; username: string; sourceAddress?: string } },
): Promise<void> {
  const { prisma } = deps;
  const withdrawn = await prisma.$transaction(async (tx) => {
    const document = await tx.approvalDocument.findUniqueOrThrow({ where: { id: input.documentId } });
    if (await hasUnrecordedDecision(tx, document.id, document.processInstanceId, input.drafter.username)) return false;
    const updated = await tx.approvalDocument.updateMany({
      where: {
        id: document.id,
        drafterId: input.drafter.id,
        state: 'IN_PROGRESS',
        steps: { none: { round: document.round, decision: { not: null } } },
      },
      data: { state: 'WITHDRAWN', closedAt: deps.now?.() ?? new Date() },
    });
    if (updated.count === 0) return false;
    await appendAudit(tx, {
      actor: input.drafter.username,
      sourceAddress: input.drafter.sourceAddress,
      action: 'approval.withdrawn',
      objectType: 'ApprovalDocument',
      objectId: document.id,
    });
    return true;
  });
  if (!withdrawn) {
    throw new AppError(
      'APPROVAL_ALREADY_ACTED',
      `Document ${input.documentId} can no longer be withdrawn: someone on the line has acted, or it is closed.`,
    );
  }
  // Kept a minute, in case the instance has not opened its line's subscription yet.
  await publishMessage(deps, {
    name: WITHDRAWN_MESSAGE,
    correlationKey: input.documentId,
    variables: {},
    timeToLiveMs: 60_000,
    publishedBy: input.drafter,
  });
}

/**
 * A task on the line completed whose step the model has not recorded yet (the record follows the completion by a
 * service task): the person has acted, so 회수 is too late. The drafter's own tasks are not on the line.
 */
async function hasUnrecordedDecision(
  tx: Prisma.TransactionClient,
  documentId: string,
  instanceId: string | null,
  drafter: string,
): Promise<boolean> {
  if (!instanceId) return false;
  const unrecorded = await tx.userTask.count({
    where: {
      processInstanceId: instanceId,
      state: 'COMPLETED',
      id: { notIn: await recordedTaskIds(tx, documentId) },
      NOT: { candidateUsers: { has: drafter } },
    },
  });
  return unrecorded > 0;
}

/** The tasks whose decisions are on the document's steps already. */
export async function recordedTaskIds(tx: Prisma.TransactionClient, documentId: string): Promise<string[]> {
  const recorded = await tx.approvalStep.findMany({ where: { documentId }, select: { taskId: true } });
  return recorded.flatMap(({ taskId }) => (taskId ? [taskId] : []));
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
