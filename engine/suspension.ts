/**
 * Suspending and resuming an instance through its workflow (workflows/suspension.ts), the only authority on whether
 * it is held: the update's validator refuses the wrong state before anything reaches history.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { ProcessInstance } from '../prisma/generated/client';
import { AppError } from '../shared/app-error';
import { FailureType, resumeInstanceUpdate, suspendInstanceUpdate } from '../shared/workflow-contract';
import type { EngineDeps } from './deps';

export interface SuspensionInput {
  instance: Pick<ProcessInstance, 'id' | 'state'>;
  by: string;
  reason?: string;
}

/** Holds the instance where it is; returns its index row, which the workflow has marked suspended. */
export function suspendInstance(deps: EngineDeps, input: SuspensionInput): Promise<ProcessInstance> {
  return changeSuspension(deps, input, 'suspend');
}

/** Lets a suspended instance move again; what came due meanwhile happens now, once. */
export function resumeInstance(deps: EngineDeps, input: SuspensionInput): Promise<ProcessInstance> {
  return changeSuspension(deps, input, 'resume');
}

async function changeSuspension(
  deps: EngineDeps,
  { instance, by, reason }: SuspensionInput,
  change: 'suspend' | 'resume',
): Promise<ProcessInstance> {
  const { id, state } = instance;
  if (state !== 'ACTIVE' && state !== 'INCIDENT')
    throw new AppError('CONFLICT', `Instance ${id} is ${state.toLowerCase()}; only running instances can be held.`);
  const update = change === 'suspend' ? suspendInstanceUpdate : resumeInstanceUpdate;
  try {
    await deps.temporal.workflow.getHandle(id).executeUpdate(update, { args: [{ by, reason }] });
  } catch (error) {
    throw toSuspensionError(error, id);
  }
  return deps.prisma.processInstance.findUniqueOrThrow({ where: { id } });
}

function toSuspensionError(error: unknown, id: string): unknown {
  if (error instanceof WorkflowNotFoundError) return new AppError('CONFLICT', `Instance ${id} has already ended.`);
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    if (error.cause.type === FailureType.InstanceSuspended)
      return new AppError('INSTANCE_SUSPENDED', `Instance ${id} is already suspended.`);
    if (error.cause.type === FailureType.InstanceNotSuspended)
      return new AppError('INSTANCE_NOT_SUSPENDED', `Instance ${id} is not suspended.`);
  }
  return error;
}

/** A task completion or incident retry the workflow refused because the instance is suspended, as an API error. */
export function suspendedInstanceError(error: unknown): AppError | undefined {
  if (
    error instanceof WorkflowUpdateFailedError &&
    error.cause instanceof ApplicationFailure &&
    error.cause.type === FailureType.InstanceSuspended
  )
    return new AppError('INSTANCE_SUSPENDED', error.cause.message);
  return undefined;
}
