/** Completing a user task: a Temporal update the waiting workflow validates (an open task, valid variables). */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { UserTask } from '../prisma/generated/client';
import { AppError } from '../shared/app-error';
import type { Variables } from '../shared/feel';
import { completeTaskUpdate, FailureType } from '../shared/workflow-contract';
import type { EngineDeps } from './deps';
import { suspendedInstanceError } from './suspension';

/** Returns once the workflow has closed the task row, so a caller reading the queue next sees it closed. */
export async function completeTask(
  deps: EngineDeps,
  input: { task: Pick<UserTask, 'id' | 'processInstanceId'>; variables: Variables; completedBy: string },
): Promise<void> {
  const { id, processInstanceId } = input.task;
  try {
    await deps.temporal.workflow.getHandle(processInstanceId).executeUpdate(completeTaskUpdate, {
      args: [{ taskId: id, variables: input.variables, completedBy: input.completedBy }],
    });
  } catch (error) {
    throw toCompletionError(error, id);
  }
}

function toCompletionError(error: unknown, id: string): unknown {
  const suspended = suspendedInstanceError(error);
  if (suspended) return suspended;
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    if (error.cause.type === FailureType.TaskNotOpen)
      return new AppError('TASK_NOT_OPEN', `Task ${id} is already completed.`);
    if (error.cause.type === FailureType.InvalidVariables)
      return new AppError('VALIDATION_FAILED', error.cause.message);
  }
  return error;
}
