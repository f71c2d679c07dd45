/**
 * The API process's housekeeping timer: deletes expired and idle sessions and login counters whose window and lock
 * are over. Every API process runs it; the deletes are idempotent, so several at once do no harm.
 */
import type { ServiceDeps } from '../deps';
import { purgeStaleCounters } from './login-throttle';
import { purgeSessions } from './sessions';

const PURGE_INTERVAL_MS = 5 * 60_000;

/** Starts the timer (unref'd: it never keeps the process alive); the returned function stops it. */
export function startSessionPurge({ prisma, config, logger }: Pick<ServiceDeps, 'prisma' | 'config' | 'logger'>) {
  const purge = async () => {
    try {
      const sessions = await purgeSessions(prisma, config.SESSION_IDLE_MINUTES);
      const counters = await purgeStaleCounters(prisma, config);
      if (sessions + counters > 0) logger.info({ sessions, counters }, 'purged ended sessions and login counters');
    } catch (error) {
      logger.warn({ err: error }, 'session purge failed; the next run retries');
    }
  };
  const timer = setInterval(() => void purge(), PURGE_INTERVAL_MS);
  timer.unref();
  void purge();
  return () => clearInterval(timer);
}
