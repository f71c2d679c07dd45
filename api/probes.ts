/** The reachability probes behind /api/health: one cheap round trip to each part the engine needs. */
import type { Connection } from '@temporalio/client';
import type { PrismaClient } from '../platform/db';
import type { AppDeps } from './deps';

export function createProbes(parts: {
  connection: Connection;
  prisma: PrismaClient;
  smtp: { verify(): Promise<unknown> };
}): AppDeps['probes'] {
  return {
    temporal: async () => {
      await parts.connection.workflowService.getSystemInfo({});
    },
    database: async () => {
      await parts.prisma.$queryRaw`SELECT 1`;
    },
    smtp: async () => {
      await parts.smtp.verify();
    },
  };
}
