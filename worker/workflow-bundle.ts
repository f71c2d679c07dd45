/**
 * How workflows/ is bundled for Temporal's workflow sandbox, in one place for the worker, the prebuilt bundle, the
 * tests and the benchmark.
 */
import { bundleWorkflowCode, type Logger } from '@temporalio/worker';

export const WORKFLOWS_PATH = require.resolve('../workflows');

/**
 * Pure third-party modules the interpreter uses (worker/workflow-preload.ts), evaluated once per worker thread
 * instead of once per workflow: without this every instance built the FEEL parser tables and luxon's zone setup
 * anew. They keep no per-workflow state (the sandbox freezes what they export).
 */
export const PRELOADED_MODULES = [require.resolve('./workflow-preload')];

export async function bundleWorkflows(logger?: Logger): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    preloadModules: PRELOADED_MODULES,
    logger,
  });
  return code;
}
