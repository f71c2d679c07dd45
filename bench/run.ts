/**
 * `npm run bench`: the engine against a bare Temporal workflow of the same shape, in one run on one Temporal
 * server and one PostgreSQL (issue 6). Options:
 *   --quick              under a minute: shorter runs, three runs at the headline concurrency only (one at the
 *                        others), and a work queue a tenth the size
 *   --duration <s>       seconds measured per run (default 3, quick 2)
 *   --concurrency <list> instances in flight, e.g. 2,6,12; the last is the headline (default 2,6,12; quick 1,4)
 *   --runs <n>           runs per arm and concurrency, medians reported (default 3)
 *   --server memory|sqlite  the Temporal dev server in memory (default) or on its SQLite file
 *   --pg-fsync on|off    PostgreSQL durability (default on, as `npm start`)
 *   --poll <ms>          the bot's queue poll interval (default 10)
 *   --skip-queue         leave out the work-queue benchmark (its seeding takes a while)
 * Prints each run, then the summary, then the headline last: R = A's instances/s ÷ B's, and history events A/B.
 * Rewrites docs/benchmarks.md and docs/benchmarks-throughput.svg.
 */
import { parseArgs } from 'node:util';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { z } from 'zod';
import { engineDeps, type AppDeps } from '../api/deps';
import { loadConfig } from '../platform/config';
import { createPrisma, type PrismaClient } from '../platform/db';
import { createLogger } from '../platform/logger';
import { seedOrganisation } from '../scripts/seed';
import { armContext, arms, deployArmModels, type Arm, type ArmContext, type ArmKey } from './arms';
import { runQuietly, startLoop, TaskFinder, type QuietRun } from './driver';
import { cpuSnapshot, machineSnapshot } from './cpu';
import { describeEnvironment } from './environment';
import { historyStats, medianRun, PgCounters, summarise, type RunResult } from './metrics';
import { runQueueBench, seedQueue, type QueueBenchResult } from './queue-bench';
import { replayArms } from './replay';
import { printRun, printSummary, writeDocs, type BenchReport } from './report';
import { BARE_TASK_QUEUE, ENGINE_TASK_QUEUE, startBenchStack, type BenchStack } from './stack';

const optionsSchema = z.object({
  quick: z.boolean().default(false),
  duration: z.coerce.number().positive().optional(),
  concurrency: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'a comma-separated list of whole numbers')
    .optional(),
  runs: z.coerce.number().int().min(1).default(3),
  server: z.enum(['memory', 'sqlite']).default('memory'),
  'pg-fsync': z.enum(['on', 'off']).default('on'),
  poll: z.coerce.number().int().min(1).default(10),
  'skip-queue': z.boolean().default(false),
});

function resolveOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean' },
      duration: { type: 'string' },
      concurrency: { type: 'string' },
      runs: { type: 'string' },
      server: { type: 'string' },
      'pg-fsync': { type: 'string' },
      poll: { type: 'string' },
      'skip-queue': { type: 'boolean' },
    },
  });
  const parsed = optionsSchema.safeParse(values);
  if (!parsed.success)
    throw new Error(`bad option: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const o = parsed.data;
  const levels = (o.concurrency ?? (o.quick ? '1,4' : '2,6,12')).split(',').map(Number);
  const headline = levels[levels.length - 1] as number;
  return {
    quick: o.quick,
    seconds: o.duration ?? (o.quick ? 2 : 3),
    warmupSeconds: o.quick ? 0.5 : 2,
    levels,
    headline,
    runs: o.runs,
    /** Quick mode repeats only the headline concurrency; the other levels are measured once. */
    runsAt: (level: number) => (o.quick && level !== headline ? 1 : o.runs),
    serverMode: o.server,
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One measured run: start the closed loop, wait for the previous run's instances to end and for steady state,
 * read the counters around a window of `seconds`, then stop starting. Returns without waiting for the instances
 * in flight: the next run ramps up meanwhile, and waits for them before its own window opens.
 */
async function measure(
  stack: BenchStack,
  ctx: ArmContext,
  finder: TaskFinder,
  arm: Arm,
  concurrency: number,
  seconds: number,
  previous: Promise<void>,
) {
  const loop = startLoop(arm, ctx, finder, concurrency);
  const rampStart = performance.now();
  await previous;
  // Steady state: every bot has finished at least one instance (and half a second has passed).
  while (loop.samples.length < concurrency || performance.now() - rampStart < 500) {
    if (performance.now() - rampStart > 300_000)
      throw new Error(`arm ${arm.key} did not reach steady state at ${concurrency} in flight: ${loop.errors[0] ?? ''}`);
    await sleep(20);
  }
  const pg = new PgCounters(stack.adminUrl, 'bench');
  const pgBefore = await pg.reset();
  const before = { cpu: cpuSnapshot(stack.pids), machine: machineSnapshot(), polls: finder.polls };
  const from = performance.now();
  await sleep(seconds * 1000);
  const to = performance.now();
  const after = { cpu: cpuSnapshot(stack.pids), machine: machineSnapshot(), polls: finder.polls };
  const pgAfter = await pg.read();
  const drained = loop.stop();
  const result = summarise({
    samples: loop.samples,
    errors: loop.errors.length,
    window: { from, to },
    cpu: { before: before.cpu, after: after.cpu },
    machine: { before: before.machine, after: after.machine },
    pg: { before: pgBefore, after: pgAfter },
    botPolls: after.polls - before.polls,
  });
  if (loop.errors.length)
    console.warn(`  ${arm.key}: ${loop.errors.length} instance(s) failed, e.g. ${loop.errors[0]}`);
  const ids = loop.samples.filter((s) => s.end >= from && s.end <= to).map((s) => s.id);
  return { result, ids, drained };
}

async function main(): Promise<void> {
  const started = performance.now();
  Runtime.install({ logger: new DefaultLogger('WARN') }); // the history replays run in this process
  const options = resolveOptions(process.argv.slice(2));
  const logger = createLogger('bench', 'warn');
  const queue = options.queue;
  console.log(
    `Starting one Temporal dev server (${options.serverMode === 'memory' ? 'in memory' : 'SQLite file'}), one embedded PostgreSQL ` +
      '(pg_stat_statements), the real SMTP catcher and the worker (child processes)' +
      `${queue ? `; seeding the work queue (${queue.size.open.toLocaleString('en')} open, ${queue.size.closed.toLocaleString('en')} closed tasks) meanwhile` : ''}...`,
  );
  let seedSeconds = 0;
  let prisma: PrismaClient | undefined;
  // While the worker bundles its workflows: the demo organisation and the work-queue rows.
  const prepare = async (urls: { databaseUrl: string; queueDatabaseUrl: string }) => {
    const db = (prisma = createPrisma(urls.databaseUrl));
    const seedingQueue = queue ? seedQueue(urls.queueDatabaseUrl, queue.size, logger) : Promise.resolve(0);
    await seedOrganisation(db, 'bench-password');
    seedSeconds = await seedingQueue;
  };
  const stack = await startBenchStack({
    serverMode: options.serverMode,
    pgFsync: options.pgFsync,
    logger,
    prepare,
  }).catch(async (error: unknown) => {
    await prisma?.$disconnect();
    throw error;
  });
  if (!prisma) throw new Error('the bench database was not prepared');
  const finder = new TaskFinder(stack.botDatabaseUrl, options.pollMs);
  const connection = await Connection.connect({ address: stack.temporalAddress });
  try {
    await finder.connect();
    const temporal = new TemporalClient({ connection, namespace: 'default' });
    const config = loadConfig({
      DATABASE_URL: stack.databaseUrl,
      TEMPORAL_ADDRESS: stack.temporalAddress,
      TEMPORAL_TASK_QUEUE: ENGINE_TASK_QUEUE,
      SMTP_URL: stack.smtpUrl,
      LOG_LEVEL: 'warn',
    });
    const ok = () => Promise.resolve();
    const app: AppDeps = { config, prisma, temporal, logger, probes: { temporal: ok, database: ok, smtp: ok } };
    await deployArmModels(engineDeps(app));
    const ctx = await armContext(app, BARE_TASK_QUEUE);
    const env = await describeEnvironment(stack.temporalCli, stack.databaseUrl);
    const readyAt = performance.now();
    console.log(
      `Ready after ${((readyAt - started) / 1000).toFixed(1)} s. ${env.cpu}, ${env.cores} cores, load average ${env.loadAverage}; ` +
        `Node ${env.node}; Temporal SDK ${env.temporalSdk}; ${env.temporalServer}.`,
    );

    const order: ArmKey[] = ['A', 'B', 'C'];
    // Warm-up: each arm once through ramp-up and one short window, at the headline concurrency; discarded.
    let previous: Promise<void> = Promise.resolve();
    for (const key of order)
      previous = (await measure(stack, ctx, finder, arms[key], options.headline, options.warmupSeconds, previous))
        .drained;
    console.log(`Warm-up done. Measuring ${options.seconds} s per run, arms interleaved, in steady state.`);

    const runs: Record<ArmKey, Map<number, RunResult[]>> = { A: new Map(), B: new Map(), C: new Map() };
    const lastIds: Record<ArmKey, string[]> = { A: [], B: [], C: [] };
    for (let run = 1; run <= options.runs; run += 1) {
      for (const level of options.levels) {
        if (run > options.runsAt(level)) continue;
        for (const key of order) {
          const measured = await measure(stack, ctx, finder, arms[key], level, options.seconds, previous);
          previous = measured.drained;
          runs[key].set(level, [...(runs[key].get(level) ?? []), measured.result]);
          if (level === options.headline) lastIds[key] = measured.ids;
          printRun(run, level, key, measured.result);
        }
      }
    }
    await previous;
    const measuredAt = performance.now();

    const history = {
      A: await historyStats(temporal, lastIds.A.slice(0, 10)),
      B: await historyStats(temporal, lastIds.B.slice(0, 10)),
      C: await historyStats(temporal, lastIds.C.slice(0, 10)),
    };
    const quiet: Record<ArmKey, QuietRun> = {
      A: await runQuietly(arms.A, ctx, 0),
      B: await runQuietly(arms.B, ctx, 0),
      C: await runQuietly(arms.C, ctx, 0),
    };
    const [copies, rounds] = options.quick ? [30, 1] : [30, 3];
    const replay = await replayArms(
      temporal,
      { A: quiet.A.id, B: quiet.B.id, C: quiet.C.id },
      stack.bundles,
      copies,
      rounds,
    );
    const queueAt = performance.now();
    let queueResult: QueueBenchResult | undefined;
    if (queue)
      queueResult = await runQueueBench({
        databaseUrl: stack.queueDatabaseUrl,
        adminUrl: stack.adminUrl,
        app,
        size: queue.size,
        seedSeconds,
        iterations: queue.iterations,
        logger,
      });

    const report: BenchReport = {
      env,
      options,
      workerOptions: stack.workerOptions,
      pgFsync: stack.pgFsync,
      results: Object.fromEntries(
        order.map((key) => [
          key,
          options.levels.map((level) => {
            const levelRuns = runs[key].get(level) ?? [];
            return { concurrency: level, runs: levelRuns, median: medianRun(levelRuns) };
          }),
        ]),
      ) as BenchReport['results'],
      history,
      quiet,
      replay: { copies, rounds, cpuMs: replay },
      queue: queueResult,
      seconds: (performance.now() - started) / 1000,
      phases: {
        setup: (readyAt - started) / 1000,
        runs: (measuredAt - readyAt) / 1000,
        histories: (queueAt - measuredAt) / 1000,
        queue: (performance.now() - queueAt) / 1000,
      },
    };
    writeDocs(report);
    printSummary(report);
  } finally {
    await connection.close();
    await Promise.allSettled([prisma.$disconnect(), finder.close()]);
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
