/** Work-queue projections of user tasks. Each write is idempotent: a retried activity changes nothing twice. */
import type { Variables } from '../shared/feel';
import { asJson } from '../platform/db';
import type { ActivityDeps } from './deps';

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
      // The first candidate group that names an org unit places the task in the org chart (for dashboards).
      const group = input.candidateGroups.length
        ? await prisma.group.findFirst({ where: { code: { in: input.candidateGroups }, orgUnitId: { not: null } } })
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
          orgUnitId: group?.orgUnitId ?? null,
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
      await prisma.$transaction([
        prisma.userTask.updateMany({
          where: { id: input.taskId, state: 'CREATED' },
          data: { state: 'COMPLETED', completedAt: at, completedBy: input.completedBy, result: asJson(input.result) },
        }),
        prisma.processInstance.update({
          where: { id: input.instanceId },
          data: { variables: asJson(input.variables) },
        }),
        prisma.auditLog.create({
          data: {
            at,
            actor: input.completedBy,
            action: 'task.completed',
            objectType: 'UserTask',
            objectId: input.taskId,
            details: { instanceId: input.instanceId },
          },
        }),
      ]);
    },
  };
}
