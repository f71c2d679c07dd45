/**
 * Starting and cancelling process instances. A start comes from a person (the API) or from the engine itself (a
 * message, a signal or a timer): the index row first (the workflow's projections write into it), marked as waiting
 * for its start, then the interpreter workflow with the same id, then the mark cleared. A start Temporal refused
 * removes the row again; a start whose fate is unknown (timeout, connection lost) keeps it, and the reconciler
 * (engine/reconciler.ts) starts the workflow or confirms it (docs/reliability.md).
 */
import { randomUUID } from 'node:crypto';
import {
  isGrpcServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowFailedError,
  WorkflowNotFoundError,
} from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { ProcessDefinition, ProcessInstance } from '../prisma/generated/client';
import { AppError } from '../shared/app-error';
import { DEFAULT_ENGINE_LIMITS } from '../shared/engine-limits';
import type { Variables } from '../shared/feel';
import { cancelInstanceUpdate, PROCESS_WORKFLOW, type ProcessInput } from '../shared/workflow-contract';
import { asJson, isUniqueViolation, Prisma } from '../platform/db';
import { appendAudit, type AuditEntry, type AuditOutcome } from './audit';
import { loadOverrides } from './calendar';
import type { EngineDeps } from './deps';
import { loadGraph } from './graph';
import type { ClassifiedStart } from './classified/classification';
import { createInstanceRow } from './instance-row';
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

/**
 * Temporal did not take the workflow. `rowKept`: whether it did is unknown, so the row stays, waiting for its start;
 * otherwise Temporal refused it and the row has been removed again.
 */
export class InstanceStartError extends Error {
  constructor(
    readonly instanceId: string,
    readonly rowKept: boolean,
    options: { cause: unknown },
  ) {
    super(
      rowKept
        ? `The process engine (Temporal) did not confirm the start of instance ${instanceId}; it starts once the engine answers.`
        : `The process engine (Temporal) did not accept instance ${instanceId}.`,
      options,
    );
    this.name = 'InstanceStartError';
  }
}

/** What starting the workflow needs beyond the row's own columns; kept on the row until the start is confirmed. */
export interface PendingStart {
  startElementId?: string;
  continueAsNewAfterEvents?: number;
}

/**
 * gRPC codes after which the request may or may not have reached Temporal: CANCELLED, UNKNOWN, DEADLINE_EXCEEDED,
 * INTERNAL, UNAVAILABLE. Any other code is Temporal's refusal, and an error without one never left this process.
 */
const FATE_UNKNOWN_CODES = new Set([1, 2, 4, 13, 14]);

function startFateUnknown(error: unknown): boolean {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    if (isGrpcServiceError(current)) return FATE_UNKNOWN_CODES.has(current.code);
  }
  return false;
}

export async function startProcessInstance(
  deps: EngineDeps,
  input: StartProcessInstanceInput,
): Promise<ProcessInstance> {
  const { prisma, logger } = deps;
  const { definition } = input;
  refuseOversizedVariables('the instance start', input.variables);
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
  if (existing && existing.pendingStart === null) return existing;
  const pendingStart: PendingStart = {
    startElementId: input.startElementId,
    continueAsNewAfterEvents: input.continueAsNewAfterEvents,
  };
  const row = {
    ...instanceRowOf(id, definition, input),
    startedById: input.startedBy?.id,
    orgUnitId: input.startedBy?.orgUnitId ?? undefined,
    pendingStart: asJson(pendingStart),
    startedAt: new Date(),
  };
  const instance =
    existing ??
    (await createInstanceRow(prisma, row, startAudit('instance.started'), input.classified).catch(async (error) => {
      // Concurrent starts under one given id (the same idempotency key): one writes the row, the others start it.
      if (!input.instanceId || !isUniqueViolation(error)) throw error;
      return prisma.processInstance.findUniqueOrThrow({ where: { id } });
    }));
  try {
    await startInterpreter(deps, instance, definition, pendingStart);
  } catch (error) {
    if (startFateUnknown(error)) {
      // The answer was lost, perhaps not the start: a workflow that exists started; otherwise the row waits for the
      // reconciler, since a start still in flight may yet land.
      if (await workflowExists(deps, id)) return confirmStart(deps, instance);
      logger.error({ err: error, instanceId: id }, 'workflow start unconfirmed; the row waits for the reconciler');
      throw new InstanceStartError(id, true, { cause: error });
    }
    await prisma.$transaction(async (tx) => {
      await tx.processInstance.deleteMany({ where: { id } });
      await tx.variableChange.deleteMany({ where: { processInstanceId: id } });
      await appendAudit(tx, startAudit('instance.notStarted', 'failure'));
    });
    logger.error({ err: error, instanceId: id }, 'could not start the interpreter workflow');
    throw new InstanceStartError(id, false, { cause: error });
  }
  return { ...instance, pendingStart: null };
}

/**
 * The index row's fields that follow from the definition and what the instance was started with: shared by a start
 * and by the reconciler writing the missing row of a running workflow from its start input.
 */
export function instanceRowOf(
  id: string,
  definition: Pick<ProcessDefinition, 'id' | 'bpmnProcessId' | 'version'>,
  start: { businessKey?: string; variables: Variables; parent?: { instanceId: string; elementInstanceId: string } },
) {
  return {
    id,
    definitionId: definition.id,
    bpmnProcessId: definition.bpmnProcessId,
    version: definition.version,
    businessKey: start.businessKey,
    variables: asJson(start.variables),
    parentInstanceId: start.parent?.instanceId,
    parentElementInstanceId: start.parent?.elementInstanceId,
  };
}

async function confirmStart({ prisma }: EngineDeps, instance: ProcessInstance): Promise<ProcessInstance> {
  await prisma.processInstance.updateMany({ where: { id: instance.id }, data: { pendingStart: Prisma.DbNull } });
  return { ...instance, pendingStart: null };
}

/**
 * Starts the interpreter workflow of an instance row and clears the row's pending start. Idempotent: a workflow
 * already started under the id (running or finished) is left as it is and counts as started.
 */
export async function startInterpreter(
  deps: EngineDeps,
  instance: Pick<ProcessInstance, 'id' | 'variables' | 'businessKey' | 'parentInstanceId' | 'parentElementInstanceId'>,
  definition: StartProcessInstanceInput['definition'],
  pendingStart: PendingStart,
): Promise<void> {
  const { prisma, temporal, taskQueue } = deps;
  const graph = loadGraph(definition);
  const parent =
    instance.parentInstanceId && instance.parentElementInstanceId
      ? { instanceId: instance.parentInstanceId, elementInstanceId: instance.parentElementInstanceId }
      : undefined;
  const workflowInput: ProcessInput = {
    instanceId: instance.id,
    definition: { id: definition.id, processId: definition.bpmnProcessId, version: definition.version },
    graph,
    variables: instance.variables as Variables,
    businessKey: instance.businessKey ?? undefined,
    calendar: graph.usesLegalTime ? await loadOverrides(prisma) : undefined,
    startElementId: pendingStart.startElementId,
    parent,
    continueAsNewAfterEvents: pendingStart.continueAsNewAfterEvents,
    startedLean: true,
    limits: deps.limits ?? DEFAULT_ENGINE_LIMITS,
  };
  try {
    await temporal.workflow.start(PROCESS_WORKFLOW, {
      taskQueue,
      workflowId: instance.id,
      args: [workflowInput],
      // An instance runs once: a retried start never runs a finished instance again.
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  await prisma.processInstance.updateMany({ where: { id: instance.id }, data: { pendingStart: Prisma.DbNull } });
}

/** Whether Temporal answers that a workflow has the id; false when it has none or cannot be asked. */
async function workflowExists({ temporal }: EngineDeps, id: string): Promise<boolean> {
  try {
    await temporal.workflow.getHandle(id).describe();
    return true;
  } catch {
    return false;
  }
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
