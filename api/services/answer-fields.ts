/**
 * Zod pieces of the answers the API sends, shared by the services that build them. A service types what it returns
 * with `z.input` of its answer's schema, and the OpenAPI document describes the answer from the same schema (its
 * output: what the JSON carries; api/routes/openapi-schema.ts).
 */
import { z } from 'zod';
import type { Prisma } from '../../platform/db';

/** A timestamp: the service holds a Date, the JSON carries its ISO string in UTC (Express sends `toISOString()`). */
export const instant = z.codec(z.date(), z.iso.datetime(), {
  decode: (date) => date.toISOString(),
  encode: (text) => new Date(text),
});

/** An instant the calendar writes in Korea's time with its offset, e.g. 2026-03-11T18:00:00+09:00. */
export const kstInstant = z.iso.datetime({ offset: true });

/** A day without a time, YYYY-MM-DD. */
export const localDate = z.iso.date();

/** A row's id (a UUID; any version). */
export const rowId = z.guid();

/** A person named in an answer. */
export const personRef = z.object({ id: rowId, username: z.string(), displayName: z.string() });

/** A list answer: `{items}`. */
export const itemsOf = <Item extends z.ZodType>(item: Item) => z.object({ items: z.array(item) });

/** An object the API passes through as it is: process variables, form data, a compiled graph. */
export const freeObject = z.record(z.string(), z.unknown());

/** A JSON column that holds an object or null (written from one); its column type says only "JSON". */
export function storedObject(value: Prisma.JsonValue): Record<string, unknown> | null {
  return value as Record<string, unknown> | null;
}
