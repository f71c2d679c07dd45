/**
 * 민원 접수: the Petition row of a process instance, with its receipt number from the receiving unit's register
 * (engine/records/registration.ts) and the period its type sets (gov/petitions). Idempotent: a retried receipt finds
 * the row its first attempt wrote.
 */
import { formatKst, parseInstant } from '../../gov/calendar';
import { countedPeriod, type CountedPeriod } from '../../gov/petitions/extension';
import type { PrismaClient } from '../../platform/db';
import { AppError } from '../../shared/app-error';
import { appendAudit } from '../audit';
import { assignReceiptNumber } from '../records/registration';
import { petitionTypes } from './types';

export interface PetitionFiling {
  typeCode: string;
  title: string;
  petitionerName: string;
  petitionerEmail: string;
  /** ISO 8601 with an offset. */
  receivedAt: string;
  /** The code of the unit whose register receives it (처리과). */
  receivingUnit: string;
}

export interface PetitionReceipt {
  petitionId: string;
  receiptNumber: string;
  /** The receipt instant to the minute, in +09:00. */
  receivedAt: string;
  typeName: string;
  /** The type's period as counted; an extension adds to it. */
  limit: CountedPeriod;
  /** The username of the receiving unit's head, who hears of an overdue petition; null when the unit has none. */
  unitHead: string | null;
  /** The petitioner's username when they filed it themselves, so that tasks can name them. */
  filedBy: string | null;
}

const EXTERNAL_ROLE = 'external-party';

export async function receivePetition(
  prisma: PrismaClient,
  instanceId: string,
  filing: PetitionFiling,
): Promise<PetitionReceipt> {
  const type = (await petitionTypes(prisma)).find((candidate) => candidate.code === filing.typeCode);
  if (!type) throw new AppError('VALIDATION_FAILED', `'${filing.typeCode}' is not a petition type.`);
  const unit = await prisma.orgUnit.findUnique({
    where: { code: filing.receivingUnit },
    select: { id: true, head: { select: { username: true } } },
  });
  if (!unit) throw new AppError('VALIDATION_FAILED', `No unit '${filing.receivingUnit}' can receive petitions.`);
  const { startedById } = await prisma.processInstance.findUniqueOrThrow({
    where: { id: instanceId },
    select: { startedById: true },
  });
  const starter = startedById
    ? await prisma.user.findUnique({
        where: { id: startedById },
        select: { id: true, username: true, roles: { select: { roleCode: true } } },
      })
    : null;
  const filer = starter?.roles.some((role) => role.roleCode === EXTERNAL_ROLE) ? starter : null;
  // Legal time is counted in whole minutes; the receipt stamp is the minute it arrived.
  const receivedAt = new Date(Math.floor(parseInstant(filing.receivedAt, 'receivedAt') / 60_000) * 60_000);

  const petition = await prisma.$transaction(async (tx) => {
    const existing = await tx.petition.findUnique({ where: { processInstanceId: instanceId } });
    if (existing) return existing;
    const registration = await assignReceiptNumber(tx, {
      unitId: unit.id,
      at: receivedAt,
      actor: filer ? null : (starter?.username ?? null),
    });
    const created = await tx.petition.create({
      data: {
        processInstanceId: instanceId,
        receiptNumber: registration.number,
        typeCode: type.code,
        title: filing.title,
        petitionerName: filing.petitionerName,
        petitionerEmail: filing.petitionerEmail,
        filedById: filer?.id,
        orgUnitId: unit.id,
        receivedAt,
      },
    });
    await appendAudit(tx, {
      actor: starter?.username ?? null,
      action: 'petition.received',
      objectType: 'Petition',
      objectId: created.id,
      subject: filing.petitionerName,
      details: { receiptNumber: registration.number, type: type.code, channel: filer ? 'web' : 'counter' },
    });
    return created;
  });
  return {
    petitionId: petition.id,
    receiptNumber: petition.receiptNumber as string,
    receivedAt: formatKst(petition.receivedAt.getTime()),
    typeName: type.name,
    limit: countedPeriod(type.limit),
    unitHead: unit.head?.username ?? null,
    filedBy: filer?.username ?? null,
  };
}
