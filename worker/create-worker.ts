/** Builds the engine's Temporal worker over injected connections (worker/main.ts in production, tests in-process). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { PRELOADED_MODULES, WORKFLOWS_PATH } from './workflow-bundle';

/** Written by `npm run build:workflows`; without it the worker bundles workflows/ at start-up (slower, fine in dev). */
export const WORKFLOW_BUNDLE_PATH = path.resolve(__dirname, '../dist/workflow-bundle.js');

/**
 * Workflow task polls: 16, half of them for the task queue, where a new instance's first workflow task waits, half
 * for the worker's sticky queue, where every later task of a cached instance goes. The SDK's default of 10 gives the
 * first two, so under load starts waited for a poll. Measured with the dev server's one write partition
 * (scripts/stack/temporal.ts), the extra polls cost no measurable CPU (docs/benchmarks.md).
 */
export const WORKFLOW_TASK_POLLING = { maxConcurrentWorkflowTaskPolls: 16, nonStickyToStickyPollRatio: 0.5 } as const;

export async function createBpsWorker(options: {
  connection: NativeConnection;
  namespace: string;
  deps: ActivityDeps;
  taskQueue: string;
  /** A prebuilt bundle of workflows/; defaults to dist/workflow-bundle.js when that exists. */
  workflowBundlePath?: string;
}): Promise<Worker> {
  const bundlePath =
    options.workflowBundlePath ?? (existsSync(WORKFLOW_BUNDLE_PATH) ? WORKFLOW_BUNDLE_PATH : undefined);
  const workflows: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'bundlerOptions'> = bundlePath
    ? { workflowBundle: { codePath: bundlePath } }
    : { workflowsPath: WORKFLOWS_PATH, bundlerOptions: { preloadModules: PRELOADED_MODULES } };
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: createActivities(options.deps),
    ...WORKFLOW_TASK_POLLING,
    ...workflows,
  });
}
