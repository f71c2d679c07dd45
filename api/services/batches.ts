/**
 * Batch operations for operators: the caller's right to the operation is checked once, for each instance, when the
 * batch is created; instances they may not operate on become failed items and are never touched. Batches are
 * followed by the person who started them (administrators see every one).
 */
import { z } from 'zod';
import type { Batch, BatchItem, BatchOperation } from '../../prisma/generated/client';
import { BatchState } from '../../prisma/generated/enums';
import { AppError } from '../../shared/app-error';
import * as engineBatches from '../../engine/batches';
import { accessibleWhere, type Action, type Caller } from '../auth/ability';
import { engineDeps, type ServiceDeps } from '../deps';
import { isUuid } from '../validation';
import { findVisible } from './visible';
import { selectInstanceIds } from './instance-search';
import { parseInstanceQuery, type InstanceFilter } from '../../engine/instance-search';
import { MAX_BATCH_ITEMS } from '../routes/batches';
import { instant } from './answer-fields';

export const batchOperationName = z.enum(['cancel', 'retry', 'migrate']);
export type BatchOperationName = z.infer<typeof batchOperationName>;

export interface CreateBatchRequest {
  operation: BatchOperationName;
  /** The instances: named, or selected by the instance search's filter (its query fields). */
  instanceIds?: string[];
  filter?: Record<string, string | string[]>;
  reason?: string;
  migrate?: engineBatches.MigrateParameters;
}

/** What a caller needs for each operation: a right over the instance, and for a retry the right to resolve incidents. */
const rights: Record<BatchOperationName, { instance: Action; incidents?: Action; operation: BatchOperation }> = {
  cancel: { instance: 'cancel', operation: 'CANCEL' },
  retry: { instance: 'read', incidents: 'resolve', operation: 'RETRY' },
  migrate: { instance: 'migrate', operation: 'MIGRATE' },
};

/** Failed items shown with a batch; the counts cover the rest. */
const FAILURES_SHOWN = 100;

/** A batch with its progress; `migrate` for a migration, `failures` (the first hundred) when read alone. */
export const batchAnswer = z.object({
  id: z.string(),
  operation: batchOperationName,
  createdBy: z.string(),
  reason: z.string().nullable(),
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  state: z.enum(BatchState),
  createdAt: instant,
  endedAt: instant.nullable(),
  migrate: z.object({ targetDefinitionId: z.string(), mapping: z.record(z.string(), z.string()) }).optional(),
  failures: z.array(z.object({ instanceId: z.string(), error: z.string().nullable() })).optional(),
});
type BatchAnswer = z.input<typeof batchAnswer>;

function toBatchDto(batch: Batch, failures?: Array<Pick<BatchItem, 'instanceId' | 'error'>>): BatchAnswer {
  const { parameters, createdById: _createdById, ...rest } = batch;
  return {
    ...rest,
    operation: batch.operation.toLowerCase() as BatchOperationName,
    ...(parameters ? { migrate: parameters as BatchAnswer['migrate'] } : {}),
    ...(failures ? { failures } : {}),
  };
}

export async function createBatch(deps: ServiceDeps, caller: Caller, request: CreateBatchRequest) {
  const right = rights[request.operation];
  const allowed = accessibleWhere(caller.ability, right.instance, 'ProcessInstance');
  if (!allowed || (right.incidents && !caller.ability.can(right.incidents, 'Incident')))
    throw new AppError('FORBIDDEN', `Your role may not ${request.operation} process instances.`);
  const requested = request.filter
    ? await selectInstanceIds(deps, caller, {
        filter: selection(request.filter),
        action: right.instance,
        max: MAX_BATCH_ITEMS,
      })
    : [...new Set(request.instanceIds)];
  if (requested.length === 0)
    throw new AppError('VALIDATION_FAILED', 'The filter selects no instance you may operate on.');
  const permitted = await deps.prisma.processInstance.findMany({
    where: { AND: [allowed, { id: { in: requested.filter(isUuid) } }] },
    select: { id: true },
  });
  const permittedIds = new Set(permitted.map((row) => row.id));
  const batch = await engineBatches.createBatch(engineDeps(deps), {
    operation: right.operation,
    instanceIds: requested,
    refusedIds: requested.filter((id) => !permittedIds.has(id)),
    reason: request.reason,
    migrate: request.migrate,
    createdBy: { id: caller.principal.id, username: caller.principal.username, sourceAddress: caller.sourceAddress },
  });
  return toBatchDto(batch);
}

/** A filter as the instance search takes it; paging and sorting have no place in a selection. */
function selection(query: Record<string, string | string[]>): InstanceFilter {
  const { filter, page, format } = parseInstanceQuery(query);
  if (page.cursor || format) throw new AppError('VALIDATION_FAILED', 'A batch filter takes no cursor or format.');
  return filter;
}

/** One batch with its progress and its failed items (the first hundred). */
export async function getBatch(deps: ServiceDeps, caller: Caller, id: string) {
  const batch = await findVisible(caller, 'read', 'Batch', id, (where) => deps.prisma.batch.findFirst({ where }));
  const failures = await deps.prisma.batchItem.findMany({
    where: { batchId: batch.id, state: 'FAILED' },
    orderBy: { position: 'asc' },
    take: FAILURES_SHOWN,
    select: { instanceId: true, error: true },
  });
  return toBatchDto(batch, failures);
}

/** The caller's own batches, newest first. */
export async function listBatches(deps: ServiceDeps, caller: Caller) {
  const batches = await deps.prisma.batch.findMany({
    where: { createdById: caller.principal.id },
    orderBy: { createdAt: 'desc' },
    take: 100,
  });
  return batches.map((batch) => toBatchDto(batch));
}
