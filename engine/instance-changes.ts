/** What modification and migration share: the running-state check, the workflow's refusals as API errors, audit. */
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { ProcessInstance } from '../prisma/generated/client';
import { asJson } from '../platform/db';
import { AppError } from '../shared/app-error';
import { FailureType } from '../shared/workflow-contract';
import type { EngineDeps } from './deps';

/** The index row of an instance that is still running, else 404 or 409. */
export async function runningInstance(
  deps: EngineDeps,
  instanceId: string,
  operation: string,
): Promise<ProcessInstance> {
  const instance = await deps.prisma.processInstance.findUnique({ where: { id: instanceId } });
  if (!instance) throw new AppError('NOT_FOUND', `No process instance ${instanceId}.`);
  if (instance.state !== 'ACTIVE' && instance.state !== 'INCIDENT') {
    throw new AppError(
      'CONFLICT',
      `Instance ${instanceId} is ${instance.state.toLowerCase()}; only running instances can be ${operation}.`,
    );
  }
  return instance;
}

/** The workflow's validator refused: the element in the way (422), an instance not at rest or ended (409). */
export function toChangeError(error: unknown, instanceId: string): unknown {
  if (error instanceof WorkflowNotFoundError)
    return new AppError('CONFLICT', `Instance ${instanceId} has already ended.`);
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const { type, message, details } = error.cause;
    if (type === FailureType.ChangeRefused) {
      const elementId = (details?.[0] as { elementId?: string } | undefined)?.elementId || undefined;
      return new AppError('INSTANCE_CHANGE_REFUSED', message, { elementId });
    }
    if (type === FailureType.InstanceBusy) return new AppError('CONFLICT', message);
  }
  return error;
}

export function auditChange(
  deps: EngineDeps,
  input: { instanceId: string; action: string; by: string; details: object },
) {
  return deps.prisma.auditLog.create({
    data: {
      actor: input.by,
      action: input.action,
      objectType: 'ProcessInstance',
      objectId: input.instanceId,
      details: asJson(input.details),
    },
  });
}
