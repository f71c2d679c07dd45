/**
 * Searching process instances: a validated filter, the Prisma where-input it means, and keyset paging over a sort
 * key. The where-builder is pure so that other operations over "the instances this filter selects" (batch cancel,
 * retry, migrate) reuse it unchanged.
 */
import { z } from 'zod';
import { AppError } from '../shared/app-error';
import type { Prisma, PrismaClient } from '../platform/db';

export const instanceStates = ['ACTIVE', 'COMPLETED', 'CANCELED', 'INCIDENT'] as const;
export const instanceSortKeys = ['startedAt', 'endedAt', 'businessKey'] as const;
export type InstanceSortKey = (typeof instanceSortKeys)[number];

/** A variable name as a filter may name it: a path of identifiers (`applicant.age`), nothing SQL could read. */
const variableName = /^[A-Za-z_][A-Za-z0-9_.]*$/;
const variablePrefix = 'var.';
const maxWindowMs = 10 * 366 * 24 * 3600 * 1000;
export const maxPageSize = 200;

const instant = z.string().transform((text, ctx) => {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 date or date-time' });
    return z.NEVER;
  }
  return date;
});
const flag = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((text) => text === 'true');

/** The filter as the query string spells it (every value a string; `state` may repeat or be comma-separated). */
export const instanceFilterSchema = z
  .object({
    processId: z.string().min(1).max(255).optional(),
    version: z.coerce.number().int().positive().optional(),
    state: z
      .union([z.string(), z.array(z.string())])
      .transform((value) => (Array.isArray(value) ? value : value.split(',')).filter(Boolean))
      .pipe(z.array(z.enum(instanceStates, { error: `must be one of ${instanceStates.join(', ')}` })))
      .optional(),
    businessKey: z.string().min(1).max(255).optional(),
    businessKeyPrefix: z.string().min(1).max(255).optional(),
    startedAfter: instant.optional(),
    startedBefore: instant.optional(),
    endedAfter: instant.optional(),
    endedBefore: instant.optional(),
    orgUnitId: z.uuid({ error: 'must be an org unit id (a UUID)' }).optional(),
    overdue: flag.optional(),
    incident: flag.optional(),
    variables: z.record(z.string().regex(variableName), z.unknown()).default({}),
  })
  .superRefine((filter, ctx) => {
    for (const [from, to] of [
      ['startedAfter', 'startedBefore'],
      ['endedAfter', 'endedBefore'],
    ] as const) {
      const start = filter[from];
      const end = filter[to];
      if (start && end && end < start) ctx.addIssue({ code: 'custom', path: [to], message: `is before ${from}` });
      if (start && end && end.getTime() - start.getTime() > maxWindowMs)
        ctx.addIssue({ code: 'custom', path: [to], message: `is more than 10 years after ${from}` });
    }
  });
export type InstanceFilter = z.infer<typeof instanceFilterSchema>;

export const instanceSortSchema = z.object({
  sort: z.enum(instanceSortKeys, { error: `must be one of ${instanceSortKeys.join(', ')}` }).default('startedAt'),
  order: z.enum(['asc', 'desc'], { error: 'must be asc or desc' }).default('desc'),
});
export type InstanceSort = z.infer<typeof instanceSortSchema>;

const pageSchema = z.object({
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(maxPageSize, `must be at most ${maxPageSize}`).default(50),
});

const listFields = [
  'processId',
  'version',
  'state',
  'businessKey',
  'businessKeyPrefix',
  'startedAfter',
  'startedBefore',
  'endedAfter',
  'endedBefore',
  'orgUnitId',
  'overdue',
  'incident',
  'sort',
  'order',
  'cursor',
  'limit',
  'format',
] as const;

/**
 * Splits a query string into filter, sort and page. A field the search does not know is refused by name, so that a
 * typo never silently widens the result; `var.<name>=<value>` filters on a variable of the snapshot.
 */
export function parseInstanceQuery(query: Record<string, unknown>) {
  const unknown = Object.keys(query).filter(
    (key) => !key.startsWith(variablePrefix) && !(listFields as readonly string[]).includes(key),
  );
  if (unknown.length) throw new AppError('VALIDATION_FAILED', `Unknown query fields: ${unknown.join(', ')}.`);
  const variables: Record<string, unknown> = {};
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    const name = key.slice(variablePrefix.length);
    if (!key.startsWith(variablePrefix)) plain[key] = value;
    else if (!variableName.test(name))
      throw new AppError('VALIDATION_FAILED', `Invalid query: ${key}: is no variable name ([A-Za-z_][A-Za-z0-9_.]*)`);
    else if (typeof value !== 'string')
      throw new AppError('VALIDATION_FAILED', `Invalid query: ${key}: give one value`);
    else variables[name] = variableValue(value);
  }
  const parsed = z
    .object({ ...pageSchema.shape, ...instanceSortSchema.shape, format: z.enum(['json', 'csv']).optional() })
    .and(instanceFilterSchema)
    .safeParse({ ...plain, variables });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${queryField(issue.path)}: ${issue.message}`).join('; ');
    throw new AppError('VALIDATION_FAILED', `Invalid query: ${problems}`);
  }
  const { cursor, limit, sort, order, format, ...filter } = parsed.data;
  return { filter, sort: { sort, order }, page: { cursor, limit }, format };
}

function queryField(path: PropertyKey[]): string {
  if (path[0] === 'variables') return `${variablePrefix}${String(path[1] ?? '')}`;
  return path.map(String).join('.') || 'query';
}

/** `var.amount=5` compares with the number 5, `true`/`false`/`null` with those; anything else (or `"5"`) as text. */
function variableValue(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? text : value;
  } catch {
    return text;
  }
}

/**
 * An instance's department is the org unit of the person who started it or of any of its tasks; a department
 * includes its subunits.
 */
export interface Department {
  unitIds: string[];
  starterIds: string[];
}

/** The department of `orgUnitId` with its subunits, and the people in them. */
export async function resolveDepartment(prisma: PrismaClient, orgUnitId: string): Promise<Department> {
  const units = await prisma.orgUnit.findMany({ select: { id: true, parentId: true } });
  const unitIds = [orgUnitId];
  for (let i = 0; i < unitIds.length; i++)
    for (const unit of units) if (unit.parentId === unitIds[i]) unitIds.push(unit.id);
  const people = await prisma.user.findMany({ where: { orgUnitId: { in: unitIds } }, select: { id: true } });
  return { unitIds, starterIds: people.map((person) => person.id) };
}

/** The where-input of the instances a filter selects; `now` decides what is overdue. */
export function instanceWhere(
  filter: InstanceFilter,
  context: { now: Date; department?: Department },
): Prisma.ProcessInstanceWhereInput {
  const and: Prisma.ProcessInstanceWhereInput[] = [];
  if (filter.processId) and.push({ bpmnProcessId: filter.processId });
  if (filter.version) and.push({ version: filter.version });
  if (filter.state?.length) and.push({ state: { in: filter.state } });
  if (filter.businessKey) and.push({ businessKey: filter.businessKey });
  if (filter.businessKeyPrefix) and.push({ businessKey: { startsWith: filter.businessKeyPrefix } });
  if (filter.startedAfter || filter.startedBefore)
    and.push({ startedAt: { gte: filter.startedAfter, lt: filter.startedBefore } });
  if (filter.endedAfter || filter.endedBefore)
    and.push({ endedAt: { gte: filter.endedAfter, lt: filter.endedBefore } });
  if (filter.orgUnitId) {
    const { unitIds, starterIds } = context.department ?? { unitIds: [filter.orgUnitId], starterIds: [] };
    and.push({
      OR: [{ startedById: { in: starterIds } }, { tasks: { some: { orgUnitId: { in: unitIds } } } }],
    });
  }
  const overdueTask: Prisma.UserTaskWhereInput = { state: 'CREATED', dueAt: { lt: context.now } };
  if (filter.overdue === true) and.push({ tasks: { some: overdueTask } });
  if (filter.overdue === false) and.push({ tasks: { none: overdueTask } });
  // The index keeps state INCIDENT exactly while an incident is open (activities/incidents.ts).
  if (filter.incident === true) and.push({ state: 'INCIDENT' });
  if (filter.incident === false) and.push({ state: { not: 'INCIDENT' } });
  // Prisma binds the path and the value as parameters: a variable filter never becomes SQL text.
  for (const [name, value] of Object.entries(filter.variables))
    and.push({ variables: { path: name.split('.'), equals: value as Prisma.InputJsonValue } });
  return { AND: and };
}

interface CursorPosition {
  /** The sort it was made for: a cursor is meaningless under another sort. */
  s: string;
  /** The sort key's value of the last row (ISO text for dates), null when the row has none. */
  v: string | null;
  id: string;
}

export function encodeCursor(sort: InstanceSort, row: { id: string } & Record<InstanceSortKey, Date | string | null>) {
  const value = row[sort.sort];
  const position: CursorPosition = {
    s: `${sort.sort}:${sort.order}`,
    v: value instanceof Date ? value.toISOString() : value,
    id: row.id,
  };
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decodeCursor(sort: InstanceSort, cursor: string): CursorPosition {
  let position: Partial<CursorPosition> = {};
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorPosition>;
  } catch {
    // refused below
  }
  if (
    position.s !== `${sort.sort}:${sort.order}` ||
    typeof position.id !== 'string' ||
    !(typeof position.v === 'string' || position.v === null)
  )
    throw new AppError('VALIDATION_FAILED', 'Invalid query: cursor: is not a cursor of this search and sort');
  return position as CursorPosition;
}

/**
 * Order and "after the cursor" for a sort key plus the id as tie-breaker. Rows without the key (no end yet, no
 * business key) come last in either direction, so the keyset is: a later key, the same key and a later id, or no key.
 */
function keyset(sort: InstanceSort, cursor: string | undefined) {
  const { sort: key, order } = sort;
  const after = order === 'asc' ? 'gt' : 'lt';
  const orderBy: Prisma.ProcessInstanceOrderByWithRelationInput[] = [
    key === 'startedAt' ? { startedAt: order } : { [key]: { sort: order, nulls: 'last' } },
    { id: order },
  ];
  if (!cursor) return { orderBy, where: {} };
  const position = decodeCursor(sort, cursor);
  const value = position.v === null || key === 'businessKey' ? position.v : new Date(position.v);
  const where: Prisma.ProcessInstanceWhereInput =
    value === null
      ? { [key]: null, id: { [after]: position.id } }
      : {
          OR: [
            { [key]: { [after]: value } },
            { [key]: value, id: { [after]: position.id } },
            ...(key === 'startedAt' ? [] : [{ [key]: null }]),
          ],
        };
  return { orderBy, where };
}

/** One page of instances matching `where` (visibility included by the caller) after `cursor`. */
export async function findInstancePage(
  prisma: PrismaClient,
  input: { where: Prisma.ProcessInstanceWhereInput; sort: InstanceSort; cursor?: string; limit: number },
) {
  const { orderBy, where } = keyset(input.sort, input.cursor);
  const rows = await prisma.processInstance.findMany({
    where: { AND: [input.where, where] },
    orderBy,
    take: input.limit + 1,
    select: {
      id: true,
      bpmnProcessId: true,
      version: true,
      businessKey: true,
      state: true,
      startedAt: true,
      endedAt: true,
      startedById: true,
      _count: { select: { tasks: { where: { state: 'CREATED' } } } },
    },
  });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor(input.sort, last) : null };
}

/** How many instances match, in total and per state. */
export async function countInstances(prisma: PrismaClient, where: Prisma.ProcessInstanceWhereInput) {
  const groups = await prisma.processInstance.groupBy({ by: ['state'], where, _count: { _all: true } });
  const byState = Object.fromEntries(instanceStates.map((state) => [state, 0])) as Record<
    (typeof instanceStates)[number],
    number
  >;
  for (const group of groups) byState[group.state] = group._count._all;
  return { total: groups.reduce((sum, group) => sum + group._count._all, 0), byState };
}
