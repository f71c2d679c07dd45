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
  deps: Pick<ServiceDeps, 'prisma' | 'config'>,
  slots: VerificationSlots,
  attempt: LoginAttempt,
): Promise<{ token: string; expiresAt: Date; user: Principal }> {
  const { prisma, config } = deps;
  const user = await checkCredentials(deps, slots, attempt);
  const { token, expiresAt } = await createSession(prisma, user.id, config.SESSION_TTL_HOURS);
  await appendAudit(prisma, { ...attemptRecord(attempt, user.id), action: 'user.login', outcome: 'success' });
  return { token, expiresAt, user: await loadPrincipal(prisma, user) };
}

/**
 * The password check of a login, throttled and audited like one, without a session: logging in uses it, and so does
 * HTTP Basic authentication, which checks on every request (docs/camunda-api.md). Answers the active user.
 */
export async function checkCredentials(
  { prisma, config }: Pick<ServiceDeps, 'prisma' | 'config'>,
  slots: VerificationSlots,
  { username, password, sourceAddress }: LoginAttempt,
) {
  const keys = throttleKeys(username, sourceAddress);
  const user = await prisma.user.findUnique({ where: { username }, include: principalInclude });
  const attempt = attemptRecord({ username, sourceAddress }, user?.id);
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
  return user;
}

function attemptRecord(
  { username, sourceAddress }: Pick<LoginAttempt, 'username' | 'sourceAddress'>,
  userId: string | undefined,
): AttemptRecord {
  return { actor: username, objectType: 'User', objectId: userId ?? username, sourceAddress: sourceAddress ?? null };
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
