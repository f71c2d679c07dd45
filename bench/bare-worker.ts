/** The worker for arm B: the engine's activities and worker options, as createBpsWorker, over bare-workflow.ts. */
import { Worker, type NativeConnection } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { WORKFLOW_TASK_POLLING } from '../worker/create-worker';

export function createBareWorker(options: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** A prebuilt bundle of bare-workflow.ts; without one the worker bundles it at start-up. */
  workflowBundlePath?: string;
}): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: createActivities(options.deps),
    ...WORKFLOW_TASK_POLLING,
    ...(options.workflowBundlePath
      ? { workflowBundle: { codePath: options.workflowBundlePath } }
      : { workflowsPath: require.resolve('./bare-workflow') }),
  });
}
