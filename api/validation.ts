import { z } from 'zod';
import { forbiddenKeyPath, VARIABLES_LIMIT_BYTES, variablesSize } from '../shared/variables';
import { AppError } from '../shared/app-error';

/** Parses request input with a zod schema; failures become a 400 that names each field. */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  what = 'request body',
): z.infer<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || what}: ${issue.message}`).join('; ');
  throw new AppError('VALIDATION_FAILED', `Invalid ${what}: ${problems}`);
}

/**
 * Process variables in a request: a JSON object within the engine's size limit, without keys that reach for
 * prototypes (shared/variables.ts).
 */
export const variablesObject = z
  .unknown()
  // On the raw input: a record schema would copy a top-level `__proto__` key into its output's prototype.
  .superRefine((variables, context) => {
    const path = forbiddenKeyPath(variables);
    if (path) context.addIssue({ code: 'custom', message: `the key '${path}' is not allowed in variables` });
  })
  .pipe(
    z
      .record(z.string(), z.unknown(), { message: 'variables must be a JSON object' })
      .refine((variables) => variablesSize(variables) <= VARIABLES_LIMIT_BYTES, {
        message: `variables must take at most ${VARIABLES_LIMIT_BYTES / 1024} KiB as JSON; keep documents outside the process and pass a reference`,
      }),
  );

/** Ids are UUIDs; anything else cannot name a row, so it is answered 404 without a query. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
