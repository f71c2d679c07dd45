/**
 * Sessions: a random 256-bit token given once to the client (cookie or bearer), stored only as its SHA-256.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../../platform/db';
import type { ServiceDeps } from '../deps';
import type { Caller, Principal } from './ability';
import { appendAudit } from '../../engine/audit';
import { unitsUnder } from '../../engine/org/units';
import type { SecurityGradeCode } from '../../gov/security-grades';

export const SESSION_COOKIE = 'bps_session';

/** What a user row needs to carry to become a principal. */
export const principalInclude = {
  roles: true,
  groups: true,
  headOf: { select: { id: true } },
  clearance: { select: { grade: true, expiresAt: true } },
} as const;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  prisma: PrismaClient,
  userId: string,
  ttlHours: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlHours * 3_600_000);
  // lastSeenAt from this clock, the one the idle check compares with, rather than the column's database default.
  await prisma.session.create({ data: { tokenHash: hashToken(token), userId, expiresAt, lastSeenAt: new Date() } });
  return { token, expiresAt };
}

export async function logOut({ prisma }: Pick<ServiceDeps, 'prisma'>, token: string): Promise<void> {
  await prisma.session.deleteMany({ where: { tokenHash: hashToken(token) } });
}

/** Ends every session of the user (this one included), audited with how many ended. */
export async function logOutEverywhere(prisma: PrismaClient, caller: Caller): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const ended = await tx.session.deleteMany({ where: { userId: caller.principal.id } });
    await appendAudit(tx, {
      actor: caller.principal.username,
      action: 'user.logout-all',
      objectType: 'User',
      objectId: caller.principal.id,
      details: { sessions: ended.count },
      sourceAddress: caller.sourceAddress,
      outcome: 'success',
    });
  });
}

/** A session's last activity is written at most this often, so a busy page costs no write per request. */
const TOUCH_INTERVAL_MS = 60_000;

/** A session with its user as a principal, as principalForToken's one query reads them. */
interface SessionPrincipalRow extends Required<Omit<Principal, 'clearance'>> {
  active: boolean;
  /** Milliseconds since the epoch. */
  expiresAt: number;
  lastSeenAt: number;
  clearanceGrade: SecurityGradeCode | null;
  clearanceExpiresAt: number | null;
}

/**
 * The principal for a live session token, or undefined when the token is unknown, expired, idle longer than
 * `idleMinutes` or the user inactive. Every authenticated request asks this, so the session, its user and all that
 * the user's ability needs (loadPrincipal's facts) come in one query.
 */
export async function principalForToken(
  prisma: PrismaClient,
  token: string,
  idleMinutes: number,
): Promise<Principal | undefined> {
  const tokenHash = hashToken(token);
  // Timestamps are stored in UTC without a zone; their epoch is read as UTC.
  const [session] = await prisma.$queryRaw<SessionPrincipalRow[]>`
    SELECT (extract(EPOCH FROM s."expiresAt") * 1000)::FLOAT8 AS "expiresAt",
           (extract(EPOCH FROM s."lastSeenAt") * 1000)::FLOAT8 AS "lastSeenAt",
           u."active", u."id"::TEXT AS "id", u."username", u."displayName", u."orgUnitId"::TEXT AS "orgUnitId",
           ARRAY(SELECT "roleCode" FROM "UserRole" WHERE "userId" = u."id") AS "roles",
           ARRAY(SELECT "groupCode" FROM "GroupMembership" WHERE "userId" = u."id") AS "groups",
           ARRAY(SELECT "id"::TEXT FROM "OrgUnit" WHERE "headId" = u."id") AS "headOf",
           ARRAY(WITH RECURSIVE tree AS (
                   SELECT "id" FROM "OrgUnit" WHERE "id" = u."orgUnitId" OR "headId" = u."id"
                   UNION
                   SELECT unit."id" FROM "OrgUnit" unit JOIN tree ON unit."parentId" = tree."id")
                 SELECT "id"::TEXT FROM tree) AS "unitSubtree",
           ARRAY(SELECT "bpmnProcessId" FROM "ProcessOwner" WHERE "userId" = u."id") AS "ownedProcesses",
           c."grade"::TEXT AS "clearanceGrade",
           (extract(EPOCH FROM c."expiresAt") * 1000)::FLOAT8 AS "clearanceExpiresAt"
      FROM "Session" s JOIN "User" u ON u."id" = s."userId" LEFT JOIN "Clearance" c ON c."userId" = u."id"
     WHERE s."tokenHash" = ${tokenHash}`;
  const now = Date.now();
  if (!session || session.expiresAt <= now || !session.active) return undefined;
  if (session.lastSeenAt <= now - idleMinutes * 60_000) {
    await prisma.session.deleteMany({ where: { tokenHash } });
    return undefined;
  }
  if (session.lastSeenAt <= now - TOUCH_INTERVAL_MS) {
    await prisma.session.updateMany({ where: { tokenHash }, data: { lastSeenAt: new Date(now) } });
  }
  const { expiresAt: _e, lastSeenAt: _l, active: _a, clearanceGrade, clearanceExpiresAt, ...principal } = session;
  const cleared = clearanceGrade !== null && clearanceExpiresAt !== null && clearanceExpiresAt > now;
  return { ...principal, clearance: cleared ? clearanceGrade : null };
}

/** Deletes expired and idle sessions; the API runs it every few minutes (startSessionPurge). */
export async function purgeSessions(prisma: PrismaClient, idleMinutes: number): Promise<number> {
  const now = Date.now();
  const { count } = await prisma.session.deleteMany({
    where: {
      OR: [{ expiresAt: { lte: new Date(now) } }, { lastSeenAt: { lte: new Date(now - idleMinutes * 60_000) } }],
    },
  });
  return count;
}

type PrincipalRow = Parameters<typeof toPrincipal>[0];

/**
 * The principal with what its ability needs beyond the user row: the units under the person's own and headed ones,
 * and the processes they own.
 */
export async function loadPrincipal(prisma: PrismaClient, user: PrincipalRow): Promise<Principal> {
  const principal = toPrincipal(user);
  const roots = [...new Set([...(principal.orgUnitId ? [principal.orgUnitId] : []), ...(principal.headOf ?? [])])];
  const [unitSubtree, owned] = await Promise.all([
    unitsUnder({ prisma }, roots),
    prisma.processOwner.findMany({ where: { userId: principal.id }, select: { bpmnProcessId: true } }),
  ]);
  return { ...principal, unitSubtree, ownedProcesses: owned.map((row) => row.bpmnProcessId) };
}

export function toPrincipal(user: {
  id: string;
  username: string;
  displayName: string;
  orgUnitId?: string | null;
  roles: Array<{ roleCode: string }>;
  groups: Array<{ groupCode: string }>;
  headOf?: Array<{ id: string }>;
  clearance?: { grade: SecurityGradeCode; expiresAt: Date } | null;
}): Principal {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles.map((role) => role.roleCode),
    groups: user.groups.map((group) => group.groupCode),
    orgUnitId: user.orgUnitId ?? null,
    headOf: user.headOf?.map((unit) => unit.id) ?? [],
    clearance: user.clearance && user.clearance.expiresAt > new Date() ? user.clearance.grade : null,
  };
}
