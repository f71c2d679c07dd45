import type { z } from 'zod';
import type { Variables } from '../../shared/feel';
import type { ActivityDeps } from '../deps';

export interface JobContext {
  /** Stable across retries of the same element instance: the key for exactly-once side effects. */
  idempotencyKey: string;
  /** The process instance the job belongs to. */
  instanceId: string;
  headers: Record<string, string>;
  deps: ActivityDeps;
}

/** A built-in service-task handler: its payload schema and what it does. Returns the variables it produces. */
export interface JobHandler<Schema extends z.ZodType = z.ZodType> {
  payload: Schema;
  run(payload: z.infer<Schema>, context: JobContext): Promise<Variables>;
}

export function defineHandler<Schema extends z.ZodType>(handler: JobHandler<Schema>): JobHandler<Schema> {
  return handler;
}
