/**
 * Reading the work queues: "mine" (assigned or delegated to me), "groups" (unassigned and offered to my groups or to
 * me), "department" (my org unit's open tasks); no scope is "mine" and "groups" together, the queue the web app has
 * always shown. Filters narrow any scope; pages follow a keyset cursor on the sort key and the id, so a task created
 * or completed between two pages never makes another repeat or vanish.
 */
import { z } from 'zod';
import { AppError } from '../../shared/app-error';
import type { Prisma } from '../../platform/db';
import type { ServiceDeps } from '../deps';
import { accessibleWhere, type Caller, type Principal } from '../auth/ability';
import { taskInclude } from './task-access';
import { sensitiveFilterGuard } from './sensitive-variables';
import { hiddenTaskVariables, legalClock, taskAnswer, timesLeft, toTaskDto } from './tasks';

/** What a queue may be narrowed and ordered by; a saved filter stores the same. */
export const queueCriteria = z
  .object({
    scope: z.enum(['mine', 'groups', 'department']).optional(),
    processId: z.string().min(1).max(200).optional(),
    dueAfter: z.iso.datetime({ offset: true }).optional(),
    dueBefore: z.iso.datetime({ offset: true }).optional(),
    priorityMin: z.coerce.number().int().min(0).max(100).optional(),
    priorityMax: z.coerce.number().int().min(0).max(100).optional(),
    /** Process variables that must equal the given value (as text, or as the number or boolean it spells). */
    variables: z
      .record(z.string().regex(/^[\p{L}_][\p{L}\p{N}_]*$/u, 'must be a variable name'), z.string().max(200))
      .optional(),
    sort: z.enum(['due', 'priority', 'created']).optional(),
    order: z.enum(['asc', 'desc']).optional(),
  })
  .strict();
export type QueueCriteria = z.infer<typeof queueCriteria>;

export interface QueuePage {
  cursor?: string;
  limit?: number;
}

const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

type SortKey = NonNullable<QueueCriteria['sort']>;
type Order = NonNullable<QueueCriteria['order']>;

/** Where the previous page stopped: the sort it was read in, the last task's sort key and its id. */
const cursorSchema = z.object({
  sort: z.enum(['due', 'priority', 'created']),
  order: z.enum(['asc', 'desc']),
  key: z.union([z.string(), z.number(), z.null()]),
  id: z.string().uuid(),
});
type Cursor = z.infer<typeof cursorSchema>;

/** A page of a work queue. */
export const queueAnswer = z.object({
  items: z.array(taskAnswer),
  nextCursor: z.string().nullable().describe('Give it as cursor for the next page; null on the last'),
});

export async function listQueue(
  deps: ServiceDeps,
  caller: Caller,
  criteria: QueueCriteria = {},
  page: QueuePage = {},
): Promise<z.input<typeof queueAnswer>> {
  const allowed = accessibleWhere(caller.ability, 'read', 'UserTask');
  if (!allowed) return { items: [], nextCursor: null };
  const sort = criteria.sort ?? 'due';
  const order = criteria.order ?? (sort === 'priority' ? 'desc' : 'asc');
  const limit = page.limit ?? DEFAULT_LIMIT;
  const cursor = page.cursor === undefined ? undefined : decodeCursor(page.cursor, sort, order);
  const where: Prisma.UserTaskWhereInput[] = [
    allowed,
    // Both say "open"; the second lets PostgreSQL use the partial indexes on open tasks (their migration says why).
    { state: 'CREATED', completedAt: null },
    scopeWhere(caller.principal, criteria.scope),
    ...filterWhere(criteria),
    ...sensitiveFilterGuard(caller.ability, Object.keys(criteria.variables ?? {})).map((guard) => ({
      processInstance: { is: guard },
    })),
    ...(cursor ? [after(cursor)] : []),
  ];
  const [rows, clock] = await Promise.all([
    deps.prisma.userTask.findMany({
      where: { AND: where },
      include: taskInclude,
      orderBy: orderBy(sort, order),
      take: limit + 1,
    }),
    legalClock(deps),
  ]);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > limit && last ? encodeCursor({ sort, order, key: sortValue(last, sort), id: last.id }) : null;
  const hidden = await hiddenTaskVariables(deps, caller, items);
  // A list shows a classified task without its content: opening it is the reading that gets recorded.
  const listed = items.map((task) =>
    task.processInstance.classification
      ? { ...task, processInstance: { ...task.processInstance, variables: {} } }
      : task,
  );
  const left = timesLeft(items, clock);
  return {
    items: listed.map((task, i) => toTaskDto(task, left[i] ?? null, hidden(task.processInstanceId))),
    nextCursor,
  };
}

function scopeWhere(principal: Principal, scope: QueueCriteria['scope']): Prisma.UserTaskWhereInput {
  // A task offered to no one is offered to the people of its unit (docs/zeebe-compatibility.md).
  const unitWork: Prisma.UserTaskWhereInput[] = principal.orgUnitId
    ? [{ orgUnitId: principal.orgUnitId, candidateGroups: { isEmpty: true }, candidateUsers: { isEmpty: true } }]
    : [];
  const offeredToMe: Prisma.UserTaskWhereInput = {
    assignee: null,
    OR: [
      { candidateGroups: { hasSome: principal.groups } },
      { candidateUsers: { has: principal.username } },
      ...unitWork,
    ],
  };
  switch (scope) {
    case 'mine':
      return { assignee: principal.username };
    case 'groups':
      return offeredToMe;
    case 'department':
      // Someone outside every unit has no department queue; `in: []` matches nothing.
      return { orgUnitId: { in: principal.orgUnitId ? [principal.orgUnitId] : [] } };
    case undefined:
      return { OR: [{ assignee: principal.username }, offeredToMe] };
  }
}

function filterWhere(criteria: QueueCriteria): Prisma.UserTaskWhereInput[] {
  const { processId, dueAfter, dueBefore, priorityMin, priorityMax, variables = {} } = criteria;
  return [
    ...(processId ? [{ processInstance: { bpmnProcessId: processId } }] : []),
    ...(dueAfter ? [{ dueAt: { gte: new Date(dueAfter) } }] : []),
    ...(dueBefore ? [{ dueAt: { lte: new Date(dueBefore) } }] : []),
    ...(priorityMin !== undefined ? [{ priority: { gte: priorityMin } }] : []),
    ...(priorityMax !== undefined ? [{ priority: { lte: priorityMax } }] : []),
    ...Object.entries(variables).map(([name, value]) => ({
      processInstance: { OR: variableValues(value).map((equals) => ({ variables: { path: [name], equals } })) },
    })),
  ];
}

/** A query string carries text; `amount=100` also matches the number 100 and `urgent=true` the boolean. */
function variableValues(text: string): Prisma.InputJsonValue[] {
  const spelled = /^(true|false|-?\d+(\.\d+)?)$/.test(text) ? [JSON.parse(text) as number | boolean] : [];
  return [text, ...spelled];
}

function orderBy(sort: SortKey, order: Order): Prisma.UserTaskOrderByWithRelationInput[] {
  switch (sort) {
    case 'due':
      // Tasks without a due date come last either way: they are the least pressing.
      return [{ dueAt: { sort: order, nulls: 'last' } }, { id: order }];
    case 'priority':
      return [{ priority: order }, { id: order }];
    case 'created':
      return [{ createdAt: order }, { id: order }];
  }
}

function sortValue(task: { dueAt: Date | null; priority: number; createdAt: Date }, sort: SortKey): Cursor['key'] {
  switch (sort) {
    case 'due':
      return task.dueAt?.toISOString() ?? null;
    case 'priority':
      return task.priority;
    case 'created':
      return task.createdAt.toISOString();
  }
}

/** The tasks that come after the cursor in its order: a greater (or smaller) key, or the same key and a later id. */
function after({ sort, order, key, id }: Cursor): Prisma.UserTaskWhereInput {
  const beyond = <T>(value: T) => (order === 'asc' ? { gt: value } : { lt: value });
  const sameKeyLaterId = { id: beyond(id) };
  switch (sort) {
    case 'due': {
      if (key === null) return { dueAt: null, ...sameKeyLaterId };
      const dueAt = new Date(key);
      return { OR: [{ dueAt: beyond(dueAt) }, { dueAt, ...sameKeyLaterId }, { dueAt: null }] };
    }
    case 'priority': {
      const priority = key as number;
      return { OR: [{ priority: beyond(priority) }, { priority, ...sameKeyLaterId }] };
    }
    case 'created': {
      const createdAt = new Date(key as string);
      return { OR: [{ createdAt: beyond(createdAt) }, { createdAt, ...sameKeyLaterId }] };
    }
  }
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string, sort: SortKey, order: Order): Cursor {
  const cursor = cursorSchema.safeParse(jsonOrUndefined(Buffer.from(text, 'base64url').toString('utf8')));
  if (!cursor.success || !keyFitsSort(cursor.data)) {
    throw new AppError('VALIDATION_FAILED', 'The cursor is not one this queue gave out.');
  }
  if (cursor.data.sort !== sort || cursor.data.order !== order) {
    throw new AppError('VALIDATION_FAILED', 'The cursor belongs to another sort order; start again without it.');
  }
  return cursor.data;
}

/** A priority cursor holds a number; a due or creation cursor an instant (a due cursor may hold null: undated). */
function keyFitsSort({ sort, key }: Cursor): boolean {
  if (sort === 'priority') return typeof key === 'number';
  if (key === null) return sort === 'due';
  return typeof key === 'string' && !Number.isNaN(Date.parse(key));
}

function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
