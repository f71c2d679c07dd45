import type { z } from 'zod';
import { AppError } from '../shared/app-error';

/** Parses request input with a zod schema; failures become a 400 that names each field. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown, what = 'request body'): z.infer<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || what}: ${issue.message}`).join('; ');
  throw new AppError('VALIDATION_FAILED', `Invalid ${what}: ${problems}`);
}

/** Ids are UUIDs; anything else cannot name a row, so it is answered 404 without a query. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
