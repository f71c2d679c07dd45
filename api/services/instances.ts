/** Starting process instances: the index row first, then the interpreter workflow with the same id. */
import { randomUUID } from 'node:crypto';
import type { Variables } from '../../shared/feel';
import type { ProcessGraph } from '../../shared/graph';
import { AppError } from '../../shared/app-error';
import { PROCESS_WORKFLOW, cancelInstanceUpdate, type ProcessInput } from '../../shared/messages';
import { WorkflowFailedError, WorkflowNotFoundError } from '@temporalio/client';
import { accessibleWhere, type AppAbility } from '../auth/ability';
import { isUuid } from '../validation';
import { asJson } from '../../platform/db';
import type { AppDeps } from '../deps';
import type { Principal } from '../auth/ability';
import { loadOverrides } from './calendar';

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
  const id = randomUUID();
  const workflowGraph = definition.graph as unknown as ProcessGraph;
  const instance = await prisma.processInstance.create({
    data: {
      id,
      definitionId: definition.id,
      bpmnProcessId: definition.bpmnProcessId,
      version: definition.version,
      businessKey: input.businessKey,
      variables: asJson(input.variables),
      startedById: principal.id,
    },
  });
  const workflowInput: ProcessInput = {
    instanceId: id,
    definition: { id: definition.id, processId: definition.bpmnProcessId, version: definition.version },
    graph: workflowGraph,
    variables: input.variables,
    businessKey: input.businessKey,
    calendar: workflowGraph.usesLegalTime ? await loadOverrides(prisma) : undefined,
  };
  try {
    await temporal.workflow.start(PROCESS_WORKFLOW, { taskQueue: config.TEMPORAL_TASK_QUEUE, workflowId: id, args: [workflowInput] });
  } catch (error) {
    // Nothing runs, so nothing may be indexed as running.
    await prisma.processInstance.delete({ where: { id } });
    logger.error({ err: error, instanceId: id }, 'could not start the interpreter workflow');
    throw new AppError('DEPENDENCY_UNAVAILABLE', 'The process engine (Temporal) did not accept the instance; try again shortly.');
  }
  await prisma.auditLog.create({
    data: { actor: principal.username, action: 'instance.started', objectType: 'ProcessInstance', objectId: id, details: { processId: definition.bpmnProcessId, version: definition.version } },
  });
  return instance;
}

/**
 * Cancels a running instance with a reason, through the workflow (the only authority on its state): its open
 * tasks leave the queues and the index records CANCELED with the reason on the audit trail.
 */
export async function cancelInstance(deps: Pick<AppDeps, 'prisma' | 'temporal'>, ability: AppAbility, principal: Principal, id: string, reason: string) {
  const allowed = accessibleWhere(ability, 'cancel', 'ProcessInstance');
  const instance = allowed && isUuid(id) ? await deps.prisma.processInstance.findFirst({ where: { AND: [allowed, { id }] } }) : null;
  if (!instance) throw new AppError('NOT_FOUND', `No process instance ${id} that you may cancel.`);
  if (instance.state !== 'ACTIVE' && instance.state !== 'INCIDENT') {
    throw new AppError('CONFLICT', `Instance ${id} is ${instance.state.toLowerCase()}; only running instances can be cancelled.`);
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
