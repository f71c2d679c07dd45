/**
 * What every task operation shares: finding the task if the caller may see it (else 404), taking turns on one task,
 * the state checks that answer 409, and the audit row written in the operation's transaction.
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
 * Runs `work` in a transaction holding the task's advisory lock, so that operations on one task (claim, hand-over,
 * completion) take turns; the conditional updates inside still decide who wins. A completion waits for the
 * workflow's update inside, hence the generous timeout.
 */
export function withTaskLock<T>({ prisma }: ServiceDeps, taskId: string, work: (tx: TaskTx) => Promise<T>): Promise<T> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${taskId}, 0))`;
      return work(tx);
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
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
