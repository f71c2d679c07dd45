/**
 * Sessions: a random 256-bit token given once to the client (cookie or bearer), stored only as its SHA-256.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../../platform/db';
import type { Principal } from './ability';

export const SESSION_COOKIE = 'bps_session';

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
  await prisma.session.create({ data: { tokenHash: hashToken(token), userId, expiresAt } });
  return { token, expiresAt };
}

export async function endSession(prisma: PrismaClient, token: string): Promise<void> {
  await prisma.session.deleteMany({ where: { tokenHash: hashToken(token) } });
}

/** The principal for a live session token, or undefined when the token is unknown, expired or the user inactive. */
export async function principalForToken(prisma: PrismaClient, token: string): Promise<Principal | undefined> {
  const session = await prisma.session.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { include: { roles: true, groups: true } } },
  });
  if (!session || session.expiresAt <= new Date() || !session.user.active) return undefined;
  return toPrincipal(session.user);
}

export function toPrincipal(user: {
  id: string;
  username: string;
  displayName: string;
  roles: Array<{ roleCode: string }>;
  groups: Array<{ groupCode: string }>;
}): Principal {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles.map((role) => role.roleCode),
    groups: user.groups.map((group) => group.groupCode),
  };
}
