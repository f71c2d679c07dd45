/**
 * Batch operations: one operation (cancel, retry, migrate) over many instances, worked through by a batch workflow
 * (workflows/batch.ts) an item at a time. The Batch row counts what is done and what failed; each item leaves
 * PENDING exactly once, so a retried chunk repeats nothing.
 */
import { randomUUID } from 'node:crypto';
import type { Batch, BatchOperation } from '../prisma/generated/client';
import { AppError } from '../shared/app-error';
import { BATCH_WORKFLOW, batchWorkflowId } from '../shared/workflow-contract';
import { asJson } from '../platform/db';
import { appendAudit, type AuditedPerson, type AuditOutcome } from './audit';
import type { EngineDeps } from './deps';
import { resolveIncident } from './incidents';
import { cancelInstance } from './instances';
import { migrateInstance, type MigrateInstanceRequest } from './migration';

export type MigrateParameters = Omit<MigrateInstanceRequest, 'instanceId' | 'by'>;

export interface CreateBatchInput {
  operation: BatchOperation;
  /** In the order to work them; duplicates are dropped. */
  instanceIds: string[];
  /** Those of them the caller may not operate on: recorded as failed items at once, and never touched. */
  refusedIds?: string[];
  reason?: string;
  migrate?: MigrateParameters;
  createdBy: AuditedPerson;
}

export const REFUSED_ITEM = 'no such instance, or not yours to operate on';

/** Stores the batch and its items, then starts its workflow. */
export async function createBatch(deps: EngineDeps, input: CreateBatchInput): Promise<Batch> {
  const refused = new Set(input.refusedIds ?? []);
  const ids = [...new Set(input.instanceIds)];
  const id = randomUUID();
  const auditEntry = (action: string, outcome: AuditOutcome) => ({
    actor: input.createdBy.username,
    sourceAddress: input.createdBy.sourceAddress,
    action,
    objectType: 'Batch',
    objectId: id,
    outcome,
    details: { operation: input.operation, total: ids.length, ...(input.reason ? { reason: input.reason } : {}) },
  });
  const batch = await deps.prisma.$transaction(async (tx) => {
    const created = await tx.batch.create({
      data: {
        id,
        operation: input.operation,
        createdById: input.createdBy.id,
        createdBy: input.createdBy.username,
        reason: input.reason,
        parameters: input.migrate ? asJson(input.migrate) : undefined,
        total: ids.length,
        failed: ids.filter((instanceId) => refused.has(instanceId)).length,
        items: {
          create: ids.map((instanceId, position) =>
            refused.has(instanceId)
              ? { position, instanceId, state: 'FAILED' as const, error: REFUSED_ITEM }
              : { position, instanceId },
          ),
        },
      },
    });
    await appendAudit(tx, auditEntry('batch.created', 'success'));
    return created;
  });
  try {
    await deps.temporal.workflow.start(BATCH_WORKFLOW, {
      taskQueue: deps.taskQueue,
      workflowId: batchWorkflowId(id),
      args: [{ batchId: id }],
    });
  } catch (error) {
    // Nothing would ever work the items: the batch goes again rather than showing RUNNING forever.
    await deps.prisma.$transaction(async (tx) => {
      await tx.batch.delete({ where: { id } });
      await appendAudit(tx, auditEntry('batch.notStarted', 'failure'));
    });
    deps.logger.error({ err: error, batchId: id }, 'could not start the batch workflow');
    throw new AppError('DEPENDENCY_UNAVAILABLE', 'The process engine (Temporal) did not accept the batch; try again.');
  }
  return batch;
}

/** Works the next `size` pending items of a batch; returns how many are still pending. */
export async function runBatchChunk(deps: EngineDeps, input: { batchId: string; size: number }): Promise<number> {
  const { prisma } = deps;
  const batch = await prisma.batch.findUniqueOrThrow({ where: { id: input.batchId } });
  const items = await prisma.batchItem.findMany({
    where: { batchId: batch.id, state: 'PENDING' },
    orderBy: { position: 'asc' },
    take: input.size,
  });
  for (const item of items) {
    let error: string | undefined;
    try {
      await runItem(deps, batch, item.instanceId);
    } catch (failure) {
      // A technical failure (the database or Temporal unreachable) retries the chunk; anything the item itself
      // refuses (an AppError) is that item's failure, and the others go on.
      if (!(failure instanceof AppError)) throw failure;
      error = failure.message;
    }
    await prisma.$transaction(async (tx) => {
      const moved = await tx.batchItem.updateMany({
        where: { batchId: batch.id, position: item.position, state: 'PENDING' },
        data: error === undefined ? { state: 'DONE' } : { state: 'FAILED', error },
      });
      if (moved.count === 1)
        await tx.batch.update({
          where: { id: batch.id },
          data: error === undefined ? { done: { increment: 1 } } : { failed: { increment: 1 } },
        });
    });
  }
  return prisma.batchItem.count({ where: { batchId: batch.id, state: 'PENDING' } });
}

/** Every item has been worked: the batch is COMPLETED (its counts say how many failed). */
export async function finishBatch(deps: EngineDeps, input: { batchId: string }): Promise<void> {
  await deps.prisma.batch.updateMany({
    where: { id: input.batchId, state: 'RUNNING' },
    data: { state: 'COMPLETED', endedAt: (deps.now ?? (() => new Date()))() },
  });
}

async function runItem(deps: EngineDeps, batch: Batch, instanceId: string): Promise<void> {
  const instance = await deps.prisma.processInstance.findUnique({ where: { id: instanceId } });
  if (!instance) throw new AppError('NOT_FOUND', REFUSED_ITEM);
  const by = batch.createdBy;
  switch (batch.operation) {
    case 'CANCEL':
      // Already cancelled (say, by this item's earlier attempt): the goal holds.
      if (instance.state === 'CANCELED') return;
      await cancelInstance(deps, { instance, reason: batch.reason ?? `batch ${batch.id}`, cancelledBy: by });
      return;
    case 'RETRY': {
      const incidents = await deps.prisma.incident.findMany({
        where: { processInstanceId: instanceId, state: 'OPEN' },
      });
      if (incidents.length === 0) throw new AppError('CONFLICT', `Instance ${instanceId} has no open incident.`);
      for (const incident of incidents) await resolveIncident(deps, { incident, resolvedBy: by });
      return;
    }
    case 'MIGRATE':
      await migrateInstance(deps, { instanceId, ...(batch.parameters as MigrateParameters), by });
      return;
  }
}
