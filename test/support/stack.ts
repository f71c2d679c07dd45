/**
 * One test suite's slice of the real stack: a fresh database cloned from the migrated template that the global
 * setup prepared, the demo organisation, the API app, and (unless told otherwise) an in-process worker on a task
 * queue of its own, all against the real Temporal server and SMTP catcher of the global setup.
 */
import { randomBytes } from 'node:crypto';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { Express } from 'express';
import nodemailer from 'nodemailer';
import { Client as PgClient } from 'pg';
import request from 'supertest';
import { createApp } from '../../api/app';
import { createProbes } from '../../api/probes';
import type { ActivityDeps } from '../../activities';
import { bidSealingKey, engineLimits, loadConfig, type Config } from '../../platform/config';
import { createPrisma, type PrismaClient } from '../../platform/db';
import { createLogger } from '../../platform/logger';
import { seedOrganisation } from '../../scripts/seed';
import { createBpsWorker } from '../../worker/create-worker';
import { quietTemporalRuntime } from './runtime';

export const PASSWORD = 'test-password';

export interface TestStack {
  app: Express;
  config: Config;
  prisma: PrismaClient;
  temporal: TemporalClient;
  /** What the in-process worker's activities get; tests call activities or the engine directly with it. */
  deps: ActivityDeps;
  databaseUrl: string;
  /** Logs in and returns a bearer token. */
  login(username: string): Promise<string>;
  /** Starts the in-process worker (again, after stopWorker). */
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  stop(): Promise<void>;
}

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through Jest's global setup (npm test)`);
  return value;
}

/** CREATE DATABASE ... TEMPLATE: a migrated database in ~100 ms, without running the migrations again. */
export async function cloneTemplateDatabase(): Promise<string> {
  const template = new URL(requiredEnv('DATABASE_URL'));
  const name = `suite_${randomBytes(5).toString('hex')}`;
  const admin = new URL(template.href);
  admin.pathname = '/postgres';
  const client = new PgClient({ connectionString: admin.href });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template.pathname.slice(1)}"`);
  } finally {
    await client.end();
  }
  const url = new URL(template.href);
  url.pathname = `/${name}`;
  return url.href;
}

export async function startTestStack(options: { worker?: boolean; temporalAddress?: string } = {}): Promise<TestStack> {
  quietTemporalRuntime();
  const databaseUrl = await cloneTemplateDatabase();
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: options.temporalAddress ?? requiredEnv('TEMPORAL_ADDRESS'),
    TEMPORAL_TASK_QUEUE: `bps-test-${randomBytes(4).toString('hex')}`,
    SMTP_URL: requiredEnv('SMTP_URL'),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    RECORD_SIGNING_KEY: 'test-only-reading-record-signing-key-0123456789',
    BID_SEALING_KEY: '7e570000000000000000000000000000000000000000000000000000000b1d5e',
  });
  const logger = createLogger('test', config.LOG_LEVEL);
  const prisma = createPrisma(databaseUrl);
  await seedOrganisation(prisma, PASSWORD);
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const temporal = new TemporalClient({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const mailer = nodemailer.createTransport(config.SMTP_URL);
  const app = createApp({
    config,
    prisma,
    temporal,
    logger,
    probes: createProbes({ connection, prisma, smtp: mailer }),
  });

  const deps: ActivityDeps = {
    prisma,
    mailer,
    mailFrom: config.MAIL_FROM,
    logger,
    now: () => new Date(),
    bidSealingKey: bidSealingKey(config),
    temporal,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    limits: engineLimits(config),
  };
  let worker: { instance: Worker; running: Promise<void>; connection: NativeConnection } | undefined;
  const startWorker = async () => {
    const workerConnection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
    const instance = await createBpsWorker({
      connection: workerConnection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      deps,
      workflowBundlePath: process.env.WORKFLOW_BUNDLE_PATH,
    });
    worker = { instance, running: instance.run(), connection: workerConnection };
  };
  const stopWorker = async () => {
    if (!worker) return;
    worker.instance.shutdown();
    await worker.running;
    await worker.connection.close();
    worker = undefined;
  };
  if (options.worker !== false) await startWorker();

  return {
    app,
    config,
    prisma,
    temporal,
    deps,
    databaseUrl,
    login: async (username) => {
      const response = await request(app).post('/api/auth/login').send({ username, password: PASSWORD }).expect(200);
      return (response.body as { token: string }).token;
    },
    startWorker,
    stopWorker,
    stop: async () => {
      await stopWorker();
      await connection.close();
      mailer.close();
      await prisma.$disconnect();
    },
  };
}
