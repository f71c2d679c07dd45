import type { Client } from '@temporalio/client';
import type { EngineLimits } from '../shared/engine-limits';
import type { PrismaClient } from '../platform/db';
import type { Logger } from '../platform/logger';

/**
 * What every engine operation needs, built by each entry point (api/main.ts, worker/, scripts, bench, tests) and
 * passed in explicitly: the engine holds no clients of its own.
 */
export interface EngineDeps {
  prisma: PrismaClient;
  temporal: Client;
  /** The interpreter's task queue: where the instances the engine starts run. */
  taskQueue: string;
  logger: Logger;
  /** The engine's limits (platform/config.ts `engineLimits`); DEFAULT_ENGINE_LIMITS when not given. */
  limits?: EngineLimits;
  /** The wall clock (messages' time to live); new Date() when not given. */
  now?: () => Date;
}
