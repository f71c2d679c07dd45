/**
 * Pieces of the answers' zod schemas that many government answers share. A service types what it returns with
 * `z.input` of its answer's schema, and the OpenAPI document describes the answer from the same schema (its output:
 * what the JSON carries).
 */
import { z } from 'zod';

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
