/** What modification and migration share: the running-state check, the workflow's refusals as API errors, audit. */
import { setTimeout as sleep } from 'node:timers/promises';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { ProcessInstance } from '../prisma/generated/client';
import { asJson } from '../platform/db';
import { AppError } from '../shared/app-error';
import { FailureType, openTasksQuery } from '../shared/workflow-contract';
import { appendAudit, type AuditWriter } from './audit';
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

/** How long a change waits for the run it continues as; the hand-over takes one workflow task. */
const HAND_OVER_TIMEOUT_MS = 10_000;
/** How long a change is tried again while the instance moves between two waits. */
const BUSY_RETRY_MS = 3_000;

/**
 * Sends a change and returns once the run it continued as has restarted the waits: a completion sent right after
 * the change then finds its task registered (a new run's first workflow task may otherwise not have run yet).
 */
export async function changeAndHandOver<T>(
  deps: EngineDeps,
  instanceId: string,
  send: (handle: WorkflowHandle) => Promise<T>,
): Promise<T> {
  const handle = deps.temporal.workflow.getHandle(instanceId);
  let result: T;
  let previousRunId: string;
  try {
    previousRunId = (await handle.describe()).runId;
    result = await sendWhenAtRest(handle, send);
  } catch (error) {
    throw toChangeError(error, instanceId);
  }
  const deadline = Date.now() + HAND_OVER_TIMEOUT_MS;
  for (;;) {
    const { runId, status } = await handle.describe();
    if (status.name !== 'RUNNING') return result;
    if (runId !== previousRunId) break;
    if (Date.now() > deadline) {
      deps.logger.warn({ instanceId }, 'the changed instance has not continued as new yet');
      return result;
    }
    await sleep(50);
  }
  // A query is answered after the new run's pending workflow task, in which every wait registers again.
  await handle.query(openTasksQuery);
  return result;
}

/**
 * An instance between two steps (a task row written, its wait not yet parked) is busy for a moment: the change is
 * tried again for a little while before the refusal stands.
 */
async function sendWhenAtRest<T>(handle: WorkflowHandle, send: (handle: WorkflowHandle) => Promise<T>): Promise<T> {
  const deadline = Date.now() + BUSY_RETRY_MS;
  for (;;) {
    try {
      return await send(handle);
    } catch (error) {
      if (!isRefusal(error, FailureType.InstanceBusy) || Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}

function isRefusal(error: unknown, type: string): error is WorkflowUpdateFailedError & { cause: ApplicationFailure } {
  return (
    error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type === type
  );
}

/** The workflow's validator refused: the element in the way (422), an instance not at rest or ended (409). */
function toChangeError(error: unknown, instanceId: string): unknown {
  if (error instanceof WorkflowNotFoundError)
    return new AppError('CONFLICT', `Instance ${instanceId} has already ended.`);
  if (isRefusal(error, FailureType.ChangeRefused)) {
    const elementId = (error.cause.details?.[0] as { elementId?: string } | undefined)?.elementId || undefined;
    return new AppError('INSTANCE_CHANGE_REFUSED', error.cause.message, { elementId });
  }
  if (isRefusal(error, FailureType.InstanceBusy)) return new AppError('CONFLICT', error.cause.message);
  return error;
}

export async function auditChange(
  db: AuditWriter,
  input: { instanceId: string; action: string; by: string; sourceAddress?: string; details: object },
): Promise<void> {
  await appendAudit(db, {
    actor: input.by,
    sourceAddress: input.sourceAddress,
    action: input.action,
    objectType: 'ProcessInstance',
    objectId: input.instanceId,
    details: asJson(input.details),
  });
}
