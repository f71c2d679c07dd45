/**
 * Who works on a task: claim and unclaim, assign (or reassign), delegate and resolve, in bulk too, and the
 * assignee's follow-up date and priority. Every operation is a conditional update on the state it expects (and on no
 * completion being on its way), under the task's lock and audited in the same transaction, so of two racing requests
 * exactly one wins and the other is told why (docs/work-queues.md).
 */
import { z } from 'zod';
import { AppError, errorStatus, type ErrorCode } from '../../shared/app-error';
import type { Variables } from '../../shared/feel';
import { admitToClassifiedWork } from '../../engine/classified/need-to-know';
import { assertSubmissionAllowed } from '../../engine/task-submission';
import { asJson, type Prisma } from '../../platform/db';
import type { ServiceDeps } from '../deps';
import type { Caller } from '../auth/ability';
import { mayHandleClassified, securityActor } from './classified-reading';
import { getTask } from './tasks';
import {
  assertNotCompleting,
  assertNotDelegated,
  assertOpen,
  auditTask,
  delegatedError,
  findTask,
  mayOnTask,
  notCompleting,
  taskInclude,
  withTaskLock,
  type TaskRow,
  type TaskTx,
} from './task-access';

/** Runs one conditional update under the task's lock; none matched means someone else changed the task first. */
async function changeTask(
  deps: ServiceDeps,
  caller: Caller,
  task: TaskRow,
  change: {
    expected: Prisma.UserTaskWhereInput;
    data: Prisma.UserTaskUpdateManyMutationInput;
    audit: string;
    details?: Prisma.InputJsonObject;
    /** The refusal when the task is open but no longer as expected. */
    lost?: (now: TaskRow) => AppError;
  },
) {
  await withTaskLock(deps, task.id, async (tx: TaskTx) => {
    const at = new Date();
    const changed = await tx.userTask.updateMany({
      where: { id: task.id, state: 'CREATED', AND: [change.expected, notCompleting(at)] },
      data: change.data,
    });
    if (changed.count === 0) {
      const now = await tx.userTask.findUniqueOrThrow({ where: { id: task.id }, include: taskInclude });
      assertOpen(now);
      assertNotCompleting(now, at);
      throw change.lost?.(now) ?? new AppError('CONFLICT', `Task ${task.id} changed meanwhile; reload it.`);
    }
    await auditTask(tx, caller, change.audit, task.id, change.details);
  });
  return getTask(deps, caller, task.id);
}

/** A candidate without clearance (or not on the need-to-know list) does not see a classified task: 404. */
async function assertNotHiddenByClassification(deps: ServiceDeps, caller: Caller, task: TaskRow): Promise<void> {
  const access = await mayHandleClassified(deps, caller.principal, task.processInstanceId);
  if (access.classified && !access.allowed) throw new AppError('NOT_FOUND', `No task ${task.id} is visible to you.`);
}

const claimedBy = (task: TaskRow, what: string) =>
  new AppError('TASK_CLAIMED', `Task ${task.id} is claimed by ${task.assignee ?? 'nobody'}; ${what}.`);

export async function claimTask(deps: ServiceDeps, caller: Caller, id: string) {
  const { username } = caller.principal;
  const task = await findTask(deps, caller, 'claim', id);
  await assertNotHiddenByClassification(deps, caller, task);
  assertOpen(task);
  assertNotDelegated(task);
  return changeTask(deps, caller, task, {
    expected: { OR: [{ assignee: null }, { assignee: username }], delegationState: { not: 'PENDING' } },
    data: { assignee: username, claimedAt: new Date() },
    audit: 'task.claimed',
    lost: (now) => (now.delegationState === 'PENDING' ? delegatedError(now) : claimedBy(now, 'it cannot be claimed')),
  });
}

export async function unclaimTask(deps: ServiceDeps, caller: Caller, id: string) {
  const { principal, ability } = caller;
  const task = await findTask(deps, caller, 'claim', id);
  assertOpen(task);
  assertNotDelegated(task);
  const mayReleaseAny = ability.can('manage', 'all');
  if (task.assignee && task.assignee !== principal.username && !mayReleaseAny) {
    throw claimedBy(task, 'only they can release it');
  }
  return changeTask(deps, caller, task, {
    expected: { assignee: task.assignee, delegationState: { not: 'PENDING' } },
    // A returned delegation ends with the owner letting go; the draft stays for whoever completes the task.
    data: { assignee: null, claimedAt: null, owner: null, delegationState: 'NONE' },
    audit: 'task.unclaimed',
    lost: (now) => (now.delegationState === 'PENDING' ? delegatedError(now) : claimedBy(now, 'it was not released')),
  });
}

/**
 * Assigns (or reassigns) a task to one of its candidates. The current assignee, a head of the task's unit and an
 * administrator may; someone who only sees the task is refused 403.
 */
export async function assignTask(deps: ServiceDeps, caller: Caller, input: { id: string; userId: string }) {
  const task = await findTask(deps, caller, 'read', input.id);
  if (!(await mayOnTask(deps, caller, 'assign', task.id))) {
    throw new AppError(
      'FORBIDDEN',
      `Only the assignee, a head of the task's unit or an administrator may assign task ${task.id}.`,
    );
  }
  assertOpen(task);
  assertNotDelegated(task);
  const assignee = await activeUser(deps, input.userId);
  assertCandidate(task, assignee);
  await admitToClassifiedWork(deps.prisma, securityActor(caller), {
    instanceId: task.processInstanceId,
    userId: assignee.id,
    now: new Date(),
  });
  return changeTask(deps, caller, task, {
    // The task as the caller saw it: a claim or completion in between makes this one lose.
    expected: { assignee: task.assignee, delegationState: { not: 'PENDING' } },
    data: { assignee: assignee.username, claimedAt: new Date(), owner: null, delegationState: 'NONE' },
    audit: task.assignee ? 'task.reassigned' : 'task.assigned',
    details: { from: task.assignee, to: assignee.username },
    lost: (now) =>
      now.delegationState === 'PENDING'
        ? delegatedError(now)
        : claimedBy(now, 'it changed hands while you assigned it'),
  });
}

/** The assignee hands the task to another person and stays its owner; it returns to them on resolve. */
export async function delegateTask(deps: ServiceDeps, caller: Caller, input: { id: string; userId: string }) {
  const { username } = caller.principal;
  const task = await findTask(deps, caller, 'read', input.id);
  assertOpen(task);
  assertNotDelegated(task);
  if (task.assignee !== username) throw claimedBy(task, 'only the assignee can delegate it');
  const delegate = await activeUser(deps, input.userId);
  if (delegate.username === username) {
    throw new AppError('TASK_ASSIGNEE_INVALID', 'Delegate to someone else: you already hold the task.');
  }
  await admitToClassifiedWork(deps.prisma, securityActor(caller), {
    instanceId: task.processInstanceId,
    userId: delegate.id,
    now: new Date(),
  });
  return changeTask(deps, caller, task, {
    expected: { assignee: username, delegationState: { not: 'PENDING' } },
    data: { owner: username, assignee: delegate.username, delegationState: 'PENDING' },
    audit: 'task.delegated',
    details: { to: delegate.username },
    lost: (now) => claimedBy(now, 'only the assignee can delegate it'),
  });
}

/** The delegate gives the task back to its owner, with the variables they filled in as the owner's draft. */
export async function resolveTask(deps: ServiceDeps, caller: Caller, input: { id: string; variables?: Variables }) {
  const { username } = caller.principal;
  const task = await findTask(deps, caller, 'read', input.id);
  assertOpen(task);
  if (task.delegationState !== 'PENDING' || task.assignee !== username || !task.owner) {
    throw new AppError('CONFLICT', `Task ${task.id} is not delegated to you; there is nothing to resolve.`);
  }
  // What the delegate hands back is what the owner will submit: it must be a submission the task accepts.
  if (input.variables) await assertSubmissionAllowed(deps.prisma, task, input.variables);
  return changeTask(deps, caller, task, {
    expected: { assignee: username, delegationState: 'PENDING' },
    data: {
      assignee: task.owner,
      delegationState: 'RESOLVED',
      ...(input.variables && { draftVariables: asJson(input.variables) }),
    },
    audit: 'task.resolved',
    details: { to: task.owner },
    lost: () => new AppError('CONFLICT', `Task ${task.id} is no longer delegated to you.`),
  });
}

/** The follow-up date and priority: the assignee's and the unit head's to set. */
export async function updateTask(
  deps: ServiceDeps,
  caller: Caller,
  input: { id: string; followUpAt?: Date | null; priority?: number },
) {
  const task = await findTask(deps, caller, 'read', input.id);
  if (!(await mayOnTask(deps, caller, 'assign', task.id))) {
    throw new AppError('FORBIDDEN', `Only the assignee or a head of the task's unit may plan task ${task.id}.`);
  }
  assertOpen(task);
  const { followUpAt, priority } = input;
  return changeTask(deps, caller, task, {
    expected: {},
    data: { followUpAt, priority },
    audit: 'task.planned',
    details: { followUpAt: followUpAt?.toISOString() ?? followUpAt, priority },
  });
}

/** What a bulk operation did to each task: done, or refused with the error's code and message. */
export const bulkAnswer = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      ok: z.boolean(),
      code: z.enum(Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]]).optional(),
      message: z.string().optional(),
    }),
  ),
});
type BulkResult = z.input<typeof bulkAnswer>['results'][number];

/** Runs one operation per task; a task that fails is reported with its reason and does not undo the others. */
export async function forEachTask(
  taskIds: string[],
  operation: (id: string) => Promise<unknown>,
): Promise<z.input<typeof bulkAnswer>> {
  const results: BulkResult[] = [];
  for (const id of taskIds) {
    try {
      await operation(id);
      results.push({ id, ok: true });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ id, ok: false, code: error.code, message: error.message });
    }
  }
  return { results };
}

async function activeUser({ prisma }: ServiceDeps, username: string) {
  const user = await prisma.user.findUnique({ where: { username }, include: { groups: true } });
  if (!user?.active) throw new AppError('TASK_ASSIGNEE_INVALID', `There is no active user ${username}.`);
  return user;
}

function assertCandidate(
  task: TaskRow,
  user: { username: string; orgUnitId: string | null; groups: Array<{ groupCode: string }> },
): void {
  const inCandidateGroup = user.groups.some(({ groupCode }) => task.candidateGroups.includes(groupCode));
  if (task.candidateUsers.includes(user.username) || inCandidateGroup) return;
  // A task offered to no one is its unit's work: any of the unit's people may be given it. Without a unit only an
  // administrator reaches it, and may give it to anyone (docs/zeebe-compatibility.md).
  const offeredToNoOne = task.candidateUsers.length === 0 && task.candidateGroups.length === 0;
  if (offeredToNoOne && (task.orgUnitId === null || user.orgUnitId === task.orgUnitId)) return;
  throw new AppError(
    'TASK_ASSIGNEE_INVALID',
    `${user.username} is not among the candidates of task ${task.id} (users ${task.candidateUsers.join(', ') || '-'}; groups ${task.candidateGroups.join(', ') || '-'}).`,
  );
}
