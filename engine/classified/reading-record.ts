/**
 * 비밀열람기록전: before a classified item's content is handed to a reader, a signed entry (reader, time, source
 * address, item, grade) is written and committed; a reading that cannot be recorded is no reading. The signature is
 * HMAC-SHA-256 over the entry's fields with a key from the configuration, so an edited row no longer verifies. The
 * rows are kept five years after the item's destruction: nothing in the engine deletes them (docs/classified.md).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SecurityGradeCode } from '../../gov/security-grades';
import type { PrismaClient } from '../../platform/db';
import { appendAudit } from '../audit';

export interface ReadingEntry {
  instanceId: string;
  /** What was read: ProcessInstance, UserTask or ApprovalDocument, and which part of it. */
  itemType: string;
  itemId: string;
  grade: SecurityGradeCode;
  readerId: string;
  reader: string;
  sourceAddress: string | null;
  readAt: Date;
}

/** The signed text: every field, in a fixed order, separated by a character no field holds. */
function signedText(entry: ReadingEntry): string {
  return [
    entry.instanceId,
    entry.itemType,
    entry.itemId,
    entry.grade,
    entry.readerId,
    entry.reader,
    entry.sourceAddress ?? '',
    entry.readAt.toISOString(),
  ].join('\u001f');
}

export function signReading(key: string, entry: ReadingEntry): string {
  return createHmac('sha256', key).update(signedText(entry)).digest('hex');
}

export function readingSignatureValid(key: string, entry: ReadingEntry & { signature: string }): boolean {
  const expected = Buffer.from(signReading(key, entry), 'hex');
  const given = Buffer.from(entry.signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Writes the signed entry and its audit row and commits them; throws when either cannot be written. */
export async function recordReading(prisma: PrismaClient, key: string, entry: ReadingEntry): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.readingRecord.create({ data: { ...entry, signature: signReading(key, entry) } });
    await appendAudit(tx, {
      actor: entry.reader,
      action: 'classified.read',
      objectType: entry.itemType,
      objectId: entry.itemId,
      sourceAddress: entry.sourceAddress,
      details: { instanceId: entry.instanceId, grade: entry.grade },
    });
  });
}
