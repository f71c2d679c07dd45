/**
 * What Camunda's search requests share: a page by offset, a sort by named fields, and filter values given plainly or
 * as `{$eq}` / `{$in}` (docs/camunda-api.md lists which filters each search takes); and what the answers share: keys,
 * instants, the tenant and the search result's page.
 */
import { z } from 'zod';

/** Camunda answers every resource of the default tenant; we have no others. */
export const DEFAULT_TENANT = '<default>' as const;

export const tenantId = z.literal(DEFAULT_TENANT, { error: `this engine has one tenant, '${DEFAULT_TENANT}'` });

/** A key as answers carry it: an int64 in decimal, as a string (engine/camunda-keys.ts). */
export const keyAnswer = z.string().regex(/^\d{1,19}$/);
/** An instant as answers carry it: ISO 8601 in UTC with milliseconds. */
export const instantAnswer = z.iso.datetime();

export const searchPage = z
  .object({ from: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(100) })
  .strict()
  .default({ from: 0, limit: 100 });
export type SearchPage = z.infer<typeof searchPage>;

/** A filter field: a value, or `{$eq: value}`, or `{$in: [values]}`. */
export function filterValue<Schema extends z.ZodType>(value: Schema) {
  return z.union([value, z.object({ $eq: value }).strict(), z.object({ $in: z.array(value).max(1000) }).strict()]);
}
export type FilterValue<T> = T | { $eq: T } | { $in: T[] };

/** The values a filter field allows, or undefined when the field was not given. */
export function allowedValues<T>(filter: FilterValue<T> | undefined): T[] | undefined {
  if (filter === undefined) return undefined;
  if (typeof filter === 'object' && filter !== null && '$in' in filter) return filter.$in;
  if (typeof filter === 'object' && filter !== null && '$eq' in filter) return [filter.$eq];
  return [filter];
}

/** A sort over the given field names; the order is taken in either case (the Node SDK sends `asc`). */
export function searchSort<const Field extends string>(fields: readonly [Field, ...Field[]]) {
  return z
    .array(
      z
        .object({
          field: z.enum(fields),
          order: z
            .string()
            .transform((order) => order.toLowerCase())
            .pipe(z.enum(['asc', 'desc']))
            .default('asc'),
        })
        .strict(),
    )
    .max(5)
    .default([]);
}

/** A search request as the routes parse it: its filter, a page, and a sort over named fields. */
export interface SearchInput<Filter, Field extends string> {
  filter: Filter;
  page: SearchPage;
  sort: Array<{ field: Field; order: 'asc' | 'desc' }>;
}

/** The sort as Prisma's orderBy over the fields' columns, then by id, so that pages never overlap. */
export function orderByColumns<Field extends string>(
  sort: SearchInput<unknown, Field>['sort'],
  columns: Record<Field, string>,
) {
  return [...sort.map(({ field, order }) => ({ [columns[field]]: order })), { id: 'asc' as const }];
}

/** A search answer over items of this shape: one page, counted in full (no cursors). */
export function searchAnswer<Item extends z.ZodType>(item: Item) {
  return z.object({
    items: z.array(item),
    page: z.object({
      totalItems: z.number().int().min(0),
      startCursor: z.null(),
      endCursor: z.null(),
      hasMoreTotalItems: z.literal(false),
    }),
  });
}

export interface SearchResult<Item> {
  items: Item[];
  page: { totalItems: number; startCursor: null; endCursor: null; hasMoreTotalItems: false };
}

export function searchResult<Item>(items: Item[], totalItems: number): SearchResult<Item> {
  return { items, page: { totalItems, startCursor: null, endCursor: null, hasMoreTotalItems: false } };
}

/** An item whose nullable fields are optional instead, never null. */
export type WithoutNulls<Item> = { [Field in keyof Item as null extends Item[Field] ? never : Field]: Item[Field] } & {
  [Field in keyof Item as null extends Item[Field] ? Field : never]?: Exclude<Item[Field], null>;
};

/** The item without its null fields: Camunda leaves an optional field out rather than sending null. */
export function withoutNulls<Item extends object>(item: Item): WithoutNulls<Item> {
  return Object.fromEntries(Object.entries(item).filter(([, value]) => value !== null)) as WithoutNulls<Item>;
}

/** An ISO instant, or null, as Camunda writes dates. */
export const isoDate = (date: Date | null | undefined) => date?.toISOString() ?? null;
