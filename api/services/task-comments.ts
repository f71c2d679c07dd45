/**
 * Comments on a task: anyone who may read the task reads and writes them while it is open; they stay with the task
 * after it closes, as part of the instance's record.
 */
import { z } from 'zod';
import type { PrismaClient } from '../../platform/db';
import type { ServiceDeps } from '../deps';
import type { Caller } from '../auth/ability';
import { recordClassifiedReading } from './classified-reading';
import { assertOpen, auditTask, findTask } from './task-access';
import { instant } from './answer-fields';

export const MAX_COMMENT_LENGTH = 2000;

const commentFields = { id: true, author: true, text: true, at: true } as const;
export const commentAnswer = z.object({ id: z.string(), author: z.string(), text: z.string(), at: instant });
type CommentAnswer = z.input<typeof commentAnswer>;

export function listComments(prisma: PrismaClient, taskId: string): Promise<CommentAnswer[]> {
  return prisma.taskComment.findMany({
    where: { taskId },
    select: commentFields,
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
  });
}

export async function commentsOf(deps: ServiceDeps, caller: Caller, taskId: string): Promise<CommentAnswer[]> {
  const task = await findTask(deps, caller, 'read', taskId);
  await recordClassifiedReading(deps, caller, {
    instanceId: task.processInstanceId,
    itemType: 'task-comments',
    itemId: task.id,
  });
  return listComments(deps.prisma, task.id);
}

export async function addComment(
  deps: ServiceDeps,
  caller: Caller,
  input: { taskId: string; text: string },
): Promise<CommentAnswer> {
  const task = await findTask(deps, caller, 'read', input.taskId);
  assertOpen(task);
  return deps.prisma.$transaction(async (tx) => {
    const comment = await tx.taskComment.create({
      data: { taskId: task.id, author: caller.principal.username, text: input.text },
      select: commentFields,
    });
    await auditTask(tx, caller, 'task.commented', task.id, { commentId: comment.id });
    return comment;
  });
}
