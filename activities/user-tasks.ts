/** Work-queue projections of user tasks. Each write is idempotent: a retried activity changes nothing twice. */
import type { Variables } from '../shared/feel';
import { asJson } from '../platform/db';
import { variableChanges } from '../engine/variable-changes';
import type { ActivityDeps } from './deps';
import { appendAudit } from '../engine/audit';

export interface CreateUserTaskInput {
  taskId: string;
  instanceId: string;
  elementId: string;
  elementInstanceId: string;
  name: string;
  assignee?: string;
  candidateGroups: string[];
  candidateUsers: string[];
  dueAt?: string;
  followUpAt?: string;
  priority: number;
  form?: Record<string, string | undefined>;
}

export interface CompleteUserTaskInput {
  taskId: string;
  instanceId: string;
  completedBy: string;
  result: Variables;
  /** The instance variables after the completion, projected to the instance index in the same transaction. */
  variables: Variables;
}

export function createUserTaskActivities({ prisma, now }: ActivityDeps) {
  return {
    async createUserTask(input: CreateUserTaskInput): Promise<void> {
      // The first candidate group that names an org unit places the task in the org chart (for dashboards). A task
      // offered to no one is unassigned work of the instance's unit, whose people may claim it
      // (docs/zeebe-compatibility.md).
      const group = input.candidateGroups.length
        ? await prisma.group.findFirst({ where: { code: { in: input.candidateGroups }, orgUnitId: { not: null } } })
        : null;
      const unassignedWork = !input.assignee && !input.candidateGroups.length && !input.candidateUsers.length;
      const instance = unassignedWork
        ? await prisma.processInstance.findUnique({ where: { id: input.instanceId }, select: { orgUnitId: true } })
        : null;
      await prisma.userTask.upsert({
        where: {
          processInstanceId_elementInstanceId: {
            processInstanceId: input.instanceId,
            elementInstanceId: input.elementInstanceId,
          },
        },
        update: {},
        create: {
          id: input.taskId,
          processInstanceId: input.instanceId,
          elementId: input.elementId,
          elementInstanceId: input.elementInstanceId,
          name: input.name,
          assignee: input.assignee ?? null,
          candidateGroups: input.candidateGroups,
          candidateUsers: input.candidateUsers,
          dueAt: input.dueAt ? new Date(input.dueAt) : null,
          followUpAt: input.followUpAt ? new Date(input.followUpAt) : null,
          priority: input.priority,
          form: input.form ?? undefined,
          orgUnitId: group?.orgUnitId ?? instance?.orgUnitId ?? null,
          createdAt: now(),
        },
      });
    },

    async updateUserTaskDueDate(input: { taskId: string; dueAt: string }): Promise<void> {
      await prisma.userTask.updateMany({
        where: { id: input.taskId, state: 'CREATED' },
        data: { dueAt: new Date(input.dueAt) },
      });
    },

    async cancelUserTask(input: { taskId: string }): Promise<void> {
      await prisma.userTask.updateMany({
        where: { id: input.taskId, state: 'CREATED' },
        data: { state: 'CANCELED', completedAt: now() },
      });
    },

    async completeUserTask(input: CompleteUserTaskInput): Promise<void> {
      const at = now();
      await prisma.$transaction(async (tx) => {
        const completed = await tx.userTask.updateMany({
          where: { id: input.taskId, state: 'CREATED' },
          data: { state: 'COMPLETED', completedAt: at, completedBy: input.completedBy, result: asJson(input.result) },
        });
        const before = await tx.processInstance.findUniqueOrThrow({
          where: { id: input.instanceId },
          select: { variables: true },
        });
        await tx.processInstance.update({
          where: { id: input.instanceId },
          data: { variables: asJson(input.variables) },
        });
        // A retried activity finds the task completed already: its changes and its audit entry are written once.
        if (completed.count > 0) {
          const origin = {
            instanceId: input.instanceId,
            source: 'task',
            sourceId: input.taskId,
            changedBy: input.completedBy,
            at,
          } as const;
          // What the person submitted is theirs; other differences the process made since the last projection.
          const changes = variableChanges(before.variables as Variables, input.variables, origin).map((change) =>
            change.name in input.result ? change : { ...change, source: 'process', sourceId: null, changedBy: null },
          );
          await tx.variableChange.createMany({ data: changes });
          await appendAudit(tx, {
            at,
            actor: input.completedBy,
            action: 'task.completed',
            objectType: 'UserTask',
            objectId: input.taskId,
            details: { instanceId: input.instanceId },
          });
        }
      });
    },
  };
}
