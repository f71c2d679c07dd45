/** The instance list for the API: the caller's visible instances that match a filter, as pages, counts or CSV. */
import { z } from 'zod';
import { InstanceState } from '../../prisma/generated/enums';
import {
  countInstances,
  findInstancePage,
  instanceWhere,
  resolveDepartment,
  type InstanceFilter,
  type InstanceSort,
} from '../../engine/instance-search';
import type { Prisma } from '../../platform/db';
import { accessibleWhere, type Action, type Caller } from '../auth/ability';
import { AppError } from '../../shared/app-error';
import type { ServiceDeps } from '../deps';
import { sensitiveFilterGuard } from './sensitive-variables';
import { instant } from './answer-fields';

/** A page of the instance search: one row per instance. */
export const instancePageAnswer = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      processId: z.string(),
      version: z.number().int(),
      businessKey: z.string().nullable(),
      state: z.enum(InstanceState),
      startedAt: instant,
      endedAt: instant.nullable(),
      startedBy: z
        .string()
        .nullable()
        .describe('The username of the person who started it; null for a process start (message, timer, call)'),
      openTasks: z.number().int(),
      openIncidents: z.number().int(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
export type InstanceListItem = z.input<typeof instancePageAnswer>['items'][number];

/** How many instances match, in all and per state. */
export const instanceCountAnswer = z.object({
  total: z.number().int(),
  byState: z.record(z.enum(InstanceState), z.number().int()),
});

/**
 * The filter's where-input within what the caller may do (read, unless an operation is named; docs/conventions.md
 * §8); null when they may do it on none.
 */
async function visibleWhere(
  deps: ServiceDeps,
  caller: Caller,
  filter: InstanceFilter,
  action: Action = 'read',
): Promise<Prisma.ProcessInstanceWhereInput | null> {
  const allowed = accessibleWhere(caller.ability, action, 'ProcessInstance');
  if (!allowed) return null;
  const department = filter.orgUnitId ? await resolveDepartment(deps.prisma, filter.orgUnitId) : undefined;
  return {
    AND: [
      allowed,
      instanceWhere(filter, { now: new Date(), department }),
      ...sensitiveFilterGuard(caller.ability, Object.keys(filter.variables)),
    ],
  };
}

export async function listInstances(
  deps: ServiceDeps,
  caller: Caller,
  input: { filter: InstanceFilter; sort: InstanceSort; cursor?: string; limit: number },
): Promise<z.input<typeof instancePageAnswer>> {
  const where = await visibleWhere(deps, caller, input.filter);
  if (!where) return { items: [], nextCursor: null };
  const page = await findInstancePage(deps.prisma, { ...input, where });
  const ids = page.items.map((row) => row.id);
  const [incidents, starters] = await Promise.all([
    deps.prisma.incident.groupBy({
      by: ['processInstanceId'],
      where: { processInstanceId: { in: ids }, state: 'OPEN' },
      _count: { _all: true },
    }),
    deps.prisma.user.findMany({
      where: { id: { in: page.items.flatMap((row) => (row.startedById ? [row.startedById] : [])) } },
      select: { id: true, username: true },
    }),
  ]);
  const openIncidents = new Map(incidents.map((group) => [group.processInstanceId, group._count._all]));
  const usernames = new Map(starters.map((user) => [user.id, user.username]));
  return {
    items: page.items.map((row) => ({
      id: row.id,
      processId: row.bpmnProcessId,
      version: row.version,
      businessKey: row.businessKey,
      state: row.state,
      startedAt: row.startedAt,
      endedAt: row.endedAt,
      startedBy: row.startedById ? (usernames.get(row.startedById) ?? null) : null,
      openTasks: row._count.tasks,
      openIncidents: openIncidents.get(row.id) ?? 0,
    })),
    nextCursor: page.nextCursor,
  };
}

/**
 * The ids of the instances a filter selects among those the caller may `action` (a batch's selection), oldest first;
 * refused when there are more than `max`, so that a batch never acts on a silently cut selection.
 */
export async function selectInstanceIds(
  deps: ServiceDeps,
  caller: Caller,
  input: { filter: InstanceFilter; action: Action; max: number },
): Promise<string[]> {
  const where = await visibleWhere(deps, caller, input.filter, input.action);
  if (!where) return [];
  const rows = await deps.prisma.processInstance.findMany({
    where,
    select: { id: true },
    orderBy: [{ startedAt: 'asc' }, { id: 'asc' }],
    take: input.max + 1,
  });
  if (rows.length > input.max) {
    throw new AppError(
      'VALIDATION_FAILED',
      `The selection holds more than ${input.max} instances; narrow the filter or split it into several batches.`,
    );
  }
  return rows.map((row) => row.id);
}

export async function countVisibleInstances(
  deps: ServiceDeps,
  caller: Caller,
  filter: InstanceFilter,
): Promise<z.input<typeof instanceCountAnswer>> {
  const where = await visibleWhere(deps, caller, filter);
  return countInstances(deps.prisma, where ?? { id: { in: [] } });
}

const csvColumns: Array<keyof InstanceListItem> = [
  'id',
  'processId',
  'version',
  'businessKey',
  'state',
  'startedAt',
  'endedAt',
  'startedBy',
  'openTasks',
  'openIncidents',
];

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. Text a spreadsheet would run as a
 * formula (= + - @, tab, carriage return first) is prefixed with ' so that opening the export runs nothing.
 */
export function csvCell(value: string | number | Date | null): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole result (every page, not one) as CSV lines, header first; the caller streams them out. */
export async function* instancesCsv(
  deps: ServiceDeps,
  caller: Caller,
  input: { filter: InstanceFilter; sort: InstanceSort },
): AsyncGenerator<string> {
  yield `${csvColumns.join(',')}\r\n`;
  let cursor: string | undefined;
  do {
    const page = await listInstances(deps, caller, { ...input, cursor, limit: 200 });
    for (const item of page.items) yield `${csvColumns.map((column) => csvCell(item[column])).join(',')}\r\n`;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
