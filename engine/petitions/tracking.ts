/**
 * What the civil-petition process records on its Petition row as it goes: the due instant its model counted, the
 * state, the supplementation and extension counts, the transfer, and the decision with the working time it took
 * (docs/civil-petition.md). Every change is an audit row on the petition, carrying the job's idempotency key: a
 * retried job that finds its row has nothing left to do.
 */
import { workingTimeBetween, type BusinessCalendar } from '../../gov/calendar';
import {
  extendedPeriod,
  extensionRefusal,
  type CountedPeriod,
  type ExtensionRefusal,
} from '../../gov/petitions/extension';
import type { PetitionOutcome, PetitionState } from '../../prisma/generated/client';
import type { Prisma, PrismaClient } from '../../platform/db';
import { AppError } from '../../shared/app-error';
import { appendAudit } from '../audit';

export interface PetitionProgress {
  petitionId: string;
  /** The job's idempotency key. */
  key: string;
  /** The event recorded, e.g. 'supplement-requested'; it names the audit row `petition.<event>`. */
  event: string;
  at: Date;
  state?: PetitionState;
  dueAt?: Date;
  supplementRequests?: number;
  transferredTo?: string;
  /** What the audit row keeps besides the changes (a reason, the opinions of a consultation). */
  details?: Record<string, unknown>;
}

export async function recordPetitionProgress(prisma: PrismaClient, progress: PetitionProgress): Promise<void> {
  if (await recorded(prisma, progress.petitionId, progress.key)) return;
  const changes = {
    state: progress.state,
    dueAt: progress.dueAt,
    supplementRequests: progress.supplementRequests,
    transferredTo: progress.transferredTo,
    transferredAt: progress.transferredTo ? progress.at : undefined,
  };
  await prisma.$transaction([
    prisma.petition.update({ where: { id: progress.petitionId }, data: changes }),
    appendAudit(prisma, {
      action: `petition.${progress.event}`,
      objectType: 'Petition',
      objectId: progress.petitionId,
      at: progress.at,
      // Through JSON: the instants become ISO text and the fields left unchanged drop out.
      details: JSON.parse(
        JSON.stringify({ key: progress.key, ...changes, ...progress.details }),
      ) as Prisma.InputJsonValue,
    }),
  ]);
}

const refusals: Record<ExtensionRefusal, string> = {
  'too-long': 'An extension is at most the original processing period.',
  'consent-needed': "A second extension needs the petitioner's consent.",
  'none-left': 'A petition is extended at most twice (the second time with consent).',
};

export interface PetitionExtension {
  petitionId: string;
  /** The job's idempotency key. */
  key: string;
  limit: CountedPeriod;
  period: CountedPeriod;
  amount: number;
  reason: string;
  petitionerConsent: boolean;
  at: Date;
}

/** 처리기간 연장: checks the rules, counts the extension and returns the period to count the due instant with. */
export async function extendPetition(
  prisma: PrismaClient,
  extension: PetitionExtension,
): Promise<{ period: CountedPeriod; extensions: number }> {
  const petition = await prisma.petition.findUniqueOrThrow({ where: { id: extension.petitionId } });
  // A retry after the write finds its own audit row and answers as the first attempt did.
  const done = await recorded(prisma, petition.id, extension.key);
  const extensionsSoFar = done ? petition.extensions - 1 : petition.extensions;
  const refusal = extensionRefusal(extension.limit, { ...extension, extensionsSoFar });
  if (refusal) throw new AppError('VALIDATION_FAILED', refusals[refusal]);
  const period = extendedPeriod(extension.limit, extension.period, extension.amount);
  if (done) return { period, extensions: petition.extensions };
  await prisma.$transaction([
    prisma.petition.update({ where: { id: petition.id }, data: { extensions: extensionsSoFar + 1 } }),
    appendAudit(prisma, {
      action: 'petition.extended',
      objectType: 'Petition',
      objectId: petition.id,
      at: extension.at,
      details: {
        key: extension.key,
        amount: extension.amount,
        period: { ...period },
        reason: extension.reason,
        petitionerConsent: extension.petitionerConsent,
      },
    }),
  ]);
  return { period, extensions: extensionsSoFar + 1 };
}

export interface PetitionDecision {
  petitionId: string;
  /** The job's idempotency key. */
  key: string;
  outcome: PetitionOutcome;
  decidedAt: Date;
  /** The spans the processing clock stood still (supplementation), excluded from the time taken. */
  stops: ReadonlyArray<{ from: string; to: string }>;
  documentId?: string;
}

/** Records the decision and the working minutes from receipt to decision, stopped time excluded (시행령 §19). */
export async function decidePetition(
  prisma: PrismaClient,
  calendar: BusinessCalendar,
  decision: PetitionDecision,
): Promise<{ workingMinutesTaken: number }> {
  const petition = await prisma.petition.findUniqueOrThrow({ where: { id: decision.petitionId } });
  if (petition.workingMinutesTaken !== null && (await recorded(prisma, petition.id, decision.key)))
    return { workingMinutesTaken: petition.workingMinutesTaken };
  const minutes = (from: number, to: number) => workingTimeBetween(calendar, from, to).minutes;
  const stopped = decision.stops.reduce(
    (sum, stop) => sum + minutes(wholeMinute(Date.parse(stop.from)), wholeMinute(Date.parse(stop.to))),
    0,
  );
  const workingMinutesTaken = minutes(petition.receivedAt.getTime(), decision.decidedAt.getTime()) - stopped;
  const data = {
    state: 'DECIDED' as const,
    outcome: decision.outcome,
    decidedAt: decision.decidedAt,
    workingMinutesTaken,
  };
  await prisma.$transaction([
    prisma.petition.update({ where: { id: petition.id }, data }),
    appendAudit(prisma, {
      action: 'petition.decided',
      objectType: 'Petition',
      objectId: petition.id,
      at: decision.decidedAt,
      details: {
        key: decision.key,
        outcome: decision.outcome,
        workingMinutesTaken,
        documentId: decision.documentId ?? null,
      },
    }),
  ]);
  return { workingMinutesTaken };
}

/** Whether the job with this idempotency key has written its audit row on the petition (and so its change). */
async function recorded(prisma: PrismaClient, petitionId: string, key: string): Promise<boolean> {
  const row = await prisma.auditLog.findFirst({
    where: { objectType: 'Petition', objectId: petitionId, details: { path: ['key'], equals: key } },
    select: { id: true },
  });
  return row !== null;
}

/** Legal clocks stop and resume on whole minutes; the spans the model recorded are read the same way. */
function wholeMinute(epochMs: number): number {
  return Math.floor(epochMs / 60_000) * 60_000;
}
