import type { Client } from '@temporalio/client';
import type { Config } from '../platform/config';
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
