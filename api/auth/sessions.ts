/**
 * Sessions: a random 256-bit token given once to the client (cookie or bearer), stored only as its SHA-256.
 */
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../shared/app-error';
import type { PrismaClient } from '../../platform/db';
import type { ServiceDeps } from '../deps';
import type { Principal } from './ability';
import { decoyHash, verifyPassword } from './passwords';
import { unitsUnder } from '../../engine/org/units';
import type { SecurityGradeCode } from '../../gov/security-grades';

export const SESSION_COOKIE = 'bps_session';

/** What a user row needs to carry to become a principal. */
const principalInclude = {
  roles: true,
  groups: true,
  headOf: { select: { id: true } },
  clearance: { select: { grade: true, expiresAt: true } },
} as const;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Checks the password and opens a session, audited. An unknown or inactive user costs the same hashing as a known one,
 * so the answer's timing does not tell which usernames exist.
 */
export async function logIn(
  { prisma, config }: Pick<ServiceDeps, 'prisma' | 'config'>,
  { username, password }: { username: string; password: string },
): Promise<{ token: string; expiresAt: Date; user: Principal }> {
  const user = await prisma.user.findUnique({ where: { username }, include: principalInclude });
  const valid = user?.active
    ? await verifyPassword(user.passwordHash, password)
    : await verifyPassword(await decoyHash, password).then(() => false);
  if (!user || !valid) throw new AppError('UNAUTHENTICATED', 'The username or password is wrong.');
  const { token, expiresAt } = await createSession(prisma, user.id, config.SESSION_TTL_HOURS);
  await prisma.auditLog.create({
    data: { actor: user.username, action: 'user.login', objectType: 'User', objectId: user.id },
  });
  return { token, expiresAt, user: await loadPrincipal(prisma, user) };
}

async function createSession(
  prisma: PrismaClient,
  userId: string,
  ttlHours: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlHours * 3_600_000);
  await prisma.session.create({ data: { tokenHash: hashToken(token), userId, expiresAt } });
  return { token, expiresAt };
}

export async function logOut({ prisma }: Pick<ServiceDeps, 'prisma'>, token: string): Promise<void> {
  await prisma.session.deleteMany({ where: { tokenHash: hashToken(token) } });
}

/** The principal for a live session token, or undefined when the token is unknown, expired or the user inactive. */
export async function principalForToken(prisma: PrismaClient, token: string): Promise<Principal | undefined> {
  const session = await prisma.session.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { include: principalInclude } },
  });
  if (!session || session.expiresAt <= new Date() || !session.user.active) return undefined;
  return loadPrincipal(prisma, session.user);
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
