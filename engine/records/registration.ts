/**
 * Registration numbers (docs/records.md): 생산등록번호 when a document is approved (규정 §11), 접수등록번호 when
 * one is received (규정 §18①), counted per 처리과, year and kind. The counter row is incremented by one atomic
 * statement inside the transaction of the registering write: concurrent registrations wait on the row's lock and
 * take the next serials in turn, and a write that rolls back rolls its serial back with it, so the serials have no
 * gap and no duplicate.
 */
import { registrationNumber, registrationYear } from '../../gov/records';
import type { Registration, RegistrationKind } from '../../prisma/generated/client';
import type { Prisma } from '../../platform/db';
import { appendAudit } from '../audit';

export interface RegistrationInput {
  /** The 처리과 whose register counts the document. */
  unitId: string;
  /** The approval document registered, if the registration is of one. */
  documentId?: string;
  at: Date;
  /** Who caused it (the approver, the receiving clerk), for the audit trail; null for the engine itself. */
  actor: string | null;
}

/** 생산등록: call it in the transaction that marks the document approved. */
export function assignProductionNumber(tx: Prisma.TransactionClient, input: RegistrationInput): Promise<Registration> {
  return register(tx, 'PRODUCTION', input);
}

/** 접수등록: call it in the transaction that records the receipt. */
export function assignReceiptNumber(tx: Prisma.TransactionClient, input: RegistrationInput): Promise<Registration> {
  return register(tx, 'RECEIPT', input);
}

async function register(
  tx: Prisma.TransactionClient,
  kind: RegistrationKind,
  { unitId, documentId, at, actor }: RegistrationInput,
): Promise<Registration> {
  const year = registrationYear(at);
  const [counter] = await tx.$queryRaw<Array<{ serial: number }>>`
    INSERT INTO "RegistrationCounter" ("unitId", "year", "kind", "lastSerial")
    VALUES (${unitId}::uuid, ${year}, ${kind}::"RegistrationKind", 1)
    ON CONFLICT ("unitId", "year", "kind") DO UPDATE SET "lastSerial" = "RegistrationCounter"."lastSerial" + 1
    RETURNING "lastSerial" AS serial`;
  if (!counter) throw new Error(`The registration counter of unit ${unitId} returned no serial.`);
  const unit = await tx.orgUnit.findUniqueOrThrow({ where: { id: unitId }, select: { code: true } });
  const registration = await tx.registration.create({
    data: {
      kind,
      unitId,
      year,
      serial: counter.serial,
      number: registrationNumber(unit.code, counter.serial),
      registeredAt: at,
      documentId,
    },
  });
  await appendAudit(tx, {
    actor,
    action: kind === 'PRODUCTION' ? 'record.production-registered' : 'record.receipt-registered',
    objectType: documentId ? 'ApprovalDocument' : 'Registration',
    objectId: documentId ?? registration.id,
    details: { number: registration.number, year },
  });
  return registration;
}
