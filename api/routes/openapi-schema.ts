/**
 * How the OpenAPI document turns zod schemas into bodies: a request body as the schema reads it, an answer as the
 * route sends it. Answers are described in full (`additionalProperties: false` on every object), so a field the
 * code sends and the document does not list fails `test/support/openapi-conformance.ts` and the fuzzer's schema
 * check (docs/reliability.md, "Load and fuzzing").
 */
import { z } from 'zod';

export const jsonBody = (schema: z.ZodType) => ({
  content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input' }) } },
});

/** A success answer with a JSON body of this shape. */
export const jsonAnswer = (description: string, schema: z.ZodType, mediaType = 'application/json') => ({
  description,
  content: { [mediaType]: { schema: z.toJSONSchema(schema, { io: 'output' }) } },
});
