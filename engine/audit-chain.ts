/**
 * The audit chain's rule, in TypeScript, for verifying it independently of the database that wrote it (docs/audit.md):
 * each row's hash is SHA-256 over its canonical serialisation, which includes the previous row's hash; the first row
 * follows GENESIS_HASH. The database's "auditRowHash" function computes the same serialisation when it chains a row.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const GENESIS_HASH = '0'.repeat(64);

/** A row as PostgreSQL prints it: `id` in decimal, `at` as ISO 8601 UTC with milliseconds, `details` as jsonb text. */
export interface ChainRow {
  id: string;
  at: string;
  actor: string | null;
  sourceAddress: string | null;
  subject: string | null;
  action: string;
  objectType: string;
  objectId: string;
  outcome: string;
  details: string;
  prevHash: string | null;
  hash: string | null;
}

export const chainVerdictAnswer = z.object({
  ok: z.boolean(),
  checked: z.number().int().min(0),
  /** The first row that does not follow the one before it (or genesis), or whose hash does not match its fields. */
  firstBrokenId: z.string().optional(),
  /** The newest row of an intact chain: note it to catch a later removal of the newest rows (docs/audit.md). */
  head: z.object({ id: z.string(), hash: z.string() }).optional(),
});
export type ChainVerdict = z.infer<typeof chainVerdictAnswer>;

/** Each field as `-` for null or `<UTF-8 byte length>:<text>`, joined by `|`: no two rows serialise alike. */
export function canonicalRow(row: ChainRow): string {
  const fields = [
    row.id,
    row.at,
    row.actor,
    row.sourceAddress,
    row.subject,
    row.action,
    row.objectType,
    row.objectId,
    row.outcome,
    row.details,
    row.prevHash,
  ];
  return fields.map((value) => (value === null ? '-' : `${Buffer.byteLength(value, 'utf8')}:${value}`)).join('|');
}

export function rowHash(row: ChainRow): string {
  return createHash('sha256').update(canonicalRow(row), 'utf8').digest('hex');
}

/**
 * Walks rows in chain (id) order and stops at the first broken one. Takes an async iterable so that a caller can
 * stream pages of a large table through it; it holds only the previous row.
 */
export async function verifyChain(rows: Iterable<ChainRow> | AsyncIterable<ChainRow>): Promise<ChainVerdict> {
  let previous: ChainRow | undefined;
  let checked = 0;
  for await (const row of rows) {
    checked++;
    if (!follows(previous, row)) return { ok: false, checked, firstBrokenId: row.id };
    previous = row;
  }
  return previous?.hash ? { ok: true, checked, head: { id: previous.id, hash: previous.hash } } : { ok: true, checked };
}

function follows(previous: ChainRow | undefined, row: ChainRow): boolean {
  const ascending = !previous || BigInt(row.id) > BigInt(previous.id);
  return ascending && row.prevHash === (previous?.hash ?? GENESIS_HASH) && row.hash === rowHash(row);
}
