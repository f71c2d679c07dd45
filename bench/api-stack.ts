/**
 * The bench's stack (bench/stack.ts) with the demo organisation seeded, the demo approval deployed and the real API
 * process (api/main.ts, its default limits) in front, for the tools that drive it over HTTP: `npm run load` and
 * `npm run fuzz`.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import type { Logger } from 'pino';
import { engineDeps } from '../api/deps';
import { loadConfig } from '../platform/config';
import { createPrisma } from '../platform/db';
import { seedOrganisation } from '../scripts/seed';
import { freePort, LOOPBACK } from '../scripts/stack/ports';
import { spawnTsx, type ChildService } from '../scripts/stack/processes';
import { deployArmModels } from './arms';
import { ENGINE_TASK_QUEUE, startBenchStack, type BenchStack } from './stack';

export interface ApiStack {
  baseUrl: string;
  databaseUrl: string;
  apiPid: number;
  /** Logs a seeded user in and returns a bearer token. */
  token(username: string): Promise<string>;
  stop(): Promise<void>;
}

/** Starts everything; stop() (also called on Ctrl-C or SIGTERM) stops the API first, then the rest. */
export async function startApiStack(logger: Logger, password: string): Promise<ApiStack> {
  let api: ChildService | undefined;
  let stack: BenchStack | undefined;
  const stop = async () => {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    await api?.stop(10_000);
    await stack?.stop();
  };
  const onSignal = () => void stop().finally(() => process.exit(130));
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  try {
    stack = await startBenchStack({
      temporal: { storage: 'memory' },
      pgFsync: true,
      logger,
      prepare: async ({ databaseUrl }) => {
        const prisma = createPrisma(databaseUrl);
        await seedOrganisation(prisma, password).finally(() => prisma.$disconnect());
      },
    });
    await deploy(stack, logger);
    const port = await freePort();
    api = spawnTsx({
      name: 'api',
      file: join(__dirname, '..', 'api', 'main.ts'),
      logger,
      env: {
        DATABASE_URL: stack.databaseUrl,
        TEMPORAL_ADDRESS: stack.temporalAddress,
        TEMPORAL_TASK_QUEUE: ENGINE_TASK_QUEUE,
        SMTP_URL: stack.smtpUrl,
        PORT: String(port),
        HOST: LOOPBACK,
        LOG_LEVEL: 'warn',
        // A fuzzer's request gives up after 10 s: a job activation must not long-poll past it.
        JOB_ACTIVATION_MAX_WAIT_MS: '2000',
        // Throw-away keys, required outside `npm start`: nothing signed or sealed here outlives the stack.
        RECORD_SIGNING_KEY: randomBytes(32).toString('hex'),
        BID_SEALING_KEY: randomBytes(32).toString('hex'),
      },
    });
    const baseUrl = `http://${LOOPBACK}:${port}`;
    await waitForHealth(baseUrl, api);
    return {
      baseUrl,
      databaseUrl: stack.databaseUrl,
      apiPid: api.pid,
      token: (username) => logIn(baseUrl, username, password),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The demo approval, deployed through the engine as the deployments service does. */
async function deploy(stack: BenchStack, logger: Logger): Promise<void> {
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const prisma = createPrisma(stack.databaseUrl);
  try {
    const config = loadConfig({ DATABASE_URL: stack.databaseUrl, TEMPORAL_TASK_QUEUE: ENGINE_TASK_QUEUE });
    await deployArmModels(engineDeps({ config, prisma, temporal: new TemporalClient({ connection }), logger }));
  } finally {
    await Promise.allSettled([connection.close(), prisma.$disconnect()]);
  }
}

async function waitForHealth(baseUrl: string, api: ChildService): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const status = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`the API did not become healthy:\n${api.tail().join('\n')}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function logIn(baseUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login of ${username}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}
