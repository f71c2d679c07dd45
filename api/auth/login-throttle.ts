/**
 * Failed-login counters per account and per source address, kept in PostgreSQL so that every API process sees the
 * same counts (docs/security.md). Each key counts its failures in a fixed window; reaching the key's limit locks it
 * for the lockout period. Times are the database's clock, in UTC like every Prisma timestamp, so API processes with
 * skewed clocks agree.
 */
import type { Config } from '../../platform/config';
import type { PrismaClient } from '../../platform/db';

export type ThrottlePolicy = Pick<
  Config,
  'LOGIN_MAX_FAILURES_PER_ACCOUNT' | 'LOGIN_MAX_FAILURES_PER_ADDRESS' | 'LOGIN_WINDOW_MINUTES' | 'LOGIN_LOCKOUT_MINUTES'
>;

/** The counters one login attempt touches. */
export interface ThrottleKeys {
  account: string;
  address: string;
}

/** Usernames are compared as typed elsewhere; lower-casing here keeps `Clerk1` and `clerk1` on one counter. */
export function throttleKeys(username: string, sourceAddress: string | undefined): ThrottleKeys {
  return { account: `account:${username.toLowerCase()}`, address: `address:${sourceAddress ?? 'unknown'}` };
}

/** Seconds until the later of the keys' locks ends, or undefined when neither is locked. */
export async function lockedFor(prisma: PrismaClient, keys: ThrottleKeys): Promise<number | undefined> {
  const rows = await prisma.$queryRaw<Array<{ seconds: number }>>`
    SELECT CEIL(EXTRACT(EPOCH FROM "lockedUntil" - (now() AT TIME ZONE 'UTC')))::int AS "seconds"
    FROM "LoginThrottle"
    WHERE "key" IN (${keys.account}, ${keys.address}) AND "lockedUntil" > (now() AT TIME ZONE 'UTC')`;
  return rows.length > 0 ? Math.max(1, ...rows.map((row) => row.seconds)) : undefined;
}

/** Counts one failure on both keys; answers which keys this failure locked (each lock is reported once). */
export async function recordFailure(
  prisma: PrismaClient,
  keys: ThrottleKeys,
  policy: ThrottlePolicy,
): Promise<Array<keyof ThrottleKeys>> {
  const limits = { account: policy.LOGIN_MAX_FAILURES_PER_ACCOUNT, address: policy.LOGIN_MAX_FAILURES_PER_ADDRESS };
  const locked: Array<keyof ThrottleKeys> = [];
  for (const kind of ['account', 'address'] as const) {
    if (await countFailure(prisma, keys[kind], limits[kind], policy)) locked.push(kind);
  }
  return locked;
}

async function countFailure(prisma: PrismaClient, key: string, limit: number, policy: ThrottlePolicy) {
  const windowSeconds = policy.LOGIN_WINDOW_MINUTES * 60;
  const [{ failures }] = await prisma.$queryRaw<[{ failures: number }]>`
    INSERT INTO "LoginThrottle" AS counter ("key", "failures", "windowStartedAt")
    VALUES (${key}, 1, now() AT TIME ZONE 'UTC')
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN counter."windowStartedAt" <= (now() AT TIME ZONE 'UTC') - make_interval(secs => ${windowSeconds}::float8)
        THEN 1 ELSE counter."failures" + 1 END,
      "windowStartedAt" = CASE WHEN counter."windowStartedAt" <= (now() AT TIME ZONE 'UTC') - make_interval(secs => ${windowSeconds}::float8)
        THEN now() AT TIME ZONE 'UTC' ELSE counter."windowStartedAt" END
    RETURNING "failures"`;
  if (failures < limit) return false;
  // Only the failure that finds the key unlocked sets the lock, so concurrent failures report one lockout.
  const newlyLocked = await prisma.$executeRaw`
    UPDATE "LoginThrottle"
    SET "lockedUntil" = (now() AT TIME ZONE 'UTC') + make_interval(secs => ${policy.LOGIN_LOCKOUT_MINUTES * 60}::float8)
    WHERE "key" = ${key} AND ("lockedUntil" IS NULL OR "lockedUntil" <= (now() AT TIME ZONE 'UTC'))`;
  return newlyLocked > 0;
}

/** A successful login clears the account's counter; the address keeps its count, so one good account cannot reset it. */
export async function clearAccount(prisma: PrismaClient, keys: ThrottleKeys): Promise<void> {
  await prisma.loginThrottle.deleteMany({ where: { key: keys.account } });
}

/** Removes counters whose window and lock are both over; run by the session purge. */
export async function purgeStaleCounters(prisma: PrismaClient, policy: ThrottlePolicy): Promise<number> {
  return prisma.$executeRaw`
    DELETE FROM "LoginThrottle"
    WHERE "windowStartedAt" <= (now() AT TIME ZONE 'UTC') - make_interval(secs => ${policy.LOGIN_WINDOW_MINUTES * 60}::float8)
      AND ("lockedUntil" IS NULL OR "lockedUntil" <= (now() AT TIME ZONE 'UTC'))`;
}
