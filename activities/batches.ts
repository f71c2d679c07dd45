/** The batch workflow's work: a chunk of items through the engine's operations, and the batch's end. */
import { finishBatch, runBatchChunk } from '../engine/batches';
import type { ActivityDeps } from './deps';

export function createBatchActivities(deps: ActivityDeps) {
  return {
    /** Returns how many items are still pending. */
    runBatchChunk: (input: { batchId: string; size: number }): Promise<number> => runBatchChunk(deps, input),
    finishBatch: (input: { batchId: string }): Promise<void> => finishBatch(deps, input),
  };
}
