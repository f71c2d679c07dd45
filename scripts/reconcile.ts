/**
 * `npm run reconcile`: one pass of the reconciler (engine/reconciler.ts) against the configured PostgreSQL and
 * Temporal, printing what it repaired. The workers run the same pass periodically; this is for an operator who wants
 * it now, or after restoring a backup.
 */
import { Client, Connection } from '@temporalio/client';
import { reconcileInstances } from '../engine/reconciler';
import { loadConfig } from '../platform/config';
import { createPrisma } from '../platform/db';
import { createLogger } from '../platform/logger';

async function main(): Promise<void> {
  const config = loadConfig();
  const prisma = createPrisma(config.DATABASE_URL);
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const report = await reconcileInstances(
      {
        prisma,
        temporal: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }),
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        // The report below says what was done; the per-repair log lines would repeat it.
        logger: createLogger('reconcile', 'error'),
      },
      { graceMs: config.RECONCILE_GRACE_SECONDS * 1000 },
    );
    for (const repair of report.repairs) console.log(`${repair.kind} ${repair.instanceId}: ${repair.reason}`);
    const unrepaired = report.repairs.filter((repair) => repair.kind === 'unrepaired').length;
    console.log(
      `reconcile: ${report.rowsChecked} running rows and ${report.workflowsChecked} running workflows checked, ` +
        `${report.repairs.length - unrepaired} repaired, ${unrepaired} left for an operator`,
    );
  } finally {
    await Promise.allSettled([prisma.$disconnect(), connection.close()]);
  }
}

main().catch((error: unknown) => {
  console.error(`reconcile failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
