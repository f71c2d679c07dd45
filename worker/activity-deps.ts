/** The connections the engine's activities use (PostgreSQL, SMTP, a Temporal client), built once per worker process. */
import { Client, Connection } from '@temporalio/client';
import nodemailer from 'nodemailer';
import type { ActivityDeps } from '../activities';
import { bidSealingKey, engineLimits, type Config } from '../platform/config';
import { createPrisma } from '../platform/db';
import type { Logger } from '../platform/logger';

export async function connectActivityDeps(
  config: Config,
  logger: Logger,
): Promise<{ deps: ActivityDeps; close: () => Promise<void> }> {
  const prisma = createPrisma(config.DATABASE_URL);
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
