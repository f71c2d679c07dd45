import { Router } from 'express';
import type { AppDeps, Probe } from '../deps';

const PROBE_TIMEOUT_MS = 3000;

/** Reachability of every part the engine needs; 503 when any is down, with the reason. */
export function healthRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const entries = await Promise.all(
      Object.entries(deps.probes).map(async ([name, probe]) => [name, await check(probe)] as const),
    );
    const checks = Object.fromEntries(entries);
    const ok = entries.every(([, result]) => result.status === 'ok');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', checks });
  });
  return router;
}

async function check(probe: Probe): Promise<{ status: 'ok' | 'down'; ms: number; error?: string }> {
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
    return { status: 'ok', ms: Date.now() - started };
  } catch (error) {
    return { status: 'down', ms: Date.now() - started, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
