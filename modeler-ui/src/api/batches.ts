import { request } from './http';
import type { Batch, BatchList, CreateBatchRequest } from './types';

const base = '/api/batches';

/** Starts a batch (202); instances the caller may not operate on are counted as failed items. */
export function createBatch(input: CreateBatchRequest): Promise<Batch> {
  return request<Batch>('POST', base, { body: input });
}

/** One batch with its progress and failed items; 404 for someone else's. */
export function getBatch(id: string, signal?: AbortSignal): Promise<Batch> {
  return request<Batch>('GET', `${base}/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

/** My batches, newest first. */
export async function listBatches(signal?: AbortSignal): Promise<Batch[]> {
  const res = await request<BatchList>('GET', base, signal ? { signal } : {});
  return res.items;
}
