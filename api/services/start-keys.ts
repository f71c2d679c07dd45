/**
 * Idempotent starts by a client's key (the `Idempotency-Key` header, docs/reliability.md): the first request with a
 * key fixes the instance id the key starts, so a retry after a lost answer, or a hundred concurrent duplicates, start
 * one instance and answer it; the same key with another request is refused. Keys are per caller.
 */
import { createHash, randomUUID } from 'node:crypto';
import { AppError } from '../../shared/app-error';
import type { Caller } from '../auth/ability';
import type { ServiceDeps } from '../deps';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** The header as the OpenAPI documents describe it, on both start endpoints. */
export const idempotencyKeyHeader = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'The same key and request answer the same instance; the same key with another request 409.',
  schema: { type: 'string', pattern: KEY_PATTERN.source },
};

/** The header's value, checked: printable ASCII without spaces, at most 255 characters (UUIDs fit). */
export function idempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!KEY_PATTERN.test(header)) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Idempotency-Key must be 1 to 255 printable ASCII characters without spaces (a UUID is a good key).',
    );
  }
  return header;
}

/**
 * The instance id this caller's key starts: a fresh one the first time, the stored one afterwards. Throws
 * IDEMPOTENCY_KEY_REUSED when the key was first sent with another request.
 */
export async function instanceIdForStartKey(
  { prisma }: ServiceDeps,
  caller: Caller,
  key: string,
  request: object,
): Promise<string> {
  const callerId = caller.principal.id;
  const requestHash = createHash('sha256').update(canonicalJson(request)).digest('hex');
  // Of concurrent first requests exactly one inserts; all read the winner's row back, in the same statement (the
  // no-op update makes the conflicting row visible to RETURNING).
  const [stored] = await prisma.$queryRaw<Array<{ requestHash: string; instanceId: string }>>`
    INSERT INTO "StartRequestKey" ("callerId", "key", "requestHash", "instanceId", "createdAt")
    VALUES (${callerId}::UUID, ${key}, ${requestHash}, ${randomUUID()}::UUID,
      (${new Date().toISOString()}::TIMESTAMPTZ AT TIME ZONE 'UTC')) -- timestamp(3) in UTC, as Prisma stores DateTime
    ON CONFLICT ("callerId", "key") DO UPDATE SET "key" = EXCLUDED."key"
    RETURNING "requestHash", "instanceId"::TEXT`;
  if (!stored) throw new Error(`no start key row for ${key}`);
  if (stored.requestHash !== requestHash) {
    throw new AppError(
      'IDEMPOTENCY_KEY_REUSED',
      `Idempotency-Key '${key}' was first sent with a different start request (instance ${stored.instanceId}); use a new key for a new instance.`,
    );
  }
  return stored.instanceId;
}

/** JSON with object keys sorted at every depth: the same request hashes the same whatever its key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
