/**
 * What the model's service tasks write (job types approval.record-step and approval.start-round): each decision on
 * the line is a step of the document's record, and a resubmission after 반려 is a new round of the same steps.
 * Both are idempotent, as activities retry.
 */
import type { ApprovalDecision } from '../../prisma/generated/client';
import type { Prisma, PrismaClient } from '../../platform/db';
import { registerApprovedDocument } from '../records/approved-documents';
import { lineVariables, recordedTaskIds } from './documents';
import { appendAudit, type AuditEntry } from '../audit';

export interface StepDecision {
  stepId: string;
  decision: ApprovalDecision;
  opinion: string | null;
  /** A reviewer's edit of the body; kept on review steps only, as cooperators cannot edit (§9④). */
  revisedBody: string | null;
}

/** What the drafter's returned task shows: who rejected and why. */
export interface Rejection {
  by: string;
  opinion: string;
}

/**
 * Writes a decision on its step: who acted (the task's completedBy), when, what (decision, opinion, edit). The task
 * is the step's actor's completed task of this instance that no step records yet; a person acts once per round
 * except as someone's proxy, and rounds and stages run one after another, so the earliest such task is this step's.
 * A rejection closes the document as rejected, the approver's approval as approved; a document withdrawn meanwhile
 * stays withdrawn.
 */
export async function recordStepDecision(
  prisma: PrismaClient,
  input: StepDecision,
  now: Date,
): Promise<{ rejection?: Rejection }> {
  return prisma.$transaction(async (tx) => {
    const step = await tx.approvalStep.findUniqueOrThrow({
      where: { id: input.stepId },
      include: { document: true, actor: { select: { username: true } } },
    });
    let decided: AuditEntry | undefined;
    if (!step.decision) {
      const task = await stepTask(tx, step.documentId, step.document.processInstanceId, step.actor.username);
      const actor = task?.completedBy
        ? await tx.user.findUnique({ where: { username: task.completedBy }, select: { id: true } })
        : null;
      await tx.approvalStep.update({
        where: { id: step.id },
        data: {
          decision: input.decision,
          opinion: input.opinion,
          revisedBody: step.kind === 'REVIEW' ? input.revisedBody : null,
          actedAt: task?.completedAt ?? now,
          taskId: task?.id ?? null,
          actorId: actor?.id ?? step.actorId,
        },
      });
      const closing = input.decision === 'REJECT' ? 'REJECTED' : step.kind === 'APPROVE' ? 'APPROVED' : undefined;
      if (closing) {
        const closed = await tx.approvalDocument.updateMany({
          where: { id: step.documentId, state: 'IN_PROGRESS' },
          data: { state: closing, closedAt: now },
        });
        if (closing === 'APPROVED' && closed.count > 0) {
          // Registered as of the approver's signature (§6①), not of this record's writing.
          const signedAt = task?.completedAt ?? now;
          await registerApprovedDocument(tx, step.document, signedAt, task?.completedBy ?? step.actor.username);
        }
      }
      decided = {
        actor: task?.completedBy ?? step.actor.username,
        action: 'approval.step-decided',
        objectType: 'ApprovalDocument',
        objectId: step.documentId,
        details: { stepId: step.id, kind: step.kind, mark: step.mark, decision: input.decision },
      };
    }
    const rejection = input.decision === 'REJECT' ? await noteRejection(tx, step.id, step.document) : undefined;
    // The audit row comes last: it holds the chain's lock until commit (docs/audit.md).
    if (decided) await appendAudit(tx, decided);
    return rejection ? { rejection } : {};
  });
}

/**
 * The instance index projects variables when a task completes; the drafter's task is created before the next
 * projection, so the reason it shows is merged in now (the workflow's next projection carries the same value).
 */
async function noteRejection(
  tx: Prisma.TransactionClient,
  stepId: string,
  document: { processInstanceId: string | null },
): Promise<Rejection> {
  const step = await tx.approvalStep.findUniqueOrThrow({
    where: { id: stepId },
    select: { opinion: true, actor: { select: { displayName: true } } },
  });
  const rejection: Rejection = { by: step.actor.displayName, opinion: step.opinion ?? '' };
  await tx.$executeRaw`UPDATE "ProcessInstance" SET variables = variables || jsonb_build_object('rejection', ${JSON.stringify(rejection)}::jsonb) WHERE id = ${document.processInstanceId}::uuid`;
  return rejection;
}

/**
 * The step's task: offered to the step's person by name, or handed over from them (인수인계) to a successor, who
 * then acted in their place (completedBy says who).
 */
async function stepTask(tx: Prisma.TransactionClient, documentId: string, instanceId: string | null, actor: string) {
  if (!instanceId) return null;
  const handovers = await tx.handover.findMany({ where: { fromUser: { username: actor } }, select: { taskIds: true } });
  return tx.userTask.findFirst({
    where: {
      processInstanceId: instanceId,
      state: 'COMPLETED',
      OR: [{ candidateUsers: { has: actor } }, { id: { in: handovers.flatMap((handover) => handover.taskIds) } }],
      id: { notIn: await recordedTaskIds(tx, documentId) },
    },
    orderBy: { completedAt: 'asc' },
  });
}

/**
 * 재상신: the drafter sends the rejected document round again, to the same people with the same marks. Only a
 * rejected document starts a round, so a retried activity finds the round it already started.
 */
export async function startNextRound(prisma: PrismaClient, documentId: string): Promise<Record<string, unknown>> {
  return prisma.$transaction(async (tx) => {
    const document = await tx.approvalDocument.findUniqueOrThrow({ where: { id: documentId } });
    if (document.state === 'REJECTED') {
      const previous = await tx.approvalStep.findMany({ where: { documentId, round: document.round } });
      const round = document.round + 1;
      await tx.approvalDocument.update({
        where: { id: documentId },
        data: { state: 'IN_PROGRESS', round, closedAt: null },
      });
      await tx.approvalStep.createMany({
        data: previous.map(({ order, stage, kind, parallel, assigneeId, actorId, mark, followUpAt }) => ({
          documentId,
          round,
          order,
          stage,
          kind,
          parallel,
          assigneeId,
          actorId,
          mark,
          followUpAt,
        })),
      });
    }
    const current = await tx.approvalDocument.findUniqueOrThrow({ where: { id: documentId } });
    return { ...(await lineVariables(tx, documentId, current.round)), rejection: null };
  });
}
