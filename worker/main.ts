/** The worker process: the only place that connects Temporal, PostgreSQL and SMTP for the engine's activities. */
import { NativeConnection } from '@temporalio/worker';
import { scheduleClassifiedReview } from '../engine/classified/review-schedule';
import { startNotificationDispatcher } from '../engine/notifications';
import { startReconciler } from '../engine/reconciler';
import { loadConfig, notificationSettings } from '../platform/config';
import { createLogger } from '../platform/logger';
import { connectActivityDeps } from './activity-deps';
import { createBpsWorker } from './create-worker';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('worker', config.LOG_LEVEL);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const { deps, close } = await connectActivityDeps(config, logger);
  const worker = await createBpsWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowBundlePath: config.WORKFLOW_BUNDLE_PATH,
    deps,
  });
  await startNotificationDispatcher(deps, notificationSettings(config));
  await scheduleClassifiedReview(deps, config.CLASSIFIED_REVIEW_SCAN_SECONDS);
  // A timer in each worker rather than a Temporal schedule: it repairs what went wrong between Temporal and
  // PostgreSQL, so it must not depend on workflows running; every repair is idempotent (docs/reliability.md).
  const stopReconciler = startReconciler(deps, {
    intervalSeconds: config.RECONCILE_INTERVAL_SECONDS,
    graceSeconds: config.RECONCILE_GRACE_SECONDS,
  });
  // The Temporal runtime drains in-flight tasks on SIGINT/SIGTERM before run() resolves.
  logger.info({ taskQueue: worker.options.taskQueue, temporal: config.TEMPORAL_ADDRESS }, 'worker running');
  try {
    await worker.run();
  } finally {
    stopReconciler();
    await Promise.allSettled([close(), connection.close()]);
    logger.info('worker stopped');
  }
}

main().catch((error: unknown) => {
  console.error(
    JSON.stringify({
      level: 'fatal',
      msg: 'worker failed',
      error: error instanceof Error ? error.message : String(error),
    }),
  );
  process.exit(1);
});
