/**
 * The benchmark's stack, all on this machine and all real: one Temporal dev server (in memory, or on its SQLite
 * file; or else a running Temporal cluster, bench/storage.ts), one embedded PostgreSQL with pg_stat_statements, the
 * SMTP catcher and the worker, each in a process of its own so that /proc tells their CPU time apart. The bench
 * process itself plays the API and the bot.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { migrateDeploy } from '../prisma/migrate';
import { freePort, LOOPBACK } from '../scripts/stack/ports';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../scripts/stack/postgres';
import { spawnService, spawnTsx, type ChildService } from '../scripts/stack/processes';
import { resolveTemporalCli, startTemporalDevServer } from '../scripts/stack/temporal';
import { trackFolder, trackGroup, trackPostmaster } from './exit-cleanup';
import type { StorageMode, TemporalTarget } from './storage';

export const ENGINE_TASK_QUEUE = 'bench-bps';
export const BARE_TASK_QUEUE = 'bench-bare';
/**
 * The worker and the bot's queue polls connect as roles of their own, so pg_stat_statements (keyed by user) tells
 * their statements from the API's (which connects as `postgres`). Both roles are members of `postgres`, the owner.
 */
export const PG_ROLES = { worker: 'bench_worker', api: 'postgres', botPolls: 'bench_bot' } as const;
const WORKER_ROLE = PG_ROLES.worker;
const BOT_ROLE = PG_ROLES.botPolls;

export interface BenchStack {
  storage: StorageMode;
  temporalAddress: string;
  temporalCli: string;
  databaseUrl: string;
  /** The same database as the bot's role. */
  botDatabaseUrl: string;
  /** A second database, migrated the same way, for the work-queue benchmark's million rows. */
  queueDatabaseUrl: string;
  /** The `postgres` maintenance database, where pg_stat_statements is read (its own statements land there). */
  adminUrl: string;
  smtpUrl: string;
  /** Root pids of each part, for /proc CPU accounting; none for a Temporal cluster the bench did not start. */
  pids: { temporal?: number; worker: number; postgres: number; smtp: number };
  workerOptions: Record<string, unknown>;
  /** The workflow bundles the worker runs (it writes them into the stack's folder). */
  bundles: { engine: string; bare: string };
  pgFsync: boolean;
  stop(): Promise<void>;
}

/**
 * Everything starts at once: the worker child bundles its workflows while the servers come up, and prepare() (the
 * caller's seeding and deploying) runs once PostgreSQL is migrated. stop() stops the worker first, then the rest;
 * should the bench exit without it, exit-cleanup.ts kills them.
 */
export async function startBenchStack(opts: {
  temporal: TemporalTarget;
  pgFsync: boolean;
  logger: Logger;
  prepare?: (urls: { databaseUrl: string; queueDatabaseUrl: string }) => Promise<void>;
}): Promise<BenchStack> {
  const { logger } = opts;
  const dir = await mkdtemp(join(tmpdir(), 'onnara-bench-'));
  await chmod(dir, 0o755); // as root, PostgreSQL runs as `postgres` and must traverse this folder
  const [temporalPort, pgPort] = [await freePort(), await freePort()];
  const temporalAddress = opts.temporal.storage === 'postgres' ? opts.temporal.address : `${LOOPBACK}:${temporalPort}`;
  const readyFile = join(dir, 'worker-ready.json');
  const bundles = { engine: join(dir, 'engine-workflows.js'), bare: join(dir, 'bare-workflows.js') };
  const parts: { worker?: ChildService; servers: Array<Promise<{ stop: () => Promise<unknown> }>> } = { servers: [] };
  const untrack = [trackFolder(dir)];
  const stop = async () => {
    await parts.worker?.stop(15_000);
    await Promise.allSettled(parts.servers.map(async (server) => (await server).stop()));
    await rm(dir, { recursive: true, force: true });
    for (const forget of untrack) forget();
  };
  try {
    const smtp = await startSmtp(logger); // first: the worker needs its URL
    untrack.push(trackGroup(smtp.child.pid));
    parts.servers.push(Promise.resolve(smtp.child));
    parts.worker = spawnService({
      name: 'bench-worker',
      command: process.execPath,
      args: [...workerProfileArgs(), '--import', 'tsx', join(__dirname, 'worker-main.ts')],
      logger,
      env: {
        DATABASE_URL: `postgresql://${WORKER_ROLE}:${WORKER_ROLE}@${LOOPBACK}:${pgPort}/bench`,
        TEMPORAL_ADDRESS: temporalAddress,
        TEMPORAL_TASK_QUEUE: ENGINE_TASK_QUEUE,
        BENCH_BARE_TASK_QUEUE: BARE_TASK_QUEUE,
        BENCH_ENGINE_BUNDLE: bundles.engine,
        BENCH_BARE_BUNDLE: bundles.bare,
        BENCH_READY_FILE: readyFile,
        SMTP_URL: smtp.url,
        LOG_LEVEL: 'warn',
        // Throw-away keys, required outside `npm start`: nothing the bench signs or seals outlives its stack.
        RECORD_SIGNING_KEY: randomBytes(32).toString('hex'),
        BID_SEALING_KEY: randomBytes(32).toString('hex'),
      },
    });
    untrack.push(trackGroup(parts.worker.pid));
    const temporal = startTemporal(dir, temporalPort, opts.temporal, logger).then((t) => {
      if (t.server) untrack.push(trackGroup(t.server.pid));
      return t;
    });
    const pg = startPostgres(dir, pgPort, opts.pgFsync, logger, (pid) => {
      const forget = trackPostmaster(pid);
      untrack.push(forget);
      return forget;
    });
    for (const server of [temporal.then((t) => t.server ?? { stop: async () => {} }), pg.then((p) => p.server)]) {
      server.catch(() => undefined); // a failed start is reported by Promise.all below
      parts.servers.push(server);
    }
    const prepared = pg.then((p) =>
      opts.prepare?.({ databaseUrl: p.server.databaseUrl, queueDatabaseUrl: p.queueDatabaseUrl }),
    );
    const [t, p, workerOptions] = await Promise.all([
      temporal,
      pg,
      waitForFile(readyFile, parts.worker, 180_000),
      prepared,
    ]);
    return {
      storage: opts.temporal.storage,
      temporalAddress,
      temporalCli: t.cli,
      databaseUrl: p.server.databaseUrl,
      botDatabaseUrl: `postgresql://${BOT_ROLE}:${BOT_ROLE}@${LOOPBACK}:${pgPort}/bench`,
      queueDatabaseUrl: p.queueDatabaseUrl,
      adminUrl: p.server.adminUrl,
      smtpUrl: smtp.url,
      pids: { temporal: t.server?.pid, worker: parts.worker.pid, postgres: p.postmasterPid, smtp: smtp.child.pid },
      workerOptions,
      bundles,
      pgFsync: opts.pgFsync,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * BENCH_WORKER_CPU_PROF=<folder> has the worker write a V8 CPU profile there when it stops (open it in Chrome's
 * DevTools or speedscope): Node refuses --cpu-prof in NODE_OPTIONS, so the bench passes it to the worker alone.
 */
function workerProfileArgs(): string[] {
  const folder = process.env.BENCH_WORKER_CPU_PROF;
  return folder ? ['--cpu-prof', `--cpu-prof-dir=${folder}`] : [];
}

/** The dev server of the memory and file modes; a cluster (postgres) already runs. The CLI names the version. */
async function startTemporal(dir: string, port: number, target: TemporalTarget, logger: Logger) {
  const cli = await resolveTemporalCli();
  if (target.storage === 'postgres') return { server: undefined, cli };
  const server = await startTemporalDevServer({
    cliPath: cli,
    port,
    dbFile: target.storage === 'file' ? join(dir, 'temporal.db') : undefined,
    logger,
  });
  return { server, cli };
}

/** The real SMTP catcher, as a child process (its mail parsing is CPU the bench must not count as the API's). */
async function startSmtp(logger: Logger): Promise<{ child: ChildService; url: string }> {
  const [smtpPort, webPort] = [await freePort(), await freePort()];
  const child = spawnTsx({
    name: 'smtp-catcher',
    file: join(__dirname, '..', 'scripts', 'stack', 'smtp-catcher.ts'),
    logger,
    env: { SMTP_PORT: String(smtpPort), MAIL_WEB_PORT: String(webPort), LOG_LEVEL: 'warn' },
  });
  const deadline = Date.now() + 30_000;
  while (!(await accepts(smtpPort))) {
    if (Date.now() > deadline)
      throw new Error(`the SMTP catcher did not listen on ${smtpPort}:\n${child.tail().join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, url: `smtp://${LOOPBACK}:${smtpPort}` };
}

/**
 * Embedded PostgreSQL with pg_stat_statements: shared_preload_libraries is a server-start setting, so the first
 * start only sets it (ALTER SYSTEM) and a restart loads it. Then: migrations, the worker's role, and a copy of the
 * migrated database (CREATE DATABASE ... TEMPLATE) for the work-queue benchmark.
 */
async function startPostgres(
  dir: string,
  port: number,
  fsync: boolean,
  logger: Logger,
  /** Each postmaster as it starts (for exit-cleanup.ts); what it returns forgets it again. */
  started: (postmasterPid: number) => () => void,
) {
  const dataDir = join(dir, 'postgres');
  const postmasterPid = () => Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const start = async () => {
    const server = await startEmbeddedPostgres({ dataDir, port, database: 'bench', durable: fsync, logger });
    return { server, forget: started(postmasterPid()) };
  };
  const first = await start();
  let server: EmbeddedPostgres = first.server;
  await sql(server.adminUrl, [
    "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'",
    "ALTER SYSTEM SET pg_stat_statements.track = 'all'",
  ]);
  await server.stop();
  first.forget();
  server = (await start()).server;
  await migrateDeploy(server.databaseUrl);
  await sql(server.adminUrl, [
    ...[WORKER_ROLE, BOT_ROLE].map((role) => `CREATE ROLE ${role} LOGIN PASSWORD '${role}' IN ROLE postgres`),
    'CREATE DATABASE bench_queue TEMPLATE bench',
    'CREATE EXTENSION pg_stat_statements',
  ]);
  const queueUrl = new URL(server.databaseUrl);
  queueUrl.pathname = '/bench_queue';
  return { server, queueDatabaseUrl: queueUrl.href, postmasterPid: postmasterPid() };
}

export async function sql(url: string, statements: string[]): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: LOOPBACK, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitForFile(file: string, child: ChildService, timeoutMs: number): Promise<Record<string, unknown>> {
  let exited = false;
  void child.exited.then(() => {
    exited = true;
  });
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (exited || Date.now() > deadline) {
      throw new Error(`the bench worker ${exited ? 'exited' : 'did not start in time'}:\n${child.tail().join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}
