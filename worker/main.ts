/** The worker process: the only place that connects Temporal, PostgreSQL and SMTP for the engine's activities. */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import nodemailer from 'nodemailer';
import { loadConfig } from '../platform/config';
import { createPrisma } from '../platform/db';
import { createLogger } from '../platform/logger';
import { createBpsWorker } from './create-worker';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('worker', config.LOG_LEVEL);
  const prisma = createPrisma(config.DATABASE_URL);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  // Activities start instances and deliver messages and signals through a client of their own.
  const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE });
  const worker = await createBpsWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowBundlePath: config.WORKFLOW_BUNDLE_PATH,
    deps: {
      prisma,
      mailer: nodemailer.createTransport(config.SMTP_URL),
      mailFrom: config.MAIL_FROM,
      logger,
      now: () => new Date(),
      temporal,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
    },
  });
  // The Temporal runtime drains in-flight tasks on SIGINT/SIGTERM before run() resolves.
  logger.info({ taskQueue: worker.options.taskQueue, temporal: config.TEMPORAL_ADDRESS }, 'worker running');
  try {
    await worker.run();
  } finally {
    await Promise.allSettled([prisma.$disconnect(), connection.close(), clientConnection.close()]);
    logger.info('worker stopped');
  }
}

main().catch((error: unknown) => {
  console.error(JSON.stringify({ level: 'fatal', msg: 'worker failed', error: error instanceof Error ? error.message : String(error) }));
  process.exit(1);
});
