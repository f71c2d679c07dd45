/**
 * Objections (이의신청) against a petition decision, 민원 처리에 관한 법률 §35 (processes/petition-objection/README.md):
 * who may object and until when, and the record the objection process keeps (PetitionObjection rows, audited). The
 * periods are gov/petitions/objection-period.ts; the decision's due instant is counted by the model itself.
 */
import { koreanDate, koreanInstant } from '../../gov/calendar/explanation';
import { objectionTimeliness } from '../../gov/petitions/objection-period';
import type { PrismaClient } from '../../platform/db';
import type { Petition, PetitionObjection } from '../../prisma/generated/client';
import { AppError } from '../../shared/app-error';
import { appendAudit } from '../audit';
import { loadCalendar, toLocalDate } from '../calendar';

/** The decisions an objection may be made against (§35①: a refusal, which a partial acceptance is in part). */
const OBJECTABLE = new Set(['REFUSED', 'PARTIALLY_ACCEPTED']);

export interface Admissibility {
  petition: Petition;
  inTime: boolean;
  /** The last day to object, `YYYY-MM-DD`. */
  lastDay: string;
}

/**
 * Whether an objection filed at `filedAt` may go ahead: the petition must be decided against the petitioner and have
 * no objection yet (another process instance's). Lateness is an answer, not an error: the process records it as 각하.
 */
export async function objectionAdmissibility(
  prisma: PrismaClient,
  input: { petitionId: string; filedAt: Date; processInstanceId?: string },
): Promise<Admissibility> {
  const petition = await prisma.petition.findUnique({ where: { id: input.petitionId } });
  if (!petition) throw new AppError('NOT_FOUND', `No petition ${input.petitionId}.`);
  if (petition.state !== 'DECIDED' || !petition.decidedAt || !OBJECTABLE.has(petition.outcome ?? '')) {
    throw new AppError(
      'OBJECTION_NOT_ALLOWED',
      `Petition ${petition.receiptNumber ?? petition.id} was not refused or partly accepted, so there is nothing to object to.`,
    );
  }
  const earlier = await prisma.petitionObjection.findFirst({
    where: {
      petitionId: petition.id,
      ...(input.processInstanceId ? { processInstanceId: { not: input.processInstanceId } } : {}),
    },
    select: { filedAt: true },
  });
  if (earlier) {
    throw new AppError(
      'OBJECTION_NOT_ALLOWED',
      `An objection to petition ${petition.receiptNumber ?? petition.id} was already filed on ${koreanInstant(earlier.filedAt.getTime())}.`,
    );
  }
  const calendar = await loadCalendar(prisma);
  const { inTime, lastDay } = objectionTimeliness(calendar, petition.decidedAt.getTime(), input.filedAt.getTime());
  return { petition, inTime, lastDay };
}

/** The 422 an objection past its period answers, naming the last day. */
export function periodEnded(lastDay: string): AppError {
  return new AppError(
    'OBJECTION_PERIOD_ENDED',
    `The 60 days to object to this decision ended on ${koreanDate(lastDay)} (민원 처리에 관한 법률 제35조제1항); ` +
      'an administrative appeal (행정심판) or suit (행정소송) may still be open.',
  );
}

/** What the process's notices and gateways read of an objection. */
export function objectionFacts(objection: PetitionObjection, petition: Petition) {
  return {
    id: objection.id,
    petitionId: petition.id,
    receiptNumber: petition.receiptNumber ?? '',
    petitionTitle: petition.title,
    petitionerName: petition.petitionerName,
    petitionerEmail: petition.petitionerEmail,
    filedAt: objection.filedAt.toISOString(),
    filedText: koreanInstant(objection.filedAt.getTime()),
    inTime: objection.outcome !== 'OUT_OF_TIME',
    lastDayToObject: koreanDate(toLocalDate(objection.lastDayToObject)),
    dueAt: objection.dueAt?.toISOString() ?? null,
    dueText: objection.dueAt ? koreanInstant(objection.dueAt.getTime()) : '',
    extensions: objection.extensions,
  };
}

/** A petition by its id, or by its receipt number (접수번호) as the petitioner quotes it at the counter. */
export type PetitionReference = { petitionId: string } | { receiptNumber: string };

async function petitionIdOf(prisma: PrismaClient, reference: PetitionReference): Promise<string> {
  if ('petitionId' in reference) return reference.petitionId;
  const found = await prisma.petition.findMany({
    where: { receiptNumber: reference.receiptNumber },
    select: { id: true },
  });
  if (found.length !== 1) {
    const why = found.length === 0 ? 'No petition has' : 'More than one petition has';
    throw new AppError(
      'NOT_FOUND',
      `${why} the receipt number ${reference.receiptNumber}; name the petition by its id.`,
    );
  }
  return (found[0] as { id: string }).id;
}

/**
 * Records an objection once per process instance (a retry finds the row). One filed late is recorded as 각하
 * (OUT_OF_TIME) at once, with no due date: it is not examined.
 */
export async function registerObjection(
  prisma: PrismaClient,
  input: { processInstanceId: string; petition: PetitionReference; reason: string; filedAt: Date; dueAt: Date },
  now: Date,
) {
  const petitionId = await petitionIdOf(prisma, input.petition);
  const { petition, inTime, lastDay } = await objectionAdmissibility(prisma, { ...input, petitionId });
  const objection = await prisma.$transaction(async (tx) => {
    const existing = await tx.petitionObjection.findUnique({ where: { processInstanceId: input.processInstanceId } });
    if (existing) return existing;
    const row = await tx.petitionObjection.create({
      data: {
        processInstanceId: input.processInstanceId,
        petitionId: petition.id,
        reason: input.reason,
        filedAt: input.filedAt,
        lastDayToObject: new Date(`${lastDay}T00:00:00Z`),
        ...(inTime ? { dueAt: input.dueAt } : { outcome: 'OUT_OF_TIME', decidedAt: now }),
      },
    });
    await appendAudit(tx, {
      action: inTime ? 'petition-objection.filed' : 'petition-objection.out-of-time',
      objectType: 'PetitionObjection',
      objectId: row.id,
      subject: petition.petitionerName,
      details: { petitionId: petition.id, filedAt: input.filedAt.toISOString(), lastDayToObject: lastDay },
      at: now,
    });
    return row;
  });
  return objectionFacts(objection, petition);
}

async function objectionWithPetition(prisma: PrismaClient, objectionId: string) {
  const objection = await prisma.petitionObjection.findUnique({ where: { id: objectionId } });
  if (!objection) throw new AppError('NOT_FOUND', `No objection ${objectionId}.`);
  const petition = await prisma.petition.findUniqueOrThrow({ where: { id: objection.petitionId } });
  return { objection, petition };
}

/**
 * The one extension (§35②: once, by at most 10 days, with the reason notified). A second is refused: the answer says
 * so and the due instant stays. `key` is the extending job's, so its retry is the same extension, not a second one.
 */
export async function extendObjection(
  prisma: PrismaClient,
  input: { objectionId: string; reason: string; dueAt: Date; key: string },
  now: Date,
) {
  const { objection, petition } = await objectionWithPetition(prisma, input.objectionId);
  if (objection.extensions > 0 && objection.extensionKey !== input.key) {
    return { granted: false, objection: objectionFacts(objection, petition) };
  }
  const extended = await prisma.$transaction(async (tx) => {
    const { count } = await tx.petitionObjection.updateMany({
      where: { id: objection.id, extensions: 0 },
      data: { extensions: 1, extensionReason: input.reason, extensionKey: input.key, dueAt: input.dueAt },
    });
    if (count === 1) {
      await appendAudit(tx, {
        action: 'petition-objection.extended',
        objectType: 'PetitionObjection',
        objectId: objection.id,
        subject: petition.petitionerName,
        details: { reason: input.reason, from: objection.dueAt?.toISOString() ?? null, to: input.dueAt.toISOString() },
        at: now,
      });
    }
    return tx.petitionObjection.findUniqueOrThrow({ where: { id: objection.id } });
  });
  return { granted: true, objection: objectionFacts(extended, petition) };
}

/**
 * The decision: upheld (인용, the petition is examined again) or dismissed (기각), recorded once. The decider is who
 * completed the instance's latest user task, the review the decision came from, not a variable anyone could set.
 */
export async function decideObjection(
  prisma: PrismaClient,
  input: { objectionId: string; outcome: 'UPHELD' | 'DISMISSED'; reason: string },
  now: Date,
) {
  const { objection, petition } = await objectionWithPetition(prisma, input.objectionId);
  const review = await prisma.userTask.findFirst({
    where: { processInstanceId: objection.processInstanceId, state: 'COMPLETED' },
    orderBy: { completedAt: 'desc' },
    select: { completedBy: true, completedAt: true },
  });
  const decidedBy = review?.completedBy ?? null;
  const decided = await prisma.$transaction(async (tx) => {
    const { count } = await tx.petitionObjection.updateMany({
      where: { id: objection.id, outcome: null },
      data: { outcome: input.outcome, decisionReason: input.reason, decidedBy, decidedAt: review?.completedAt ?? now },
    });
    if (count === 1) {
      await appendAudit(tx, {
        actor: decidedBy,
        action: 'petition-objection.decided',
        objectType: 'PetitionObjection',
        objectId: objection.id,
        subject: petition.petitionerName,
        details: { outcome: input.outcome, reason: input.reason },
        at: now,
      });
    }
    return tx.petitionObjection.findUniqueOrThrow({ where: { id: objection.id } });
  });
  return { ...objectionFacts(decided, petition), outcome: decided.outcome };
}
