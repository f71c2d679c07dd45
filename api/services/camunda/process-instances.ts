/**
 * Process instances in Camunda's shapes: creating one (optionally awaiting its completion), cancelling one and
 * searching them, over the same services as /api/process-instances (the same authorization: what the caller may not
 * see is not found).
 */
import { WorkflowFailedError } from '@temporalio/client';
import { z } from 'zod';
import type { InstanceState, Prisma } from '../../../prisma/generated/client';
import type { Variables } from '../../../shared/feel';
import { AppError } from '../../../shared/app-error';
import { idForKey, idsForKeys, keysFor, type CamundaKey } from '../../../engine/camunda-keys';
import { accessibleWhere, type Caller } from '../../auth/ability';
import type { ServiceDeps } from '../../deps';
import { cancelInstance, getInstance, startInstance } from '../instances';
import { onKeyedObject } from './keyed-objects';
import {
  allowedValues,
  DEFAULT_TENANT,
  instantAnswer,
  isoDate,
  keyAnswer,
  searchAnswer,
  searchResult,
  tenantId,
  withoutNulls,
  type FilterValue,
  type SearchInput,
  orderByColumns,
} from './search';

export interface CreateProcessInstanceInput {
  processDefinitionId?: string;
  /** -1 or none: the latest version. */
  processDefinitionVersion?: number;
  processDefinitionKey?: CamundaKey;
  variables: Variables;
  awaitCompletion: boolean;
  requestTimeoutMs: number;
  /** With awaitCompletion: only these variables in the answer. */
  fetchVariables?: string[];
}

/** Camunda's CreateProcessInstanceResult; `variables` only when the caller awaited the completion. */
export const createdInstanceAnswer = z.object({
  processDefinitionId: z.string(),
  processDefinitionVersion: z.number().int(),
  processDefinitionKey: keyAnswer,
  processInstanceKey: keyAnswer,
  tenantId,
  variables: z.record(z.string(), z.unknown()).optional(),
});

export async function createProcessInstance(
  deps: ServiceDeps,
  caller: Caller,
  input: CreateProcessInstanceInput,
  idempotencyKey?: string,
): Promise<z.input<typeof createdInstanceAnswer>> {
  const target = await definitionToStart(deps, input);
  const started = await startInstance(deps, caller, { ...target, variables: input.variables }, idempotencyKey);
  const [instanceKeys, definitionKeys] = await Promise.all([
    keysFor(deps.prisma, 'PROCESS_INSTANCE', [started.id]),
    keysFor(deps.prisma, 'PROCESS_DEFINITION', [started.definitionId]),
  ]);
  const created = {
    processDefinitionId: started.processId,
    processDefinitionVersion: started.version,
    processDefinitionKey: definitionKeys.get(started.definitionId)!,
    processInstanceKey: instanceKeys.get(started.id)!,
    tenantId: DEFAULT_TENANT,
  };
  if (!input.awaitCompletion) return created;
  const variables = await awaitCompletion(deps, caller, started.id, input.requestTimeoutMs);
  return { ...created, variables: pick(variables, input.fetchVariables) };
}

async function definitionToStart(deps: ServiceDeps, input: CreateProcessInstanceInput) {
  if (input.processDefinitionKey) {
    const id = await idForKey(deps.prisma, 'PROCESS_DEFINITION', input.processDefinitionKey);
    const definition = id && (await deps.prisma.processDefinition.findUnique({ where: { id } }));
    if (!definition)
      throw new AppError('NOT_FOUND', `No process definition has the key ${input.processDefinitionKey}.`);
    return { processId: definition.bpmnProcessId, version: definition.version };
  }
  if (!input.processDefinitionId) {
    throw new AppError('VALIDATION_FAILED', 'Name the process: processDefinitionId or processDefinitionKey.');
  }
  const version = input.processDefinitionVersion === -1 ? undefined : input.processDefinitionVersion;
  return { processId: input.processDefinitionId, version };
}

/**
 * Waits, at most `timeoutMs`, for the instance's workflow to end; answers the variables it completed with. When the
 * wait runs out first, the instance runs on regardless.
 */
async function awaitCompletion(deps: ServiceDeps, caller: Caller, id: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  const handle = deps.temporal.workflow.getHandle(id);
  try {
    await deps.temporal.withDeadline(deadline, () => handle.result());
  } catch (error) {
    // A cancelled or terminated workflow: the row below says how the instance ended.
    if (!(error instanceof WorkflowFailedError)) {
      if (Date.now() < deadline) throw error;
      throw new AppError(
        'DEADLINE_EXCEEDED',
        `Instance ${id} did not complete within ${timeoutMs} ms; it goes on running (search it by its key).`,
      );
    }
  }
  const instance = await getInstance(deps, caller, id);
  if (instance.state !== 'COMPLETED') {
    throw new AppError('CONFLICT', `Instance ${id} ended ${instance.state.toLowerCase()} instead of completing.`);
  }
  return instance.variables as Variables;
}

function pick(variables: Variables, names: string[] | undefined): Variables {
  if (!names || names.length === 0) return variables;
  return Object.fromEntries(Object.entries(variables).filter(([name]) => names.includes(name)));
}

export async function cancelProcessInstance(deps: ServiceDeps, caller: Caller, key: CamundaKey) {
  await onKeyedObject(deps, 'PROCESS_INSTANCE', key, (id) =>
    cancelInstance(deps, caller, { id, reason: 'Cancelled through the Camunda REST API.' }),
  );
}

/** Camunda's instance states: an instance in an incident is ACTIVE with `hasIncident`, a cancelled one TERMINATED. */
export const CAMUNDA_INSTANCE_STATES = ['ACTIVE', 'COMPLETED', 'TERMINATED'] as const;
export type CamundaInstanceState = (typeof CAMUNDA_INSTANCE_STATES)[number];

const OUR_STATES: Record<CamundaInstanceState, InstanceState[]> = {
  ACTIVE: ['ACTIVE', 'INCIDENT'],
  COMPLETED: ['COMPLETED'],
  TERMINATED: ['CANCELED'],
};

function camundaState(state: InstanceState): CamundaInstanceState {
  if (state === 'COMPLETED') return 'COMPLETED';
  return state === 'CANCELED' ? 'TERMINATED' : 'ACTIVE';
}

export interface InstanceSearchFilter {
  processInstanceKey?: FilterValue<string>;
  processDefinitionId?: FilterValue<string>;
  processDefinitionKey?: FilterValue<string>;
  processDefinitionVersion?: FilterValue<number>;
  parentProcessInstanceKey?: FilterValue<string>;
  state?: FilterValue<CamundaInstanceState>;
  hasIncident?: boolean;
}

export type InstanceSortField = 'processInstanceKey' | 'processDefinitionId' | 'startDate' | 'endDate' | 'state';

const SORT_COLUMNS: Record<InstanceSortField, keyof Prisma.ProcessInstanceOrderByWithRelationInput> = {
  // Keys are given in the order instances are first named, close to the order they started.
  processInstanceKey: 'startedAt',
  processDefinitionId: 'bpmnProcessId',
  startDate: 'startedAt',
  endDate: 'endedAt',
  state: 'state',
};

/** Camunda's ProcessInstanceResult; a field this engine has no value for is left out. */
export const instanceAnswer = z.object({
  processInstanceKey: keyAnswer,
  processDefinitionId: z.string(),
  processDefinitionName: z.string(),
  processDefinitionVersion: z.number().int(),
  processDefinitionVersionTag: z.string().optional(),
  processDefinitionKey: keyAnswer,
  parentProcessInstanceKey: keyAnswer.optional(),
  startDate: instantAnswer,
  endDate: instantAnswer.optional(),
  state: z.enum(CAMUNDA_INSTANCE_STATES),
  hasIncident: z.boolean(),
  tenantId,
});
export const instanceSearchAnswer = searchAnswer(instanceAnswer);

export async function searchProcessInstances(
  deps: ServiceDeps,
  caller: Caller,
  input: SearchInput<InstanceSearchFilter, InstanceSortField>,
) {
  const allowed = accessibleWhere(caller.ability, 'read', 'ProcessInstance');
  if (!allowed) return searchResult([], 0);
  const where = { AND: [allowed, await instanceFilter(deps, input.filter)] };
  const orderBy = orderByColumns(input.sort, SORT_COLUMNS);
  const [rows, total] = await Promise.all([
    deps.prisma.processInstance.findMany({
      where,
      orderBy,
      skip: input.page.from,
      take: input.page.limit,
      include: { definition: { select: { name: true, versionTag: true } } },
    }),
    deps.prisma.processInstance.count({ where }),
  ]);
  const [instanceKeys, definitionKeys] = await Promise.all([
    keysFor(deps.prisma, 'PROCESS_INSTANCE', [
      ...rows.map((row) => row.id),
      ...rows.flatMap((row) => (row.parentInstanceId ? [row.parentInstanceId] : [])),
    ]),
    keysFor(
      deps.prisma,
      'PROCESS_DEFINITION',
      rows.map((row) => row.definitionId),
    ),
  ]);
  const items = rows.map((row): z.input<typeof instanceAnswer> =>
    withoutNulls({
      processInstanceKey: instanceKeys.get(row.id)!,
      processDefinitionId: row.bpmnProcessId,
      processDefinitionName: row.definition.name ?? row.bpmnProcessId,
      processDefinitionVersion: row.version,
      processDefinitionVersionTag: row.definition.versionTag,
      processDefinitionKey: definitionKeys.get(row.definitionId)!,
      parentProcessInstanceKey: row.parentInstanceId ? instanceKeys.get(row.parentInstanceId)! : null,
      startDate: row.startedAt.toISOString(),
      endDate: isoDate(row.endedAt),
      state: camundaState(row.state),
      hasIncident: row.state === 'INCIDENT',
      tenantId: DEFAULT_TENANT,
    }),
  );
  return searchResult(items, total);
}

async function instanceFilter(
  deps: ServiceDeps,
  filter: InstanceSearchFilter,
): Promise<Prisma.ProcessInstanceWhereInput> {
  const and: Prisma.ProcessInstanceWhereInput[] = [];
  const keys = allowedValues(filter.processInstanceKey);
  if (keys) and.push({ id: { in: await idsForKeys(deps.prisma, 'PROCESS_INSTANCE', keys) } });
  const parentKeys = allowedValues(filter.parentProcessInstanceKey);
  if (parentKeys) and.push({ parentInstanceId: { in: await idsForKeys(deps.prisma, 'PROCESS_INSTANCE', parentKeys) } });
  const definitionKeys = allowedValues(filter.processDefinitionKey);
  if (definitionKeys)
    and.push({ definitionId: { in: await idsForKeys(deps.prisma, 'PROCESS_DEFINITION', definitionKeys) } });
  const processIds = allowedValues(filter.processDefinitionId);
  if (processIds) and.push({ bpmnProcessId: { in: processIds } });
  const versions = allowedValues(filter.processDefinitionVersion);
  if (versions) and.push({ version: { in: versions } });
  const states = allowedValues(filter.state);
  if (states) and.push({ state: { in: states.flatMap((state) => OUR_STATES[state]) } });
  if (filter.hasIncident !== undefined)
    and.push(filter.hasIncident ? { state: 'INCIDENT' } : { NOT: { state: 'INCIDENT' } });
  return { AND: and };
}
