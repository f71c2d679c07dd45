/**
 * What happens to a court case after filing (docs/e-court.md), each as one write with its audit row. The instants
 * come from the process (its timers and `now()`), never the worker's clock, so a retried step writes the same.
 */
import { answerDueAt, deemedServedAt } from '../../gov/e-court';
import type { CourtCase, CourtServiceMethod, Prisma } from '../../prisma/generated/client';
import type { PrismaClient } from '../../platform/db';
import { appendAudit } from '../audit';

export interface CourtParty {
  username: string;
  displayName: string;
  email: string | null;
}

export interface CaseWithParties {
  courtCase: CourtCase;
  plaintiff: CourtParty;
  defendant: CourtParty;
}

const party = { username: true, displayName: true, email: true } as const;

export async function caseWithParties(prisma: PrismaClient, caseId: string): Promise<CaseWithParties> {
  const courtCase = await prisma.courtCase.findUniqueOrThrow({ where: { id: caseId } });
  const person = (id: string) => prisma.user.findUniqueOrThrow({ where: { id }, select: party });
  const [plaintiff, defendant] = await Promise.all([person(courtCase.plaintiffId), person(courtCase.defendantId)]);
  return { courtCase, plaintiff, defendant };
}

async function moveCase(
  prisma: PrismaClient,
  caseId: string,
  action: string,
  at: Date,
  data: Prisma.CourtCaseUpdateInput,
): Promise<CaseWithParties> {
  await prisma.$transaction([
    prisma.courtCase.update({ where: { id: caseId }, data }),
    appendAudit(prisma, {
      action: `court-case.${action}`,
      objectType: 'CourtCase',
      objectId: caseId,
      // The fields written, as JSON (instants as ISO text).
      details: JSON.parse(JSON.stringify(data)) as Prisma.InputJsonValue,
      at,
    }),
  ]);
  return caseWithParties(prisma, caseId);
}

/** 보정명령: the plaintiff must fix the defects by `dueAt`. */
export function orderDefectFix(
  prisma: PrismaClient,
  input: { caseId: string; defects: string; dueAt: Date; at: Date },
) {
  return moveCase(prisma, input.caseId, 'defect-ordered', input.at, {
    state: 'DEFECT_ORDERED',
    defects: input.defects,
    defectDueAt: input.dueAt,
  });
}

/** The plaintiff's correction, in time: the complaint goes back to review. */
export function recordCorrection(prisma: PrismaClient, input: { caseId: string; correction: string; at: Date }) {
  return moveCase(prisma, input.caseId, 'corrected', input.at, {
    state: 'DOCKETED',
    correction: input.correction,
    correctedAt: input.at,
  });
}

/** 각하: the defects were not fixed within the period. */
export function dismissCase(prisma: PrismaClient, input: { caseId: string; at: Date }) {
  return moveCase(prisma, input.caseId, 'dismissed', input.at, { state: 'DISMISSED', dismissedAt: input.at });
}

/** 전자송달 notice: the complaint is there for the defendant to open; deemed served 7 days on. */
export async function noticeService(prisma: PrismaClient, input: { caseId: string; at: Date }) {
  const moved = await moveCase(prisma, input.caseId, 'service-notified', input.at, {
    state: 'SERVICE_NOTIFIED',
    serviceNoticedAt: input.at,
  });
  return { ...moved, deemedServedAt: deemedServedAt(input.at) };
}

/** Served (opened, or deemed): the answer is due 30 days on. A second call keeps the first service. */
export async function recordService(
  prisma: PrismaClient,
  input: { caseId: string; method: CourtServiceMethod; at: Date },
): Promise<{ servedAt: Date; answerDueAt: Date }> {
  const found = await prisma.courtCase.findUniqueOrThrow({ where: { id: input.caseId } });
  if (found.servedAt && found.answerDueAt) return { servedAt: found.servedAt, answerDueAt: found.answerDueAt };
  const due = answerDueAt(input.at);
  await moveCase(prisma, input.caseId, 'served', input.at, {
    state: 'SERVED',
    servedAt: input.at,
    serviceMethod: input.method,
    answerDueAt: due,
  });
  return { servedAt: input.at, answerDueAt: due };
}

/** 무변론판결 선고기일 (민사소송법 §257①): no answer within the period. */
export function setJudgmentDate(prisma: PrismaClient, input: { caseId: string; judgmentAt: Date; at: Date }) {
  return moveCase(prisma, input.caseId, 'judgment-date-set', input.at, {
    state: 'JUDGMENT_DATE_SET',
    judgmentAt: input.judgmentAt,
  });
}

/** 답변서: a judgment date already set is cancelled (the answer came before it); the case goes to a hearing. */
export async function recordAnswer(prisma: PrismaClient, input: { caseId: string; answer: string; at: Date }) {
  const found = await prisma.courtCase.findUniqueOrThrow({ where: { id: input.caseId } });
  // Set and not yet pronounced (a retried step sees the same).
  const cancelsJudgment = found.judgmentAt !== null && found.judgedAt === null;
  const moved = await moveCase(prisma, input.caseId, 'answered', input.at, {
    state: 'ANSWERED',
    answer: input.answer,
    answeredAt: input.at,
    ...(cancelsJudgment ? { judgmentCancelledAt: input.at } : {}),
  });
  return { ...moved, cancelledJudgmentAt: cancelsJudgment ? found.judgmentAt : null };
}

/** 무변론판결 선고: the date came without an answer. */
export function recordJudgmentWithoutHearing(prisma: PrismaClient, input: { caseId: string; at: Date }) {
  return moveCase(prisma, input.caseId, 'judged-without-hearing', input.at, {
    state: 'JUDGED_WITHOUT_HEARING',
    judgedAt: input.at,
  });
}
