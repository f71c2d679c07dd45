import { z } from 'zod';
import { forbiddenKeyPath, oversizedVariablesMessage, VARIABLES_LIMIT_BYTES, variablesSize } from '../shared/variables';
import { AppError } from '../shared/app-error';

/** Parses request input with a zod schema; failures become a 400 that names each field. */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  what = 'request body',
): z.infer<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  // Variables over the size limit have a code of their own, whatever else is wrong with the request.
  for (const issue of parsed.error.issues) {
    const size: unknown = issue.code === 'custom' ? issue.params?.[OVERSIZED] : undefined;
    if (typeof size === 'number') {
      const field = `the ${what} field '${issue.path.join('.') || 'variables'}'`;
      throw new AppError('VARIABLES_TOO_LARGE', `Refused: ${oversizedVariablesMessage(field, size)}.`);
    }
  }
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || what}: ${issue.message}`).join('; ');
  throw new AppError('VALIDATION_FAILED', `Invalid ${what}: ${problems}`);
}

/** Marks the issue of variables over the size limit, which parseInput answers with VARIABLES_TOO_LARGE. */
const OVERSIZED = 'variablesTooLarge';

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
      .superRefine((variables, context) => {
        const size = variablesSize(variables);
        if (size > VARIABLES_LIMIT_BYTES)
          context.addIssue({ code: 'custom', message: 'variables too large', params: { [OVERSIZED]: size } });
      }),
  );

/** Ids are UUIDs; anything else cannot name a row, so it is answered 404 without a query. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
