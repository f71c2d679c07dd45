/**
 * `npm run bench`: the engine against a bare Temporal workflow of the same shape, swept in concurrency up to
 * saturation, on each storage mode of the Temporal server in turn (issues 6 and 17). Options:
 *   --quick                 a few minutes: a short sweep (1,4,16), one run per point, a work queue a tenth the size
 *   --duration <s>          seconds measured per run (default 3, quick 2)
 *   --concurrency <list>    the sweep's levels of instances in flight, rising (default 1,4,16,32,50,64; quick
 *                           1,4,16); it stops once A's throughput stops rising (bench/saturation.ts), but not before
 *                           50 in flight, the issue's reference load, when the list has it
 *   --runs <n>              runs per arm and level, medians reported (default 3, quick 1)
 *   --storage <list>        memory, file, postgres (bench/storage.ts); default memory,file, and postgres when a
 *                           cluster is named
 *   --server memory|sqlite  the former option, kept as an alias: --storage memory, or --storage file
 *   --temporal-address <host:port>  a running Temporal server on PostgreSQL for the postgres mode (or
 *                           BENCH_TEMPORAL_ADDRESS); skipped, with the reason, if it does not answer or says it keeps
 *                           its state elsewhere
 *   --pg-fsync on|off       PostgreSQL durability (default on, as `npm start`)
 *   --poll <ms>             the bot's queue poll interval (default 10)
 *   --skip-queue            leave out the work-queue benchmark (its seeding takes a while)
 * Prints each run, then the summaries, then the headline last (bench/headline.ts): CPU ms per instance at
 * saturation for each storage mode, history events A/B, and R = A's instances/s ÷ B's at saturation.
 * Rewrites docs/benchmarks.md and docs/benchmarks-throughput.svg.
 */
import { parseArgs } from 'node:util';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AppDeps } from '../api/deps';
import { createPrisma, type PrismaClient } from '../platform/db';
import { createLogger } from '../platform/logger';
import { seedOrganisation } from '../scripts/seed';
import { arms, prepareArms, type ArmKey } from './arms';
import { runQuietly, TaskFinder, type QuietRun } from './driver';
import { describeEnvironment, type Environment } from './environment';
import { runQueueBench, seedQueue, type QueueBenchResult, type QueueSize } from './queue-bench';
import { replayArms } from './replay';
import { printSummary, writeDocs, type BenchReport } from './report';
import { startBenchStack } from './stack';
import {
  CLUSTER_ADDRESS_ENV,
  clusterProblem,
  describeCluster,
  parseStorageList,
  planStorage,
  STORAGE_LABELS,
  type SkippedStorage,
  type StorageMode,
  type TemporalTarget,
} from './storage';
import { sweepStorage, type Session, type StorageReport } from './sweep';

const optionsSchema = z.object({
  quick: z.boolean().default(false),
  duration: z.coerce.number().positive().optional(),
  concurrency: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'a comma-separated list of whole numbers')
    .optional(),
  runs: z.coerce.number().int().min(1).optional(),
  storage: z.string().optional(),
  server: z.enum(['memory', 'sqlite']).optional(),
  'temporal-address': z.string().min(1).optional(),
  'pg-fsync': z.enum(['on', 'off']).default('on'),
  poll: z.coerce.number().int().min(1).default(10),
  'skip-queue': z.boolean().default(false),
});

function requestedStorage(o: z.infer<typeof optionsSchema>): StorageMode[] | undefined {
  if (o.server && o.storage) throw new Error('bad option: --server is an alias of --storage; give one of them');
  if (o.server) return [o.server === 'sqlite' ? 'file' : 'memory'];
  return o.storage === undefined ? undefined : parseStorageList(o.storage);
}

/** Issue 17 states the durable default's latency goal at 50 instances in flight. */
const REFERENCE_LOAD = 50;

function resolveOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean' },
      duration: { type: 'string' },
      concurrency: { type: 'string' },
      runs: { type: 'string' },
      storage: { type: 'string' },
      server: { type: 'string' },
      'temporal-address': { type: 'string' },
      'pg-fsync': { type: 'string' },
      poll: { type: 'string' },
      'skip-queue': { type: 'boolean' },
    },
  });
  const parsed = optionsSchema.safeParse(values);
  if (!parsed.success)
    throw new Error(`bad option: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const o = parsed.data;
  const levels = (o.concurrency ?? (o.quick ? '1,4,16' : '1,4,16,32,50,64')).split(',').map(Number);
  if (levels.some((level, i) => level < 1 || (i > 0 && level <= (levels[i - 1] as number))))
    throw new Error('bad option: --concurrency: levels must rise, from 1 up');
  return {
    quick: o.quick,
    seconds: o.duration ?? (o.quick ? 2 : 3),
    warmupSeconds: o.quick ? 0.5 : 2,
    levels,
    reachAtLeast: levels.includes(REFERENCE_LOAD) ? REFERENCE_LOAD : 0,
    runs: o.runs ?? (o.quick ? 1 : 3),
    storage: planStorage(requestedStorage(o), o['temporal-address'] ?? process.env[CLUSTER_ADDRESS_ENV]),
    pgFsync: o['pg-fsync'] === 'on',
    pollMs: o.poll,
    queue: o['skip-queue']
      ? undefined
      : {
          size: o.quick ? { open: 10_000, closed: 100_000 } : { open: 100_000, closed: 1_000_000 },
          iterations: o.quick ? 40 : 200,
        },
  };
}

type Options = ReturnType<typeof resolveOptions>;

/** The named cluster's description, or why it cannot stand for the postgres mode (unreachable, or not on PostgreSQL). */
async function inspectCluster(address: string): Promise<{ described: string } | { why: string }> {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address, connectTimeout: 5_000 });
    const info = await connection.workflowService.getClusterInfo({});
    const why = clusterProblem(address, info);
    return why ? { why } : { described: describeCluster(address, info) };
  } catch (error) {
    return {
      why: `the Temporal server at ${address} did not answer (${error instanceof Error ? error.message : String(error)})`,
    };
  } finally {
    await connection?.close();
  }
}

/**
 * Starts the stack of one storage mode, prepares the bench database (and, when asked, seeds the work queue while
 * the worker bundles its workflows), runs `body`, and stops everything.
 */
async function withSession<T>(
  target: TemporalTarget,
  options: Options,
  queue: QueueSize | undefined,
  logger: Logger,
  body: (session: Session & { app: AppDeps; seedSeconds: number; setupSeconds: number }) => Promise<T>,
): Promise<T> {
  const started = performance.now();
  console.log(
    `[${target.storage}] Starting the stack: ${STORAGE_LABELS[target.storage]}${target.storage === 'postgres' ? ` at ${target.address}` : ''}, ` +
      'one embedded PostgreSQL (pg_stat_statements), the real SMTP catcher and the worker (child processes)' +
      `${queue ? `; seeding the work queue (${queue.open.toLocaleString('en')} open, ${queue.closed.toLocaleString('en')} closed tasks) meanwhile` : ''}...`,
  );
  let seedSeconds = 0;
  let prisma: PrismaClient | undefined;
  const prepare = async (urls: { databaseUrl: string; queueDatabaseUrl: string }) => {
    const db = (prisma = createPrisma(urls.databaseUrl));
    const seedingQueue = queue ? seedQueue(urls.queueDatabaseUrl, queue, logger) : Promise.resolve(0);
    await seedOrganisation(db, 'bench-password');
    seedSeconds = await seedingQueue;
  };
  const stack = await startBenchStack({ temporal: target, pgFsync: options.pgFsync, logger, prepare }).catch(
    async (error: unknown) => {
      await prisma?.$disconnect();
      throw error;
    },
  );
  if (!prisma) throw new Error('the bench database was not prepared');
  const finder = new TaskFinder(stack.botDatabaseUrl, options.pollMs);
  const connection = await Connection.connect({ address: stack.temporalAddress });
  try {
    await finder.connect();
    const temporal = new TemporalClient({ connection, namespace: 'default' });
    const { app, ctx } = await prepareArms(stack, prisma, temporal, logger);
    const setupSeconds = (performance.now() - started) / 1000;
    console.log(`[${target.storage}] Ready after ${setupSeconds.toFixed(1)} s.`);
    return await body({ stack, ctx, finder, temporal, app, seedSeconds, setupSeconds });
  } finally {
    await connection.close();
    await Promise.allSettled([prisma.$disconnect(), finder.close()]);
    await stack.stop();
  }
}

/** What does not depend on the storage mode, measured once on the first stack. */
interface StorageIndependent {
  workerOptions: Record<string, unknown>;
  quiet: Record<ArmKey, QuietRun>;
  replay: BenchReport['replay'];
  queue?: QueueBenchResult;
  phases: { histories: number; queue: number };
}

async function measureOnce(
  s: Session & { app: AppDeps; seedSeconds: number },
  options: Options,
  logger: Logger,
): Promise<StorageIndependent> {
  const started = performance.now();
  const quiet: Record<ArmKey, QuietRun> = {
    A: await runQuietly(arms.A, s.ctx, 0),
    B: await runQuietly(arms.B, s.ctx, 0),
    C: await runQuietly(arms.C, s.ctx, 0),
  };
  const [copies, rounds] = options.quick ? [30, 1] : [30, 3];
  const ids = { A: quiet.A.id, B: quiet.B.id, C: quiet.C.id };
  const replay = { copies, rounds, cpuMs: await replayArms(s.temporal, ids, s.stack.bundles, copies, rounds) };
  const queueAt = performance.now();
  const queue = options.queue
    ? await runQueueBench({
        databaseUrl: s.stack.queueDatabaseUrl,
        adminUrl: s.stack.adminUrl,
        app: s.app,
        size: options.queue.size,
        seedSeconds: s.seedSeconds,
        iterations: options.queue.iterations,
        logger,
      })
    : undefined;
  return {
    workerOptions: s.stack.workerOptions,
    quiet,
    replay,
    queue,
    phases: { histories: (queueAt - started) / 1000, queue: (performance.now() - queueAt) / 1000 },
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  Runtime.install({ logger: new DefaultLogger('WARN') }); // the history replays run in this process
  const options = resolveOptions(process.argv.slice(2));
  const logger = createLogger('bench', 'warn');
  const skipped: SkippedStorage[] = [...options.storage.skipped];
  for (const s of skipped) console.log(`Storage ${s.storage}: skipped, ${s.reason}.`);
  const storages: StorageReport[] = [];
  let env: Environment | undefined;
  let once: StorageIndependent | undefined;
  for (const target of options.storage.targets) {
    const cluster = target.storage === 'postgres' ? await inspectCluster(target.address) : undefined;
    if (cluster && 'why' in cluster) {
      console.log(`Storage ${target.storage}: skipped, ${cluster.why}.`);
      skipped.push({ storage: target.storage, reason: cluster.why });
      continue;
    }
    await withSession(target, options, once ? undefined : options.queue?.size, logger, async (session) => {
      if (!env) {
        env = await describeEnvironment(session.stack.temporalCli, session.stack.databaseUrl);
        console.log(
          `${env.cpu}, ${env.cores} cores, load average ${env.loadAverage}; Node ${env.node}; Temporal SDK ${env.temporalSdk}; ${env.temporalServer}.`,
        );
      }
      storages.push({ ...(await sweepStorage(session, options, session.setupSeconds)), cluster: cluster?.described });
      once ??= await measureOnce(session, options, logger);
    });
  }
  if (!once || !env)
    throw new Error(`no storage mode ran: ${skipped.map((s) => `${s.storage}: ${s.reason}`).join('; ')}`);
  const report: BenchReport = {
    ...once,
    env,
    options,
    pgFsync: options.pgFsync,
    storages,
    skipped,
    seconds: (performance.now() - started) / 1000,
  };
  writeDocs(report);
  printSummary(report);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
