/** Process instances for the API: starting one, reading one and its element history, cancelling, modifying, migrating. */
import { z } from 'zod';
import type { ProcessInstance } from '../../prisma/generated/client';
import { ElementInstanceState, InstanceState, SecurityGrade } from '../../prisma/generated/enums';
import type { Variables } from '../../shared/feel';
import { AppError } from '../../shared/app-error';
import { loadGraph } from '../../engine/graph';
import { deployedDefinition } from '../../engine/deployed-definitions';
import * as engineInstances from '../../engine/instances';
import { startTarget } from '../../engine/process-access';
import { migrateInstance as migrateEngineInstance } from '../../engine/migration';
import { modifyInstance as modifyEngineInstance, type ModifyInstanceRequest } from '../../engine/modification';
import * as engineSuspension from '../../engine/suspension';
import type { Action, Caller } from '../auth/ability';
import { engineDeps, type ServiceDeps } from '../deps';
import { assertMayStartWith } from './process-access';
import { hiddenVariables, maskVariables } from './sensitive-variables';
import { classifiedStartOf, type ClassificationFields } from './classification';
import { recordClassifiedReading } from './classified-reading';
import { findVisible } from './visible';
import { instanceIdForStartKey } from './start-keys';
import { freeObject, instant, storedObject } from './answer-fields';

export interface StartInstanceInput extends ClassificationFields {
  processId: string;
  version?: number;
  variables: Variables;
  businessKey?: string;
}

/** One process instance, as starting, reading and every operation on it answer. */
export const instanceAnswer = z.object({
  id: z.string(),
  definitionId: z.string(),
  processId: z.string(),
  version: z.number().int(),
  businessKey: z.string().nullable(),
  state: z.enum(InstanceState),
  variables: freeObject,
  startedById: z.string().nullable(),
  startedAt: instant,
  endedAt: instant.nullable(),
  endElementId: z.string().nullable().describe('The end event that finished it, if it completed'),
  incident: z
    .object({ elementId: z.string(), message: z.string(), at: z.iso.datetime() })
    .nullable()
    .describe('Why it stopped, while its state is INCIDENT'),
  parentInstanceId: z.string().nullable(),
  parentElementInstanceId: z.string().nullable(),
  suspendedAt: instant.nullable(),
  orgUnitId: z.string().nullable(),
  classification: z.enum(SecurityGrade).nullable(),
});
type InstanceAnswer = z.input<typeof instanceAnswer>;

/** An element instance the instance has run (GET /api/process-instances/:id/history). */
export const elementRunAnswer = z.object({
  processInstanceId: z.string(),
  elementInstanceId: z.string(),
  elementId: z.string(),
  elementType: z.string(),
  scopeInstanceId: z.string().nullable(),
  state: z.enum(ElementInstanceState),
  startedAt: instant,
  endedAt: instant.nullable(),
});

/**
 * Process instances as the API answers them to this caller: the BPMN process id as `processId`, sensitive variables
 * masked unless the caller may read them.
 */
async function toInstanceDto(
  deps: ServiceDeps,
  caller: Caller,
  // The pending start is the engine's bookkeeping between PostgreSQL and Temporal, not part of the instance.
  { bpmnProcessId, variables, incident, pendingStart: _pendingStart, ...rest }: ProcessInstance,
): Promise<InstanceAnswer> {
  const hidden = await hiddenVariables(deps, caller, [rest]);
  return {
    ...rest,
    incident: incident as InstanceAnswer['incident'],
    variables: storedObject(maskVariables(variables, hidden(rest.id))) ?? {},
    processId: bpmnProcessId,
  };
}

function findInstance({ prisma }: ServiceDeps, caller: Caller, action: Action, id: string) {
  return findVisible(caller, action, 'ProcessInstance', id, (where) => prisma.processInstance.findFirst({ where }));
}

/**
 * Starts the given version of a process, or its latest, at its none start event. With an idempotency key, the key's
 * instance: started by the first request, answered again to every repeat (api/services/start-keys.ts).
 */
export async function startInstance(
  deps: ServiceDeps,
  caller: Caller,
  input: StartInstanceInput,
  idempotencyKey?: string,
) {
  const target = await startTarget(deps, input.processId, input.version);
  const definition = target && (await deployedDefinition(deps.prisma, target.definitionId));
  if (!target || !definition) {
    const which = input.version ? `version ${input.version} of '${input.processId}'` : `'${input.processId}'`;
    throw new AppError('NOT_FOUND', `No process definition ${which} is deployed.`);
  }
  assertMayStartWith(caller, target.facts);
  if (!loadGraph(definition).startEventId) {
    throw new AppError(
      'CONFLICT',
      `Process '${definition.bpmnProcessId}' has no none start event: it starts by its message, signal or timer start events (POST /api/messages or /api/signals).`,
    );
  }
  const instanceId = idempotencyKey && (await instanceIdForStartKey(deps, caller, idempotencyKey, input));
  try {
    const instance = await engineInstances.startProcessInstance(engineDeps(deps), {
      instanceId: instanceId || undefined,
      definition,
      variables: input.variables,
      businessKey: input.businessKey,
      startedBy: { ...caller.principal, sourceAddress: caller.sourceAddress },
      classified: classifiedStartOf(caller.principal, input, new Date()),
    });
    return toInstanceDto(deps, caller, instance);
  } catch (error) {
    if (!(error instanceof engineInstances.InstanceStartError)) throw error;
    throw new AppError(
      'DEPENDENCY_UNAVAILABLE',
      error.rowKept
        ? `The process engine (Temporal) did not confirm the start of instance ${error.instanceId}; it is recorded and starts once the engine answers. Retry with the same Idempotency-Key to get this instance rather than a second one.`
        : 'The process engine (Temporal) did not accept the instance; try again shortly.',
    );
  }
}

export async function getInstance(deps: ServiceDeps, caller: Caller, id: string) {
  const instance = await findInstance(deps, caller, 'read', id);
  await recordClassifiedReading(deps, caller, { instanceId: id, itemType: 'instance', itemId: id });
  return toInstanceDto(deps, caller, instance);
}

/** Cancels a running instance the caller may cancel; returns it as the workflow left it (CANCELED). */
export async function cancelInstance(deps: ServiceDeps, caller: Caller, input: { id: string; reason: string }) {
  const instance = await findInstance(deps, caller, 'cancel', input.id);
  const cancelled = await engineInstances.cancelInstance(engineDeps(deps), {
    instance,
    reason: input.reason,
    cancelledBy: caller.principal.username,
  });
  return toInstanceDto(deps, caller, cancelled);
}

/** Cancels tokens at elements and starts tokens at others (analysts, administrators); returns the instance. */
export async function modifyInstance(
  deps: ServiceDeps,
  caller: Caller,
  input: Omit<ModifyInstanceRequest, 'instanceId' | 'by'> & { id: string },
) {
  const { id, ...change } = input;
  await findInstance(deps, caller, 'modify', id);
  return toInstanceDto(
    deps,
    caller,
    await modifyEngineInstance(engineDeps(deps), {
      ...change,
      instanceId: id,
      by: caller.principal.username,
      sourceAddress: caller.sourceAddress,
    }),
  );
}

/** Moves an instance to a newer version of its process (analysts, administrators); returns the instance. */
export async function migrateInstance(
  deps: ServiceDeps,
  caller: Caller,
  input: { id: string; targetDefinitionId: string; mapping?: Record<string, string> },
) {
  await findInstance(deps, caller, 'migrate', input.id);
  const migrated = await migrateEngineInstance(engineDeps(deps), {
    instanceId: input.id,
    targetDefinitionId: input.targetDefinitionId,
    mapping: input.mapping,
    by: caller.principal.username,
    sourceAddress: caller.sourceAddress,
  });
  return toInstanceDto(deps, caller, migrated);
}

/** Holds (suspend) or releases (resume) an instance the caller may operate; 409 when it is in the other state. */
export async function changeSuspension(
  deps: ServiceDeps,
  caller: Caller,
  input: { id: string; change: 'suspend' | 'resume'; reason?: string },
) {
  const instance = await findInstance(deps, caller, 'suspend', input.id);
  const change = input.change === 'suspend' ? engineSuspension.suspendInstance : engineSuspension.resumeInstance;
  const changed = await change(engineDeps(deps), { instance, by: caller.principal.username, reason: input.reason });
  return toInstanceDto(deps, caller, changed);
}

/**
 * The element instances an instance has run, in the order they started (ties: the element instance counter, which
 * the interpreter increments as it goes).
 */
export async function instanceHistory(
  deps: ServiceDeps,
  caller: Caller,
  id: string,
): Promise<Array<z.input<typeof elementRunAnswer>>> {
  await findInstance(deps, caller, 'read', id);
  await recordClassifiedReading(deps, caller, { instanceId: id, itemType: 'instance-history', itemId: id });
  const rows = await deps.prisma.elementInstance.findMany({
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
