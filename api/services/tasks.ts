/**
 * One task: reading it (with its form, comments and attachments) and completing it (the engine sends the workflow's
 * update). What the caller's ability does not allow answers 404, exactly as if the task did not exist. The queue, the
 * hand-over operations, comments and attachments live beside this module (task-*.ts).
 */
import { z } from 'zod';
import { CalendarError, workingTimeBetween, workingTimesFrom, type BusinessCalendar } from '../../gov/calendar';
import type { Variables } from '../../shared/feel';
import { AppError } from '../../shared/app-error';
import { loadCalendar } from '../../engine/calendar';
import * as engineTasks from '../../engine/tasks';
import { assertSubmissionAllowed, loadSubmissionRule } from '../../engine/task-submission';
import { engineDeps, type ServiceDeps } from '../deps';
import { dependencyOutage } from '../dependency-outage';
import type { Caller } from '../auth/ability';
import { recordClassifiedReading } from './classified-reading';
import { findVisible } from './visible';
import {
  assertNotCompleting,
  assertNotDelegated,
  assertOpen,
  completionLease,
  findTask,
  notCompleting,
  taskInclude,
  type TaskRow,
} from './task-access';
import { listAttachments } from './task-attachments';
import { listComments } from './task-comments';
import { hiddenVariables, maskVariables } from './sensitive-variables';
import { DelegationState, SecurityGrade, TaskState } from '../../prisma/generated/enums';
import { freeObject, instant, storedObject } from './answer-fields';
import { attachmentAnswer } from './task-attachments';
import { commentAnswer } from './task-comments';

/**
 * The working time left until an open task's due date (09:00-12:00, 13:00-18:00 on working days), or, once the due
 * instant has passed, the working time since it with `overdue`. Null when the task has no due date, is no longer
 * open, or its due date lies beyond the calendar's holiday data.
 */
export const timeLeftAnswer = z.object({ workingMinutes: z.number().int(), overdue: z.boolean() }).nullable();
export type TimeLeft = z.input<typeof timeLeftAnswer>;

/** What a request measures time left against: the business calendar, loaded once per request, and its instant. */
export interface LegalClock {
  calendar: BusinessCalendar;
  now: number;
}

/** A task as the queue answers it (toTaskDto). */
export const taskAnswer = z.object({
  id: z.string(),
  processInstanceId: z.string(),
  elementId: z.string(),
  name: z.string(),
  candidateUsers: z.array(z.string()),
  candidateGroups: z.array(z.string()),
  assignee: z.string().nullable(),
  dueAt: instant.nullable(),
  followUpAt: instant.nullable(),
  priority: z.number().int(),
  form: freeObject.nullable().describe('zeebe:formDefinition as compiled: formId, formKey or externalReference'),
  state: z.enum(TaskState),
  createdAt: instant,
  claimedAt: instant.nullable(),
  completedAt: instant.nullable(),
  completedBy: z.string().nullable(),
  result: freeObject.nullable().describe('The variables it was completed with'),
  owner: z.string().nullable(),
  delegationState: z.enum(DelegationState),
  draftVariables: freeObject.nullable(),
  classification: z.enum(SecurityGrade).nullable(),
  processId: z.string(),
  businessKey: z.string().nullable(),
  variables: freeObject.describe("The instance's variables while the task is open; {} once it is closed"),
  timeLeft: timeLeftAnswer,
});

/** One task (GET /api/tasks/:id, and every operation that changes it): with its comments, files and what it accepts. */
export const taskDetailAnswer = taskAnswer.extend({
  comments: z.array(commentAnswer),
  attachments: z.array(attachmentAnswer),
  accepts: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('form') }),
    z.object({ kind: z.literal('names'), names: z.array(z.string()) }),
    z.object({ kind: z.literal('decision') }),
  ]),
  formSchema: freeObject.optional().describe('The form-js schema, when it accepts a form'),
});

export const completedTaskAnswer = z.object({ id: z.string(), state: z.literal('COMPLETED') });

/**
 * A task as the API answers it; `hidden` names the instance's variables the caller sees masked. A closed task no
 * longer shows its instance's live variables (docs/access.md): what it was completed with stays in `result`.
 */
export function toTaskDto(task: TaskRow, left: TimeLeft, hidden: ReadonlySet<string>): z.input<typeof taskAnswer> {
  // The completion lease is the API's own bookkeeping, not part of the task.
  const {
    processInstance,
    elementInstanceId: _elementInstanceId,
    orgUnitId: _orgUnitId,
    completingUntil: _completingUntil,
    ...fields
  } = task;
  return {
    ...fields,
    form: storedObject(fields.form),
    result: storedObject(maskVariables(fields.result, hidden)),
    draftVariables: storedObject(maskVariables(fields.draftVariables, hidden)),
    processId: processInstance.bpmnProcessId,
    businessKey: processInstance.businessKey,
    variables: task.state === 'CREATED' ? (storedObject(maskVariables(processInstance.variables, hidden)) ?? {}) : {},
    classification: processInstance.classification,
    timeLeft: left,
  };
}

/** What of each task's instance the caller sees masked (sensitive-variables.ts). */
export function hiddenTaskVariables(deps: Pick<ServiceDeps, 'prisma'>, caller: Caller, tasks: TaskRow[]) {
  const instances = tasks.map((task) => ({
    id: task.processInstanceId,
    definitionId: task.processInstance.definitionId,
  }));
  return hiddenVariables(deps, caller, instances);
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

/** The time left of many tasks at once (a queue page, an instance's tasks): one walk of the calendar for them all. */
export function timesLeft(tasks: ReadonlyArray<Pick<TaskRow, 'dueAt' | 'state'>>, { calendar, now }: LegalClock) {
  const due = tasks.map((task) => (task.dueAt && task.state === 'CREATED' ? task.dueAt.getTime() : undefined));
  const between = workingTimesFrom(
    calendar,
    now,
    due.filter((at) => at !== undefined),
  );
  let next = 0;
  return due.map((at): TimeLeft => {
    if (at === undefined) return null;
    const found = between[next++];
    return found ? { workingMinutes: Math.abs(found.minutes), overdue: found.overdue } : null;
  });
}

export async function legalClock({ prisma }: Pick<ServiceDeps, 'prisma'>): Promise<LegalClock> {
  return { calendar: await loadCalendar(prisma), now: Date.now() };
}

/**
 * One task with its comments and attachments (metadata; the bytes have their own route), and what completing it
 * accepts (engine/task-submission.ts): its form, with `formSchema`; the names its output mappings read; or the
 * decision.
 */
export async function getTask(
  deps: ServiceDeps,
  caller: Caller,
  id: string,
): Promise<z.input<typeof taskDetailAnswer>> {
  const [task, clock] = await Promise.all([
    findVisible(caller, 'read', 'UserTask', id, (where) =>
      deps.prisma.userTask.findFirst({ where, include: taskInclude }),
    ),
    legalClock(deps),
  ]);
  await recordClassifiedReading(deps, caller, { instanceId: task.processInstanceId, itemType: 'task', itemId: id });
  const [{ rule }, comments, attachments, hidden] = await Promise.all([
    loadSubmissionRule(deps.prisma, task),
    listComments(deps.prisma, id),
    listAttachments(deps.prisma, id),
    hiddenTaskVariables(deps, caller, [task]),
  ]);
  return {
    ...toTaskDto(task, timeLeft(task, clock), hidden(task.processInstanceId)),
    comments,
    attachments,
    accepts: rule.kind === 'form' ? { kind: rule.kind } : rule,
    ...(rule.kind === 'form' && { formSchema: { ...rule.form } }),
  };
}

/**
 * Completes in two short steps, so that no database connection waits for the workflow: a conditional update on the
 * row as it is now takes the completion lease (task-access.ts), then the workflow's update closes the task. A
 * hand-over racing the completion either lands before the lease (and the completion is refused) or after it (and is
 * refused as the task is being completed), and so does a second completion.
 */
export async function completeTask(
  deps: ServiceDeps,
  caller: Caller,
  input: { id: string; variables: Variables },
): Promise<z.input<typeof completedTaskAnswer>> {
  const completedBy = caller.principal.username;
  const task = await findTask(deps, caller, 'complete', input.id);
  await assertSubmissionAllowed(deps.prisma, task, input.variables);
  if (task.state === 'COMPLETED') {
    // The row may describe a completion the workflow lost (see completeAgain); any other closed state is final.
    assertNotDelegated(task);
    if (task.assignee && task.assignee !== completedBy) {
      throw new AppError('TASK_CLAIMED', `Task ${task.id} is claimed by ${task.assignee}; claim it before completing.`);
    }
    await completeAgain(
      task,
      engineTasks.completeTask(engineDeps(deps), { task, variables: input.variables, completedBy }),
    );
    return { id: task.id, state: 'COMPLETED' as const };
  }
  const lease = await takeCompletionLease(deps, task.id, completedBy);
  try {
    await engineTasks.completeTask(engineDeps(deps), { task, variables: input.variables, completedBy });
  } catch (error) {
    await deps.prisma.userTask.updateMany({
      where: { id: task.id, completingUntil: lease },
      data: { completingUntil: null },
    });
    throw error;
  }
  return { id: task.id, state: 'COMPLETED' as const };
}

/**
 * The lease, if the task is open, not being completed, not delegated, and free or the caller's; otherwise the reason
 * it is not (409).
 */
async function takeCompletionLease({ prisma }: ServiceDeps, id: string, username: string): Promise<Date> {
  const now = new Date();
  const lease = completionLease(now);
  const taken = await prisma.userTask.updateMany({
    where: {
      id,
      state: 'CREATED',
      delegationState: { not: 'PENDING' },
      AND: [{ OR: [{ assignee: null }, { assignee: username }] }, notCompleting(now)],
    },
    data: { completingUntil: lease },
  });
  if (taken.count > 0) return lease;
  const task = await prisma.userTask.findUniqueOrThrow({ where: { id } });
  assertOpen(task);
  assertNotCompleting(task, now);
  assertNotDelegated(task);
  throw new AppError('TASK_CLAIMED', `Task ${task.id} is claimed by ${task.assignee}; claim it before completing.`);
}

/**
 * The workflow writes the COMPLETED row inside the workflow task that takes the completion; when that task is lost
 * (its worker or the Temporal server killed before it was recorded) the row says COMPLETED while the workflow still
 * waits for the task. So a completion of a COMPLETED row is asked of the workflow, the authority: it completes the
 * task if it is still open there, else the answer is TASK_NOT_OPEN as before (docs/reliability.md "Chaos").
 */
async function completeAgain(task: Pick<TaskRow, 'id'>, completion: Promise<void>): Promise<void> {
  try {
    await completion;
  } catch (error) {
    if (dependencyOutage(error)) throw error; // the client retries once Temporal answers
    throw new AppError('TASK_NOT_OPEN', `Task ${task.id} is completed.`);
  }
}
