/**
 * The benchmark's worker process (a child of bench/run.ts, so that its CPU time is its own): the engine's worker
 * exactly as worker/main.ts builds it (arms A and C), and beside it, sharing its connections, a second worker on its
 * own task queue for the bare workflow (arm B). It bundles both workflow sets first, while the servers are still
 * starting, then connects; BENCH_READY_FILE receives the worker options once both workers poll.
 */
import { writeFileSync } from 'node:fs';
import { bundleWorkflowCode, NativeConnection, type Worker } from '@temporalio/worker';
import { z } from 'zod';
import { loadConfig } from '../platform/config';
import { createLogger } from '../platform/logger';
import { connectActivityDeps } from '../worker/activity-deps';
import { createBpsWorker } from '../worker/create-worker';
import { bundleWorkflows } from '../worker/workflow-bundle';
import { createBareWorker } from './bare-worker';

const benchEnv = z.object({
  BENCH_BARE_TASK_QUEUE: z.string().min(1),
  /** Where to write the two workflow bundles (the bench replays them afterwards). */
  BENCH_ENGINE_BUNDLE: z.string().min(1),
  BENCH_BARE_BUNDLE: z.string().min(1),
  BENCH_READY_FILE: z.string().min(1),
});

/** The options that shape throughput, as the SDK resolved them. */
function describeOptions(worker: Worker): Record<string, unknown> {
  const o = worker.options;
  return {
    maxCachedWorkflows: o.maxCachedWorkflows,
    workflowThreadPoolSize: o.workflowThreadPoolSize,
    reuseV8Context: o.reuseV8Context,
    workflowTaskPollerBehavior: o.workflowTaskPollerBehavior,
    nonStickyToStickyPollRatio: o.nonStickyToStickyPollRatio,
    activityTaskPollerBehavior: o.activityTaskPollerBehavior,
    tuner: o.tuner,
  };
}

/**
 * Arm A is bundled as the engine's worker bundles it. Arm B imports nothing worth preloading, but gets the engine's
 * sandbox setting (shared/sandbox-stack-traces.ts), so that R keeps comparing workflow code alone.
 */
async function bundle(code: Promise<string>, file: string): Promise<string> {
  writeFileSync(file, await code);
  return file;
}

/** The server may still be starting. */
async function connect(address: string): Promise<NativeConnection> {
  for (const deadline = Date.now() + 60_000; ; await new Promise((r) => setTimeout(r, 200))) {
    try {
      return await NativeConnection.connect({ address });
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const env = benchEnv.parse(process.env);
  const logger = createLogger('bench-worker', config.LOG_LEVEL);
  const [engineBundle, bareBundle] = await Promise.all([
    bundle(bundleWorkflows(), env.BENCH_ENGINE_BUNDLE),
    bundle(
      bundleWorkflowCode({
        workflowsPath: require.resolve('./bare-workflow'),
        preloadModules: [require.resolve('../shared/sandbox-stack-traces')],
      }).then((b) => b.code),
      env.BENCH_BARE_BUNDLE,
    ),
  ]);
  const connection = await connect(config.TEMPORAL_ADDRESS);
  const { deps, close } = await connectActivityDeps(config, logger);
  const [engine, bare] = await Promise.all([
    createBpsWorker({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      deps,
      workflowBundlePath: engineBundle,
    }),
    createBareWorker({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: env.BENCH_BARE_TASK_QUEUE,
      deps,
      workflowBundlePath: bareBundle,
    }),
  ]);
  const running = Promise.all([engine.run(), bare.run()]);
  writeFileSync(env.BENCH_READY_FILE, JSON.stringify({ engine: describeOptions(engine), bare: describeOptions(bare) }));
  try {
    await running;
  } finally {
    await Promise.allSettled([close(), connection.close()]);
  }
}

main().catch((error: unknown) => {
  console.error(
    JSON.stringify({
      level: 'fatal',
      msg: 'bench worker failed',
      error: error instanceof Error ? error.stack : String(error),
    }),
  );
  process.exit(1);
});
