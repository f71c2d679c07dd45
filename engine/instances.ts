/**
 * Starting and cancelling process instances. A start comes from a person (the API) or from the engine itself (a
 * message, a signal or a timer): the index row first, then the interpreter workflow with the same id. If Temporal
 * does not take the workflow, the row goes again: nothing runs, so nothing may be indexed as running.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowFailedError, WorkflowNotFoundError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { ProcessDefinition, ProcessInstance } from '../prisma/generated/client';
import { AppError } from '../shared/app-error';
import { DEFAULT_ENGINE_LIMITS } from '../shared/engine-limits';
import type { Variables } from '../shared/feel';
import { cancelInstanceUpdate, PROCESS_WORKFLOW, type ProcessInput } from '../shared/workflow-contract';
import { asJson, type Prisma } from '../platform/db';
import { appendAudit, type AuditEntry, type AuditOutcome } from './audit';
import { loadOverrides } from './calendar';
import type { EngineDeps } from './deps';
import { loadGraph } from './graph';
import { registerClassifiedStart, type ClassifiedStart } from './classified/classification';
import { variableChanges } from './variable-changes';
import { refuseOversizedVariables } from './variables-limit';

export interface StartProcessInstanceInput {
  definition: Pick<ProcessDefinition, 'id' | 'bpmnProcessId' | 'version' | 'graph'>;
  /**
   * A given id makes the start idempotent: a second call finds the row and the running (or finished) workflow and
   * starts nothing. Without one, a fresh UUID.
   */
  instanceId?: string;
  variables: Variables;
  businessKey?: string;
  /** A message, signal or timer start event to start at instead of the none start event. */
  startElementId?: string;
  parent?: { instanceId: string; elementInstanceId: string };
  /** The person who started it; none when an event of the engine did. */
  startedBy?: { id?: string; username: string; orgUnitId?: string | null; sourceAddress?: string };
  /** Continue as new at this many history events rather than when Temporal suggests it (tests of long runs). */
  continueAsNewAfterEvents?: number;
  /** Recorded with the audit row: what started the instance (e.g. {trigger: 'message', messageId}). */
  auditDetails?: Record<string, string | number | boolean | null>;
  /** A classified start: registered and given its need-to-know list with the row (engine/classified). */
  classified?: ClassifiedStart;
}

/** Temporal did not take the workflow; the index row has been removed again. */
export class InstanceStartError extends Error {
  constructor(
    readonly instanceId: string,
    options: { cause: unknown },
  ) {
    super(`The process engine (Temporal) did not accept instance ${instanceId}.`, options);
    this.name = 'InstanceStartError';
  }
}

/** The index row, the start's variable history and its audit row, together. */
async function createInstanceRow(
  prisma: EngineDeps['prisma'],
  data: Prisma.ProcessInstanceUncheckedCreateInput & { id: string; startedAt: Date },
  audit: AuditEntry,
  classified?: ClassifiedStart,
): Promise<ProcessInstance> {
  const startedBy = audit.actor ?? null;
  const origin = { instanceId: data.id, source: 'start', changedBy: startedBy, at: data.startedAt } as const;
  return prisma.$transaction(async (tx) => {
    const instance = await tx.processInstance.create({ data: { ...data, classification: classified?.grade } });
    await tx.variableChange.createMany({ data: variableChanges({}, data.variables as Variables, origin) });
    if (classified) await registerClassifiedStart(tx, data.id, classified);
    await appendAudit(tx, audit);
    return instance;
  });
}

export async function startProcessInstance(
  deps: EngineDeps,
  input: StartProcessInstanceInput,
): Promise<ProcessInstance> {
  const { prisma, temporal, taskQueue, logger } = deps;
  const { definition } = input;
  refuseOversizedVariables('the instance start', input.variables);
  const graph = loadGraph(definition);
  const id = input.instanceId ?? randomUUID();
  const existing = input.instanceId ? await prisma.processInstance.findUnique({ where: { id } }) : null;
  const startAudit = (action: string, outcome: AuditOutcome = 'success'): AuditEntry => ({
    actor: input.startedBy?.username,
    sourceAddress: input.startedBy?.sourceAddress,
    action,
    objectType: 'ProcessInstance',
    objectId: id,
    outcome,
    details: {
      processId: definition.bpmnProcessId,
      version: definition.version,
      ...(input.startElementId ? { startElementId: input.startElementId } : {}),
      ...input.auditDetails,
    },
  });
  const instance =
    existing ??
    (await createInstanceRow(
      prisma,
      {
        id,
        definitionId: definition.id,
        bpmnProcessId: definition.bpmnProcessId,
        version: definition.version,
        businessKey: input.businessKey,
        variables: asJson(input.variables),
        startedById: input.startedBy?.id,
        orgUnitId: input.startedBy?.orgUnitId ?? undefined,
        parentInstanceId: input.parent?.instanceId,
        parentElementInstanceId: input.parent?.elementInstanceId,
        startedAt: new Date(),
      },
      startAudit('instance.started'),
      input.classified,
    ));
  const workflowInput: ProcessInput = {
    instanceId: id,
    definition: { id: definition.id, processId: definition.bpmnProcessId, version: definition.version },
    graph,
    variables: input.variables,
    businessKey: input.businessKey,
    calendar: graph.usesLegalTime ? await loadOverrides(prisma) : undefined,
    startElementId: input.startElementId,
    parent: input.parent,
    continueAsNewAfterEvents: input.continueAsNewAfterEvents,
    startedLean: true,
    limits: deps.limits ?? DEFAULT_ENGINE_LIMITS,
  };
  try {
    await temporal.workflow.start(PROCESS_WORKFLOW, {
      taskQueue,
      workflowId: id,
      args: [workflowInput],
      // An instance runs once: a retried start never runs a finished instance again.
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return instance;
    await prisma.$transaction(async (tx) => {
      await tx.processInstance.deleteMany({ where: { id } });
      await tx.variableChange.deleteMany({ where: { processInstanceId: id } });
      await appendAudit(tx, startAudit('instance.notStarted', 'failure'));
    });
    logger.error({ err: error, instanceId: id }, 'could not start the interpreter workflow');
    throw new InstanceStartError(id, { cause: error });
  }
  return instance;
}

/**
 * Cancels a running instance with a reason, through its workflow (the only authority on its state): its open tasks
 * leave the queues and the index records CANCELED with the reason on the audit trail. Returns the index row as the
 * workflow left it.
 */
export async function cancelInstance(
  deps: EngineDeps,
  input: { instance: Pick<ProcessInstance, 'id' | 'state'>; reason: string; cancelledBy: string },
): Promise<ProcessInstance> {
  const { id, state } = input.instance;
  if (state !== 'ACTIVE' && state !== 'INCIDENT') {
    throw new AppError(
      'CONFLICT',
      `Instance ${id} is ${state.toLowerCase()}; only running instances can be cancelled.`,
    );
  }
  const handle = deps.temporal.workflow.getHandle(id);
  try {
    await handle.executeUpdate(cancelInstanceUpdate, {
      args: [{ reason: input.reason, cancelledBy: input.cancelledBy }],
    });
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
