/**
 * What the instance page shows beside the diagram: the variable history, the open tasks with their time left in
 * working time, and the audit rows of the instance and its tasks. Each answers 404 for an instance the caller may
 * not read (docs/conventions.md §8).
 */
import { z } from 'zod';
import { TaskState } from '../../prisma/generated/enums';
import type { Caller } from '../auth/ability';
import type { ServiceDeps } from '../deps';
import { recordClassifiedReading, type ReadItem } from './classified-reading';
import { findVisible } from './visible';
import { hiddenVariables, maskVariables } from './sensitive-variables';
import { legalClock, timeLeftAnswer, timesLeft } from './tasks';
import type { Prisma } from '../../platform/db';
import { freeObject, instant, storedObject } from './answer-fields';

/** One change of one variable: who set what, when, from which source (`value` and `previous` as stored, masked). */
export const variableChangeAnswer = z.object({
  id: z.string(),
  name: z.string(),
  value: z.unknown(),
  previous: z.unknown(),
  changedBy: z.string().nullable(),
  at: instant,
  source: z.string(),
  sourceId: z.string().nullable(),
});

/** An open task of the instance, with who has it and its working time left. */
export const openTaskAnswer = z.object({
  id: z.string(),
  elementId: z.string(),
  name: z.string(),
  assignee: z.string().nullable(),
  candidateGroups: z.array(z.string()),
  dueAt: instant.nullable(),
  state: z.enum(TaskState),
  timeLeft: timeLeftAnswer,
});

/** An audit row of the instance or of one of its tasks. */
export const instanceAuditAnswer = z.object({
  id: z.string(),
  at: instant,
  actor: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  details: freeObject,
});

/** The instance if the caller may read it, with the reading of this part recorded when it is classified. */
async function findReadable(deps: ServiceDeps, caller: Caller, id: string, part: ReadItem['itemType']) {
  const instance = await findVisible(caller, 'read', 'ProcessInstance', id, (where) =>
    deps.prisma.processInstance.findFirst({ where, select: { id: true, definitionId: true } }),
  );
  await recordClassifiedReading(deps, caller, { instanceId: id, itemType: part, itemId: id });
  return instance;
}

/** Every change of every variable of the instance, oldest first: who set what, when, from which source. */
export async function variableHistory(
  deps: ServiceDeps,
  caller: Caller,
  id: string,
): Promise<Array<z.input<typeof variableChangeAnswer>>> {
  const instance = await findReadable(deps, caller, id, 'variable-history');
  const [rows, hidden] = await Promise.all([
    deps.prisma.variableChange.findMany({ where: { processInstanceId: id }, orderBy: [{ at: 'asc' }, { id: 'asc' }] }),
    hiddenVariables(deps, caller, [instance]),
  ]);
  const masked = (name: string, value: Prisma.JsonValue) => maskVariables({ [name]: value }, hidden(id))[name];
  return rows.map(({ id: rowId, processInstanceId: _instance, ...change }) => ({
    id: rowId.toString(),
    ...change,
    value: masked(change.name, change.value),
    previous: masked(change.name, change.previous),
  }));
}

/** The instance's open tasks: who has them and how much working time is left until they are due. */
export async function openTasks(
  deps: ServiceDeps,
  caller: Caller,
  id: string,
): Promise<Array<z.input<typeof openTaskAnswer>>> {
  await findReadable(deps, caller, id, 'instance-tasks');
  const [tasks, clock] = await Promise.all([
    deps.prisma.userTask.findMany({
      where: { processInstanceId: id, state: 'CREATED' },
      orderBy: { createdAt: 'asc' },
      select: {
        id: true,
        elementId: true,
        name: true,
        assignee: true,
        candidateGroups: true,
        dueAt: true,
        state: true,
      },
    }),
    legalClock(deps),
  ]);
  const left = timesLeft(tasks, clock);
  return tasks.map((task, i) => ({ ...task, timeLeft: left[i] ?? null }));
}

/** The audit trail of the instance and of its tasks, oldest first. */
export async function instanceAudit(
  deps: ServiceDeps,
  caller: Caller,
  id: string,
): Promise<Array<z.input<typeof instanceAuditAnswer>>> {
  await findReadable(deps, caller, id, 'instance-audit');
  const tasks = await deps.prisma.userTask.findMany({ where: { processInstanceId: id }, select: { id: true } });
  const rows = await deps.prisma.auditLog.findMany({
    where: {
      OR: [
        { objectType: 'ProcessInstance', objectId: id },
        { objectType: 'UserTask', objectId: { in: tasks.map((task) => task.id) } },
      ],
    },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
    select: { id: true, at: true, actor: true, action: true, objectType: true, objectId: true, details: true },
  });
  return rows.map((row) => ({ ...row, id: row.id.toString(), details: storedObject(row.details) ?? {} }));
}
