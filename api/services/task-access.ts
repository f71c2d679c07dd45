/**
 * What every task operation shares: finding the task if the caller may see it (else 404), taking turns on one task,
 * the completion lease, the state checks that answer 409, and the audit row written in the operation's transaction.
 */
import { AppError } from '../../shared/app-error';
import type { Prisma } from '../../platform/db';
import type { ServiceDeps } from '../deps';
import { accessibleWhere, type Action, type Caller } from '../auth/ability';
import { findVisible } from './visible';
import { appendAudit } from '../../engine/audit';

export const taskInclude = {
  processInstance: {
    select: { bpmnProcessId: true, businessKey: true, variables: true, definitionId: true, classification: true },
  },
} as const;
export type TaskRow = Prisma.UserTaskGetPayload<{ include: typeof taskInclude }>;

/** A transaction client: an operation writes its row change and its audit row through one. */
export type TaskTx = Prisma.TransactionClient;

export function findTask({ prisma }: ServiceDeps, caller: Caller, action: Action, id: string): Promise<TaskRow> {
  return findVisible(caller, action, 'UserTask', id, (where) =>
    prisma.userTask.findFirst({ where, include: taskInclude }),
  );
}

/**
 * Whether the caller may `action` this task, asked of the database like every other check (docs/conventions.md §8):
 * the ability's conditions reach through the task's instance, which the loaded row does not carry.
 */
export async function mayOnTask({ prisma }: ServiceDeps, { ability }: Caller, action: Action, id: string) {
  const allowed = accessibleWhere(ability, action, 'UserTask');
  return allowed !== null && (await prisma.userTask.count({ where: { AND: [allowed, { id }] } })) > 0;
}

/**
 * Runs `work` in a transaction holding the task's advisory lock, so that hand-overs on one task (claim, assign,
 * delegate) take turns; the conditional updates inside still decide who wins. Nothing inside waits for Temporal:
 * a completion takes a lease instead (`completionLease`).
 */
export function withTaskLock<T>({ prisma }: ServiceDeps, taskId: string, work: (tx: TaskTx) => Promise<T>): Promise<T> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${taskId}, 0))`;
      return work(tx);
    },
    { maxWait: 10_000 },
  );
}

/**
 * How long a completion keeps hand-overs off its task while the workflow's update is on its way: the longest a
 * completion used to hold its transaction. A crashed API leaves a lease that simply runs out.
 */
const COMPLETION_LEASE_MS = 60_000;

export function completionLease(now: Date): Date {
  return new Date(now.getTime() + COMPLETION_LEASE_MS);
}

/** The condition every hand-over adds to its conditional update: no completion is on its way. */
export function notCompleting(now: Date): Prisma.UserTaskWhereInput {
  return { OR: [{ completingUntil: null }, { completingUntil: { lt: now } }] };
}

export function assertNotCompleting(task: Pick<TaskRow, 'id' | 'completingUntil'>, now: Date): void {
  if (task.completingUntil && task.completingUntil >= now) {
    throw new AppError('TASK_NOT_OPEN', `Task ${task.id} is being completed.`);
  }
}

export function assertOpen(task: Pick<TaskRow, 'id' | 'state'>): void {
  if (task.state !== 'CREATED') throw new AppError('TASK_NOT_OPEN', `Task ${task.id} is ${task.state.toLowerCase()}.`);
}

export function assertNotDelegated(task: Pick<TaskRow, 'id' | 'delegationState' | 'assignee'>): void {
  if (task.delegationState === 'PENDING') throw delegatedError(task);
}

export function delegatedError(task: Pick<TaskRow, 'id' | 'assignee'>): AppError {
  return new AppError(
    'TASK_DELEGATED',
    `Task ${task.id} is delegated to ${task.assignee ?? 'someone'}; it comes back once they resolve it.`,
  );
}

export async function auditTask(
  tx: TaskTx,
  { principal, sourceAddress }: Caller,
  action: string,
  taskId: string,
  details: Prisma.InputJsonObject = {},
): Promise<void> {
  await appendAudit(tx, {
    actor: principal.username,
    sourceAddress,
    action,
    objectType: 'UserTask',
    objectId: taskId,
    details,
  });
}
