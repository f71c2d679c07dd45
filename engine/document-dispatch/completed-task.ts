import type { Prisma } from '../../platform/db';

/**
 * Who did a step and when: the completed task of an element in an instance (for a multi-instance task, the one
 * offered to `user`). The service task after it records the person; the task row is the only place that knows.
 */
export function completedTask(
  db: Prisma.TransactionClient,
  instanceId: string | null,
  elementId: string,
  user?: string,
) {
  if (!instanceId) return Promise.resolve(null);
  return db.userTask.findFirst({
    where: {
      processInstanceId: instanceId,
      elementId,
      state: 'COMPLETED',
      ...(user ? { candidateUsers: { has: user } } : {}),
    },
    orderBy: { completedAt: 'desc' },
  });
}
