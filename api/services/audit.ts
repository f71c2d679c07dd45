/**
 * The audit trail for auditors: list it, verify its chain (docs/audit.md). Anyone else gets 404, as if the trail did
 * not exist (docs/conventions.md §8); administrators included, for the separation of duties.
 */
import { verifyAuditTrail, listAuditRows, type AuditFilter, type AuditPage } from '../../engine/audit-trail';
import type { ChainVerdict } from '../../engine/audit-chain';
import type { Caller } from '../auth/ability';
import type { ServiceDeps } from '../deps';
import { NotVisibleError } from './visible';

/** Refuses everyone but auditors; the route calls it before it reads the query, too. */
export function assertAuditor({ ability }: Caller): void {
  if (!ability.can('read', 'AuditTrail'))
    throw new NotVisibleError('AuditTrail', 'all', 'No audit trail is visible to you.');
}

export async function listAudit(
  deps: ServiceDeps,
  caller: Caller,
  query: AuditFilter & { cursor?: bigint; limit: number },
): Promise<AuditPage> {
  assertAuditor(caller);
  const { cursor, limit, ...filter } = query;
  return listAuditRows(deps.prisma, filter, { cursor, limit });
}

export async function verifyAudit(deps: ServiceDeps, caller: Caller): Promise<ChainVerdict> {
  assertAuditor(caller);
  return verifyAuditTrail(deps.prisma);
}
