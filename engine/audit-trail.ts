/**
 * Reading the audit trail: the chain walk for verification, in keyset pages so that a million rows never sit in
 * memory at once, and the auditors' list, newest first (docs/audit.md).
 */
import { z } from 'zod';
import { AuditOutcome } from '../prisma/generated/enums';
import type { Prisma, PrismaClient } from '../platform/db';
import { verifyChain, type ChainRow, type ChainVerdict } from './audit-chain';

const CHAIN_PAGE = 1000;

/** Verifies the whole chain, oldest first. */
export function verifyAuditTrail(prisma: PrismaClient, pageSize = CHAIN_PAGE): Promise<ChainVerdict> {
  return verifyChain(chainRows(prisma, pageSize));
}

/** Every row as the chain hashes it (engine/audit-chain.ts), a page at a time. */
export async function* chainRows(prisma: PrismaClient, pageSize = CHAIN_PAGE): AsyncGenerator<ChainRow> {
  let after = -1n;
  for (;;) {
    const page = await prisma.$queryRaw<Array<ChainRow & { key: bigint }>>`
      SELECT "id" AS "key", "id"::TEXT AS "id", to_char("at", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "at", "actor",
             "sourceAddress", "subject", "action", "objectType", "objectId", "outcome"::TEXT AS "outcome",
             "details"::TEXT AS "details", "prevHash", "hash"
        FROM "AuditLog" WHERE "id" > ${after} ORDER BY "key" LIMIT ${pageSize}`;
    for (const { key: _key, ...row } of page) yield row;
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    after = last.key;
  }
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  from?: Date;
  to?: Date;
}

/** A row as the auditors' list answers it: the id in decimal, the instant in ISO 8601. */
export const auditListItemAnswer = z.object({
  id: z.string().regex(/^\d+$/),
  at: z.iso.datetime(),
  actor: z.string().nullable(),
  sourceAddress: z.string().nullable(),
  subject: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  outcome: z.enum(AuditOutcome),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string().nullable(),
  hash: z.string().nullable(),
});
export const auditPageAnswer = z.object({
  items: z.array(auditListItemAnswer),
  /** Pass as `cursor` for the next (older) page; null on the last. */
  nextCursor: z.string().nullable(),
});
export type AuditPage = z.input<typeof auditPageAnswer>;

/** One page of rows matching the filter, newest first; `cursor` is the id the previous page ended at. */
export async function listAuditRows(
  prisma: PrismaClient,
  filter: AuditFilter,
  page: { cursor?: bigint; limit: number },
): Promise<AuditPage> {
  const where: Prisma.AuditLogWhereInput = {
    actor: filter.actor,
    action: filter.action,
    objectType: filter.objectType,
    objectId: filter.objectId,
    at: { gte: filter.from, lt: filter.to },
    ...(page.cursor !== undefined ? { id: { lt: page.cursor } } : {}),
  };
  const rows = await prisma.auditLog.findMany({ where, orderBy: { id: 'desc' }, take: page.limit + 1 });
  const items = rows.slice(0, page.limit).map(toListItem);
  return { items, nextCursor: rows.length > page.limit ? (items.at(-1)?.id ?? null) : null };
}

function toListItem(row: Prisma.AuditLogGetPayload<object>): z.input<typeof auditListItemAnswer> {
  // appendAudit (engine/audit.ts) writes details as an object, {} by default.
  return { ...row, id: row.id.toString(), at: row.at.toISOString(), details: row.details as Record<string, unknown> };
}
