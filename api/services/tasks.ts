/**
 * The work queue: reading the caller's tasks, claiming, and completing (the engine sends the workflow's update).
 * What the caller's ability does not allow answers 404, exactly as if the task did not exist.
 */
import { CalendarError, workingTimeBetween, type BusinessCalendar } from '../../gov/calendar';
import type { Variables } from '../../shared/feel';
import { AppError } from '../../shared/app-error';
import { loadCalendar } from '../../engine/calendar';
import { boundFormVersionId } from '../../engine/forms';
import * as engineTasks from '../../engine/tasks';
import { assertSubmissionAllowed } from '../../engine/task-submission';
import type { Prisma } from '../../platform/db';
import { engineDeps, type ServiceDeps } from '../deps';
import { accessibleWhere, type Action, type Caller, type Principal } from '../auth/ability';
import { findVisible } from './visible';

const taskInclude = {
  processInstance: { select: { bpmnProcessId: true, businessKey: true, variables: true } },
} as const;
type TaskRow = Prisma.UserTaskGetPayload<{ include: typeof taskInclude }>;
/** One task also reads the form versions its process version is bound to, for its form's schema. */
const taskDetailInclude = {
  processInstance: {
    select: { ...taskInclude.processInstance.select, definition: { select: { formVersions: true } } },
  },
} as const;
type TaskDetailRow = Prisma.UserTaskGetPayload<{ include: typeof taskDetailInclude }>;

/**
 * The working time left until an open task's due date (09:00-12:00, 13:00-18:00 on working days), or, once the due
 * instant has passed, the working time since it with `overdue`. Null when the task has no due date, is no longer
 * open, or its due date lies beyond the calendar's holiday data.
 */
export type TimeLeft = { workingMinutes: number; overdue: boolean } | null;

/** What a request measures time left against: the business calendar, loaded once per request, and its instant. */
export interface LegalClock {
  calendar: BusinessCalendar;
  now: number;
}

export function toTaskDto(task: TaskRow, clock: LegalClock) {
  const { processInstance, elementInstanceId: _elementInstanceId, orgUnitId: _orgUnitId, ...fields } = task;
  return {
    ...fields,
    processId: processInstance.bpmnProcessId,
    businessKey: processInstance.businessKey,
    variables: processInstance.variables,
    timeLeft: timeLeft(task, clock),
  };
}

export function timeLeft(task: Pick<TaskRow, 'dueAt' | 'state'>, { calendar, now }: LegalClock): TimeLeft {
  if (!task.dueAt || task.state !== 'CREATED') return null;
  try {
    const between = workingTimeBetween(calendar, now, task.dueAt.getTime());
    return { workingMinutes: Math.abs(between.minutes), overdue: between.overdue };
  } catch (error) {
    if (error instanceof CalendarError && error.code === 'OUT_OF_HORIZON') return null;
    throw error;
  }
}

async function legalClock({ prisma }: ServiceDeps): Promise<LegalClock> {
  return { calendar: await loadCalendar(prisma), now: Date.now() };
}

/** The caller's queue: open tasks assigned to them, or unassigned and offered to them or their groups. */
export async function listQueue(deps: ServiceDeps, { principal, ability }: Caller) {
  const { prisma } = deps;
  const allowed = accessibleWhere(ability, 'read', 'UserTask');
  if (!allowed) return [];
  const offeredToMe: Prisma.UserTaskWhereInput = {
    OR: [{ candidateGroups: { hasSome: principal.groups } }, { candidateUsers: { has: principal.username } }],
  };
  const [tasks, clock] = await Promise.all([
    prisma.userTask.findMany({
      where: {
        AND: [
          allowed,
          { state: 'CREATED' },
          { OR: [{ assignee: principal.username }, { assignee: null, ...offeredToMe }] },
        ],
      },
      include: taskInclude,
      orderBy: [{ dueAt: { sort: 'asc', nulls: 'last' } }, { priority: 'desc' }, { createdAt: 'asc' }],
      take: 200,
    }),
    legalClock(deps),
  ]);
  return tasks.map((task) => toTaskDto(task, clock));
}

function findTask({ prisma }: ServiceDeps, caller: Caller, action: Action, id: string): Promise<TaskRow> {
  return findVisible(caller, action, 'UserTask', id, (where) =>
    prisma.userTask.findFirst({ where, include: taskInclude }),
  );
}

/** One task; with `formSchema` when its form is a deployed form (engine/forms.ts binds it at deployment). */
export async function getTask(deps: ServiceDeps, caller: Caller, id: string) {
  const [task, clock] = await Promise.all([
    findVisible(caller, 'read', 'UserTask', id, (where) =>
      deps.prisma.userTask.findFirst({ where, include: taskDetailInclude }),
    ),
    legalClock(deps),
  ]);
  const formSchema = await boundFormSchema(deps, task);
  return { ...toTaskDto(task, clock), ...(formSchema !== undefined && { formSchema }) };
}

async function boundFormSchema({ prisma }: ServiceDeps, task: TaskDetailRow): Promise<Prisma.JsonValue | undefined> {
  const formVersionId = boundFormVersionId(task.processInstance.definition.formVersions, task.form);
  if (!formVersionId) return undefined;
  const form = await prisma.form.findUnique({ where: { id: formVersionId }, select: { schema: true } });
  return form?.schema;
}

export async function claimTask(deps: ServiceDeps, caller: Caller, id: string) {
  const { principal } = caller;
  const task = await findTask(deps, caller, 'claim', id);
  assertOpen(task);
  const claimed = await deps.prisma.userTask.updateMany({
    where: { id, state: 'CREATED', OR: [{ assignee: null }, { assignee: principal.username }] },
    data: { assignee: principal.username, claimedAt: new Date() },
  });
  if (claimed.count === 0)
    throw new AppError('TASK_CLAIMED', `Task ${id} is already claimed by ${task.assignee ?? 'someone else'}.`);
  await audit(deps, principal, 'task.claimed', id);
  return getTask(deps, caller, id);
}

export async function unclaimTask(deps: ServiceDeps, caller: Caller, id: string) {
  const { principal, ability } = caller;
  const task = await findTask(deps, caller, 'claim', id);
  assertOpen(task);
  if (task.assignee && task.assignee !== principal.username && !ability.can('manage', 'all')) {
    throw new AppError('TASK_CLAIMED', `Task ${id} is claimed by ${task.assignee}; only they can release it.`);
  }
  await deps.prisma.userTask.updateMany({ where: { id, state: 'CREATED' }, data: { assignee: null, claimedAt: null } });
  await audit(deps, principal, 'task.unclaimed', id);
  return getTask(deps, caller, id);
}

export async function completeTask(deps: ServiceDeps, caller: Caller, input: { id: string; variables: Variables }) {
  const { principal } = caller;
  const task = await findTask(deps, caller, 'complete', input.id);
  assertOpen(task);
  if (task.assignee && task.assignee !== principal.username) {
    throw new AppError('TASK_CLAIMED', `Task ${task.id} is claimed by ${task.assignee}; claim it before completing.`);
  }
  await assertSubmissionAllowed(deps.prisma, task, input.variables);
  await engineTasks.completeTask(engineDeps(deps), {
    task,
    variables: input.variables,
    completedBy: principal.username,
  });
  return { id: task.id, state: 'COMPLETED' as const };
}

function assertOpen(task: TaskRow): void {
  if (task.state !== 'CREATED') throw new AppError('TASK_NOT_OPEN', `Task ${task.id} is ${task.state.toLowerCase()}.`);
}

async function audit({ prisma }: ServiceDeps, principal: Principal, action: string, taskId: string): Promise<void> {
  await prisma.auditLog.create({
    data: { actor: principal.username, action, objectType: 'UserTask', objectId: taskId },
  });
}
