import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps, Probe } from '../deps';
import type { Logger } from '../../platform/logger';

const PROBE_TIMEOUT_MS = 3000;

/** The answer, 200 when every part is up and 503 otherwise. */
export const healthAnswer = z.object({
  status: z.enum(['ok', 'degraded']),
  checks: z.record(z.string(), z.object({ status: z.enum(['ok', 'down']) })),
});

/**
 * Reachability of every part the engine needs; 503 when any is down. The answer is public, so it says only up or
 * down per part: why a part is down (addresses, driver messages) goes to the log, never to an anonymous caller.
 */
export function healthRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const entries = await Promise.all(
      Object.entries(deps.probes).map(async ([name, probe]) => [name, await check(name, probe, deps.logger)] as const),
    );
    const checks = Object.fromEntries(entries.map(([name, status]) => [name, { status }]));
    const ok = entries.every(([, status]) => status === 'ok');
    const answer: z.infer<typeof healthAnswer> = { status: ok ? 'ok' : 'degraded', checks };
    res.status(ok ? 200 : 503).json(answer);
  });
  return router;
}

async function check(name: string, probe: Probe, logger: Logger): Promise<'ok' | 'down'> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise(
        (_, reject) =>
          (timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS)),
      ),
    ]);
    return 'ok';
  } catch (error) {
    logger.warn({ dependency: name, err: error, ms: Date.now() - started }, 'health probe failed');
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
