/** Process instances for the API: starting one (platform/instances.ts), cancelling one, its element history. */
import type { Variables } from '../../shared/feel';
import type { ProcessGraph } from '../../shared/graph';
import { AppError } from '../../shared/app-error';
import { cancelInstanceUpdate } from '../../shared/workflow-contract';
import { WorkflowFailedError, WorkflowNotFoundError } from '@temporalio/client';
import { InstanceStartError, startProcessInstance } from '../../platform/instances';
import { accessibleWhere, type AppAbility } from '../auth/ability';
import { isUuid } from '../validation';
import type { AppDeps } from '../deps';
import type { Principal } from '../auth/ability';

export interface StartInstanceInput {
  processId: string;
  version?: number;
  variables: Variables;
  businessKey?: string;
}

export async function startInstance(
  { prisma, temporal, logger, config }: Pick<AppDeps, 'prisma' | 'temporal' | 'logger' | 'config'>,
  input: StartInstanceInput,
  principal: Principal,
) {
  const definition = await prisma.processDefinition.findFirst({
    where: { bpmnProcessId: input.processId, ...(input.version ? { version: input.version } : {}) },
    orderBy: { version: 'desc' },
  });
  if (!definition) {
    const which = input.version ? `version ${input.version} of '${input.processId}'` : `'${input.processId}'`;
    throw new AppError('NOT_FOUND', `No process definition ${which} is deployed.`);
  }
  if (!(definition.graph as unknown as ProcessGraph).startEventId) {
    throw new AppError(
      'CONFLICT',
      `Process '${definition.bpmnProcessId}' has no none start event: it starts by its message, signal or timer start events (POST /api/messages or /api/signals).`,
    );
  }
  try {
    return await startProcessInstance(
      { prisma, temporal, logger, taskQueue: config.TEMPORAL_TASK_QUEUE },
      { definition, variables: input.variables, businessKey: input.businessKey, startedBy: principal },
    );
  } catch (error) {
    if (error instanceof InstanceStartError)
      throw new AppError(
        'DEPENDENCY_UNAVAILABLE',
        'The process engine (Temporal) did not accept the instance; try again shortly.',
      );
    throw error;
  }
}

/**
 * Cancels a running instance with a reason, through the workflow (the only authority on its state): its open
 * tasks leave the queues and the index records CANCELED with the reason on the audit trail.
 */
export async function cancelInstance(
  deps: Pick<AppDeps, 'prisma' | 'temporal'>,
  ability: AppAbility,
  principal: Principal,
  id: string,
  reason: string,
) {
  const allowed = accessibleWhere(ability, 'cancel', 'ProcessInstance');
  const instance =
    allowed && isUuid(id) ? await deps.prisma.processInstance.findFirst({ where: { AND: [allowed, { id }] } }) : null;
  if (!instance) throw new AppError('NOT_FOUND', `No process instance ${id} that you may cancel.`);
  if (instance.state !== 'ACTIVE' && instance.state !== 'INCIDENT') {
    throw new AppError(
      'CONFLICT',
      `Instance ${id} is ${instance.state.toLowerCase()}; only running instances can be cancelled.`,
    );
  }
  const handle = deps.temporal.workflow.getHandle(id);
  try {
    await handle.executeUpdate(cancelInstanceUpdate, { args: [{ reason, cancelledBy: principal.username }] });
    await handle.cancel();
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw new AppError('CONFLICT', `Instance ${id} has already ended.`);
    throw error;
  }
  // The workflow records the cancellation in the index before it closes.
  await handle.result().catch((error: unknown) => {
    if (!(error instanceof WorkflowFailedError)) throw error;
  });
  return deps.prisma.processInstance.findUniqueOrThrow({ where: { id } });
}

/**
 * The element instances an instance has run, in the order they started (ties: the element instance counter, which
 * the interpreter increments as it goes).
 */
export async function instanceHistory({ prisma }: Pick<AppDeps, 'prisma'>, ability: AppAbility, id: string) {
  const allowed = accessibleWhere(ability, 'read', 'ProcessInstance');
  const instance =
    allowed && isUuid(id)
      ? await prisma.processInstance.findFirst({ where: { AND: [allowed, { id }] }, select: { id: true } })
      : null;
  if (!instance) throw new AppError('NOT_FOUND', `No process instance ${id} is visible to you.`);
  const rows = await prisma.elementInstance.findMany({
    where: { processInstanceId: id },
    orderBy: { startedAt: 'asc' },
  });
  const counter = (elementInstanceId: string) =>
    Number(/#(\d+)$/.exec(elementInstanceId)?.[1] ?? Number.MAX_SAFE_INTEGER);
  return rows.sort(
    (a, b) =>
      a.startedAt.getTime() - b.startedAt.getTime() || counter(a.elementInstanceId) - counter(b.elementInstanceId),
  );
}
