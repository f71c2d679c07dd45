/**
 * A batch operation's workflow: works the batch's items through an activity a chunk at a time until none is
 * pending, then marks the batch completed. Each item is worked once (engine/batches.ts), so a retried chunk is safe.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { BatchInput } from '../shared/workflow-contract';

/** Small enough that a chunk ends well within its timeout, and progress shows after each item anyway. */
const CHUNK_SIZE = 20;

const batches = proxyActivities<Pick<Activities, 'runBatchChunk' | 'finishBatch'>>({
  // A cancel waits for the instance's workflow to close: a chunk of them can take a while.
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

export async function runBatch({ batchId }: BatchInput): Promise<void> {
  let pending = Infinity;
  while (pending > 0) pending = await batches.runBatchChunk({ batchId, size: CHUNK_SIZE });
  await batches.finishBatch({ batchId });
}
