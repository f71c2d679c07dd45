/** The connections the engine's activities use (PostgreSQL, SMTP, a Temporal client), built once per worker process. */
import { Client, Connection } from '@temporalio/client';
import nodemailer from 'nodemailer';
import type { ActivityDeps } from '../activities';
import { bidSealingKey, engineLimits, workerDatabasePool, type Config } from '../platform/config';
import { createPrisma } from '../platform/db';
import type { Logger } from '../platform/logger';

export async function connectActivityDeps(
  config: Config,
  logger: Logger,
): Promise<{ deps: ActivityDeps; close: () => Promise<void> }> {
  // Bounded like the API's: an activity waiting for a connection fails its attempt and is retried, never hangs.
  const prisma = createPrisma(config.DATABASE_URL, workerDatabasePool(config));
  // Activities start instances and deliver messages and signals through a client of their own.
  const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const deps: ActivityDeps = {
    prisma,
    mailer: nodemailer.createTransport(config.SMTP_URL),
    mailFrom: config.MAIL_FROM,
    logger,
    now: () => new Date(),
    bidSealingKey: bidSealingKey(config),
    temporal: new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE }),
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    limits: engineLimits(config),
  };
  const close = async () => {
    await Promise.allSettled([prisma.$disconnect(), clientConnection.close()]);
  };
  return { deps, close };
}
