/** The API process: builds its connections from validated configuration and serves until told to stop. */
import { Client } from '@temporalio/client';
import nodemailer from 'nodemailer';
import { bidSealingKey, loadConfig, recordSigningKey } from '../platform/config';
import { createPrisma } from '../platform/db';
import { createLogger } from '../platform/logger';
import { createApp } from './app';
import { createProbes } from './probes';
import { startSessionPurge } from './auth/session-purge';
import { connectApiToTemporal } from './temporal-connection';

async function main(): Promise<void> {
  const config = loadConfig();
  // Without a key no classified reading could be recorded: refuse to start rather than fail at the first one.
  recordSigningKey(config);
  // Likewise no bid could be sealed without its key.
  bidSealingKey(config);
  const logger = createLogger('api', config.LOG_LEVEL);
  const prisma = createPrisma(config.DATABASE_URL, {
    size: config.DATABASE_POOL_SIZE,
    waitMs: config.DATABASE_POOL_WAIT_MS,
  });
  const connection = await connectApiToTemporal(config.TEMPORAL_ADDRESS);
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const smtp = nodemailer.createTransport(config.SMTP_URL);

  const app = createApp({
    config,
    prisma,
    temporal,
    logger,
    probes: createProbes({ connection, prisma, smtp }),
  });
  const stopSessionPurge = startSessionPurge({ prisma, config, logger });
  const server = app.listen(config.PORT, config.HOST, () =>
    logger.info({ url: `http://${config.HOST}:${config.PORT}` }, 'api listening'),
  );

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'api stopping');
    stopSessionPurge();
    server.close(() => {
      void Promise.allSettled([prisma.$disconnect(), connection.close()]).then(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(
    JSON.stringify({
      level: 'fatal',
      msg: 'api failed to start',
      error: error instanceof Error ? error.message : String(error),
    }),
  );
  process.exit(1);
});
