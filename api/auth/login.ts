/**
 * Logging in: the throttle first (a locked account or address costs no hashing), then the password check in a bounded
 * slot, then a session. Every outcome is an audit row with the source address (docs/security.md).
 */
import { AppError } from '../../shared/app-error';
import { appendAudit } from '../../engine/audit';
import type { PrismaClient } from '../../platform/db';
import type { ServiceDeps } from '../deps';
import type { Principal } from './ability';
import { clearAccount, lockedFor, recordFailure, throttleKeys, type ThrottleKeys } from './login-throttle';
import { decoyHash, verifyPassword } from './passwords';
import { createSession, loadPrincipal, principalInclude } from './sessions';
import type { VerificationSlots } from './verification-slots';

export interface LoginAttempt {
  username: string;
  password: string;
  sourceAddress?: string;
}

/**
 * Checks the password and opens a session. An unknown or inactive user costs the same hashing as a known one, so the
 * answer's timing does not tell which usernames exist; failures count on the same throttle either way.
 */
export async function logIn(
  { prisma, config }: Pick<ServiceDeps, 'prisma' | 'config'>,
  slots: VerificationSlots,
  { username, password, sourceAddress }: LoginAttempt,
): Promise<{ token: string; expiresAt: Date; user: Principal }> {
  const keys = throttleKeys(username, sourceAddress);
  const user = await prisma.user.findUnique({ where: { username }, include: principalInclude });
  const objectId = user?.id ?? username;
  const attempt = { actor: username, objectType: 'User', objectId, sourceAddress: sourceAddress ?? null };
  await refuseWhileLocked(prisma, keys, attempt);
  // The failure is counted before the slot passes on, so the attempt that queued behind it sees the lock it made.
  const valid = await slots(async () => {
    // Attempts that queued behind a burst look again: once the burst has locked the account, they cost nothing.
    await refuseWhileLocked(prisma, keys, attempt);
    const matches = user?.active
      ? await verifyPassword(user.passwordHash, password)
      : await verifyPassword(await decoyHash, password).then(() => false);
    if (!matches) await recordFailedLogin(prisma, config, keys, attempt);
    return matches;
  });
  if (!user || !valid) throw new AppError('UNAUTHENTICATED', 'The username or password is wrong.');
  await clearAccount(prisma, keys);
  const { token, expiresAt } = await createSession(prisma, user.id, config.SESSION_TTL_HOURS);
  await appendAudit(prisma, { ...attempt, action: 'user.login', outcome: 'success' });
  return { token, expiresAt, user: await loadPrincipal(prisma, user) };
}

type AttemptRecord = { actor: string; objectType: string; objectId: string; sourceAddress: string | null };

async function recordFailedLogin(
  prisma: PrismaClient,
  config: ServiceDeps['config'],
  keys: ThrottleKeys,
  attempt: AttemptRecord,
): Promise<void> {
  await appendAudit(prisma, { ...attempt, action: 'user.login-failed', outcome: 'failure' });
  for (const kind of await recordFailure(prisma, keys, config)) {
    await appendAudit(prisma, {
      ...attempt,
      objectType: kind === 'account' ? 'User' : 'SourceAddress',
      objectId: kind === 'account' ? attempt.objectId : (attempt.sourceAddress ?? 'unknown'),
      action: 'user.login-locked',
      details: { lockoutMinutes: config.LOGIN_LOCKOUT_MINUTES },
      outcome: 'denied',
    });
  }
}

async function refuseWhileLocked(prisma: PrismaClient, keys: ThrottleKeys, attempt: AttemptRecord): Promise<void> {
  const retryAfterSeconds = await lockedFor(prisma, keys);
  if (retryAfterSeconds === undefined) return;
  await appendAudit(prisma, {
    ...attempt,
    action: 'user.login-refused',
    outcome: 'denied',
  });
  throw new AppError(
    'TOO_MANY_ATTEMPTS',
    `Too many failed logins for this account or from this address; try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
    { retryAfterSeconds },
  );
}
