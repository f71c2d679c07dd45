/**
 * The answer (회신) a clerk drafts for approval: a refusal, whole or partial, must state its reasons, and its letter
 * the remedies (민원 처리에 관한 법률 제27조제2항). The drafter is the clerk who completed the drafting task.
 */
import type { PetitionOutcome } from '../../prisma/generated/client';
import type { PrismaClient } from '../../platform/db';
import { AppError } from '../../shared/app-error';
import { REMEDIES } from './notices';

export interface AnswerDraft {
  petitionId: string;
  outcome: PetitionOutcome;
  answer: string;
  refusalReasons?: string | null;
  /** The element whose completion drafted it. */
  draftedAt: string;
}

export async function draftAnswer(
  prisma: PrismaClient,
  draft: AnswerDraft,
): Promise<{ drafter: string; title: string; body: string }> {
  const refusalReasons = draft.refusalReasons?.trim();
  if (draft.outcome !== 'ACCEPTED' && !refusalReasons) {
    throw new AppError('VALIDATION_FAILED', 'A refusal, whole or partial, must state its reasons.');
  }
  const petition = await prisma.petition.findUniqueOrThrow({ where: { id: draft.petitionId } });
  const task = await prisma.userTask.findFirst({
    where: { processInstanceId: petition.processInstanceId, elementId: draft.draftedAt, state: 'COMPLETED' },
    orderBy: { completedAt: 'desc' },
    select: { completedBy: true },
  });
  if (!task?.completedBy) throw new AppError('CONFLICT', `No one has completed '${draft.draftedAt}' yet.`);
  const body = [
    `접수번호: ${petition.receiptNumber}`,
    `민원인: ${petition.petitionerName}`,
    '',
    draft.answer,
    ...(draft.outcome === 'ACCEPTED'
      ? []
      : ['', `거부 사유: ${refusalReasons}`, '', '불복 절차:', ...REMEDIES.map((remedy, i) => `${i + 1}. ${remedy}`)]),
  ].join('\n');
  return { drafter: task.completedBy, title: `민원 회신: ${petition.title}`, body };
}
