/**
 * Zod pieces of the answers the API sends, shared by the services that build them (api/routes/openapi-schema.ts
 * turns the answers' schemas into the OpenAPI document).
 */
import { z } from 'zod';
import type { Prisma } from '../../platform/db';

/** A `Date` in the code, its ISO 8601 instant in the JSON Express sends (`Date.prototype.toJSON`). */
export const instant = z.codec(z.date(), z.iso.datetime(), {
  decode: (date) => date.toISOString(),
  encode: (text) => new Date(text),
});

/** An object the API passes through as it is: process variables, form data, a compiled graph. */
export const freeObject = z.record(z.string(), z.unknown());

/** A JSON column that holds an object or null (written from one); its column type says only "JSON". */
export function storedObject(value: Prisma.JsonValue): Record<string, unknown> | null {
  return value as Record<string, unknown> | null;
}
