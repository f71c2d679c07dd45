/**
 * What every org-chart change shares: one lock that serialises them, the look-ups that turn an unknown reference
 * into a 422 naming it, and the audit row written in the change's own transaction.
 */
import { AppError } from '../../shared/app-error';
import type { Prisma } from '../../platform/db';
import { appendAudit } from '../audit';

export type Tx = Prisma.TransactionClient;

/** The administrator making a change, as the audit trail names them. */
export interface OrgActor {
  username: string;
  /** The client's address, for the audit trail. */
  sourceAddress?: string;
}

/**
 * Serialises org-chart changes: two administrators cannot each pass the cycle check with moves that together make a
 * cycle, nor hand the same person's tasks over twice at once.
 */
export async function lockOrgChart(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('org:chart'))`;
}

export async function requireUnit(tx: Tx, id: string, what = 'unit') {
  const unit = await tx.orgUnit.findUnique({ where: { id } });
  if (!unit) throw new AppError('UNKNOWN_REFERENCE', `No ${what} ${id}.`);
  return unit;
}

export async function requirePerson(tx: Tx, id: string, what = 'person') {
  const person = await tx.user.findUnique({ where: { id } });
  if (!person) throw new AppError('UNKNOWN_REFERENCE', `No ${what} ${id}.`);
  return person;
}

export async function requirePosition(tx: Tx, code: string): Promise<void> {
  if (!(await tx.position.findUnique({ where: { code } })))
    throw new AppError('UNKNOWN_REFERENCE', `No position ${code}.`);
}

export async function requireRank(tx: Tx, code: string): Promise<void> {
  if (!(await tx.rank.findUnique({ where: { code } }))) throw new AppError('UNKNOWN_REFERENCE', `No rank ${code}.`);
}

export async function requireRoles(tx: Tx, codes: string[]): Promise<void> {
  const found = await tx.role.findMany({ where: { code: { in: codes } }, select: { code: true } });
  const missing = missingCodes(codes, found);
  if (missing.length) throw new AppError('UNKNOWN_REFERENCE', `No role ${missing.join(', ')}.`);
}

export async function requireGroups(tx: Tx, codes: string[]): Promise<void> {
  const found = await tx.group.findMany({ where: { code: { in: codes } }, select: { code: true } });
  const missing = missingCodes(codes, found);
  if (missing.length) throw new AppError('UNKNOWN_REFERENCE', `No group ${missing.join(', ')}.`);
}

function missingCodes(wanted: string[], found: Array<{ code: string }>): string[] {
  const present = new Set(found.map((row) => row.code));
  return [...new Set(wanted)].filter((code) => !present.has(code));
}

export async function audit(
  tx: Tx,
  actor: OrgActor,
  action: string,
  object: { type: string; id: string; subject?: string },
  details: Prisma.InputJsonObject,
): Promise<void> {
  await appendAudit(tx, {
    actor: actor.username,
    sourceAddress: actor.sourceAddress,
    subject: object.subject,
    action,
    objectType: object.type,
    objectId: object.id,
    details,
  });
}
