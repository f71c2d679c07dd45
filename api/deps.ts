import type { Client } from '@temporalio/client';
import type { EngineDeps } from '../engine/deps';
import { engineLimits, type Config } from '../platform/config';
import type { PrismaClient } from '../platform/db';
import type { Logger } from '../platform/logger';

/** A reachability probe for /api/health. */
export type Probe = () => Promise<void>;

/** What the API needs, constructed by api/main.ts (or a test) and injected. */
export interface AppDeps {
  config: Config;
  prisma: PrismaClient;
  temporal: Client;
  logger: Logger;
  probes: { temporal: Probe; database: Probe; smtp: Probe };
}

/** What the services need: everything but the health probes (the bench and tests call services without them). */
export type ServiceDeps = Omit<AppDeps, 'probes'>;

/** The engine's dependencies, from the API's: the interpreter's task queue is configuration. */
export function engineDeps({ prisma, temporal, logger, config }: ServiceDeps): EngineDeps {
  return { prisma, temporal, logger, taskQueue: config.TEMPORAL_TASK_QUEUE, limits: engineLimits(config) };
}
