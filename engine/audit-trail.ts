/**
 * Reading the audit trail: the chain walk for verification, in keyset pages so that a million rows never sit in
 * memory at once, and the auditors' list, newest first (docs/audit.md).
 */
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

export interface AuditPage {
  items: AuditListItem[];
  /** Pass as `cursor` for the next (older) page; null on the last. */
  nextCursor: string | null;
}

export type AuditListItem = ReturnType<typeof toListItem>;

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

function toListItem(row: Prisma.AuditLogGetPayload<object>) {
  return { ...row, id: row.id.toString() };
}
