/**
 * One task: reading it (with its form, comments and attachments) and completing it (the engine sends the workflow's
 * update). What the caller's ability does not allow answers 404, exactly as if the task did not exist. The queue, the
 * hand-over operations, comments and attachments live beside this module (task-*.ts).
 */
import { CalendarError, workingTimeBetween, type BusinessCalendar } from '../../gov/calendar';
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
import { assertNotDelegated, assertOpen, findTask, taskInclude, withTaskLock, type TaskRow } from './task-access';
import { listAttachments } from './task-attachments';
import { listComments } from './task-comments';
import { hiddenVariables, maskVariables } from './sensitive-variables';

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

/**
 * A task as the API answers it; `hidden` names the instance's variables the caller sees masked. A closed task no
 * longer shows its instance's live variables (docs/access.md): what it was completed with stays in `result`.
 */
export function toTaskDto(task: TaskRow, clock: LegalClock, hidden: ReadonlySet<string>) {
  const { processInstance, elementInstanceId: _elementInstanceId, orgUnitId: _orgUnitId, ...fields } = task;
  return {
    ...fields,
    result: maskVariables(fields.result, hidden),
    draftVariables: maskVariables(fields.draftVariables, hidden),
    processId: processInstance.bpmnProcessId,
    businessKey: processInstance.businessKey,
    variables: task.state === 'CREATED' ? maskVariables(processInstance.variables, hidden) : {},
    classification: processInstance.classification,
    timeLeft: timeLeft(task, clock),
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

export async function legalClock({ prisma }: Pick<ServiceDeps, 'prisma'>): Promise<LegalClock> {
  return { calendar: await loadCalendar(prisma), now: Date.now() };
}

/**
 * One task with its comments and attachments (metadata; the bytes have their own route), and what completing it
 * accepts (engine/task-submission.ts): its form, with `formSchema`; the names its output mappings read; or the
 * decision.
 */
export async function getTask(deps: ServiceDeps, caller: Caller, id: string) {
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
    ...toTaskDto(task, clock, hidden(task.processInstanceId)),
    comments,
    attachments,
    accepts: rule.kind === 'form' ? { kind: rule.kind } : rule,
    ...(rule.kind === 'form' && { formSchema: rule.form }),
  };
}

/**
 * Completes under the task's lock (see `withTaskLock`), checking the row as it is now, so a hand-over racing the
 * completion either lands before it (and the completion is refused) or after it (and finds the task closed).
 */
export async function completeTask(deps: ServiceDeps, caller: Caller, input: { id: string; variables: Variables }) {
  const { principal } = caller;
  const visible = await findTask(deps, caller, 'complete', input.id);
  await withTaskLock(deps, visible.id, async (tx) => {
    const task = await tx.userTask.findUniqueOrThrow({ where: { id: visible.id }, include: taskInclude });
    // A COMPLETED row may describe a completion the workflow lost (see completeAgain); any other closed state is final.
    if (task.state !== 'COMPLETED') assertOpen(task);
    assertNotDelegated(task);
    if (task.assignee && task.assignee !== principal.username) {
      throw new AppError('TASK_CLAIMED', `Task ${task.id} is claimed by ${task.assignee}; claim it before completing.`);
    }
    await assertSubmissionAllowed(deps.prisma, task, input.variables);
    const complete = engineTasks.completeTask(engineDeps(deps), {
      task,
      variables: input.variables,
      completedBy: principal.username,
    });
    await (task.state === 'COMPLETED' ? completeAgain(task, complete) : complete);
  });
  return { id: visible.id, state: 'COMPLETED' as const };
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
