/**
 * User tasks in Camunda's shapes: search, one task, its form, completion and assignment, over the same services as
 * /api/tasks (the same authorization and the same submission rules: a form's fields, else what the task's output
 * mappings read, else the decision `{approved, comment}`).
 */
import { z } from 'zod';
import type { Prisma } from '../../../prisma/generated/client';
import { TaskState } from '../../../prisma/generated/enums';
import type { Variables } from '../../../shared/feel';
import { AppError } from '../../../shared/app-error';
import { elementInstanceEntityId, idsForKeys, keysFor, type CamundaKey } from '../../../engine/camunda-keys';
import { boundFormVersionId } from '../../../engine/forms';
import { accessibleWhere, type Caller } from '../../auth/ability';
import type { ServiceDeps } from '../../deps';
import { findTask } from '../task-access';
import { onKeyedObject } from './keyed-objects';
import { assignTask, claimTask, unclaimTask } from '../task-assignment';
import { completeTask } from '../tasks';
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

/** Camunda's UserTaskResult, the fields this engine knows; a field it has no value for is left out. */
export const userTaskAnswer = z.object({
  userTaskKey: keyAnswer,
  name: z.string(),
  state: z.enum(TaskState),
  assignee: z.string().optional(),
  elementId: z.string(),
  elementInstanceKey: keyAnswer,
  candidateGroups: z.array(z.string()),
  candidateUsers: z.array(z.string()),
  processDefinitionId: z.string(),
  processDefinitionVersion: z.number().int(),
  processDefinitionKey: keyAnswer,
  processName: z.string(),
  processInstanceKey: keyAnswer,
  creationDate: instantAnswer,
  completionDate: instantAnswer.optional(),
  dueDate: instantAnswer.optional(),
  followUpDate: instantAnswer.optional(),
  priority: z.number().int(),
  formKey: keyAnswer.optional(),
  externalFormReference: z.string().optional(),
  customHeaders: z.record(z.string(), z.string()),
  tenantId,
});
export const userTaskSearchAnswer = searchAnswer(userTaskAnswer);

/** Camunda's FormResult: the schema is form-js JSON in a string. */
export const userTaskFormAnswer = z.object({
  formKey: keyAnswer,
  formId: z.string(),
  version: z.number().int(),
  schema: z.string(),
  tenantId,
});

const taskWithProcess = {
  processInstance: {
    select: {
      definitionId: true,
      definition: { select: { bpmnProcessId: true, version: true, name: true, formVersions: true } },
    },
  },
} as const;
type TaskWithProcess = Prisma.UserTaskGetPayload<{ include: typeof taskWithProcess }>;

export interface UserTaskSearchFilter {
  userTaskKey?: FilterValue<string>;
  state?: FilterValue<TaskState>;
  assignee?: FilterValue<string>;
  elementId?: FilterValue<string>;
  processInstanceKey?: FilterValue<string>;
  processDefinitionKey?: FilterValue<string>;
  processDefinitionId?: FilterValue<string>;
  candidateGroup?: FilterValue<string>;
  candidateUser?: FilterValue<string>;
}

export type UserTaskSortField = 'creationDate' | 'completionDate' | 'dueDate' | 'followUpDate' | 'priority';

const SORT_COLUMNS: Record<UserTaskSortField, keyof Prisma.UserTaskOrderByWithRelationInput> = {
  creationDate: 'createdAt',
  completionDate: 'completedAt',
  dueDate: 'dueAt',
  followUpDate: 'followUpAt',
  priority: 'priority',
};

export async function searchUserTasks(
  deps: ServiceDeps,
  caller: Caller,
  input: SearchInput<UserTaskSearchFilter, UserTaskSortField>,
) {
  const allowed = accessibleWhere(caller.ability, 'read', 'UserTask');
  if (!allowed) return searchResult([], 0);
  const where = { AND: [allowed, await taskFilter(deps, input.filter)] };
  const orderBy = orderByColumns(input.sort, SORT_COLUMNS);
  const [rows, total] = await Promise.all([
    deps.prisma.userTask.findMany({
      where,
      orderBy,
      skip: input.page.from,
      take: input.page.limit,
      include: taskWithProcess,
    }),
    deps.prisma.userTask.count({ where }),
  ]);
  return searchResult(await toUserTasks(deps, rows), total);
}

export async function getUserTask(deps: ServiceDeps, caller: Caller, key: CamundaKey) {
  return onKeyedObject(deps, 'USER_TASK', key, async (id) => {
    const task = await findTask(deps, caller, 'read', id);
    const row = await deps.prisma.userTask.findUniqueOrThrow({ where: { id: task.id }, include: taskWithProcess });
    const [userTask] = await toUserTasks(deps, [row]);
    return userTask;
  });
}

/** The task's linked form (zeebe:formDefinition formId) as bound at deployment; undefined for a task without one. */
export async function getUserTaskForm(
  deps: ServiceDeps,
  caller: Caller,
  key: CamundaKey,
): Promise<z.input<typeof userTaskFormAnswer> | undefined> {
  const task = await onKeyedObject(deps, 'USER_TASK', key, (id) => findTask(deps, caller, 'read', id));
  const definition = await deps.prisma.processDefinition.findUniqueOrThrow({
    where: { id: task.processInstance.definitionId },
    select: { formVersions: true },
  });
  const formVersionId = boundFormVersionId(definition.formVersions, task.form);
  const form = formVersionId && (await deps.prisma.form.findUnique({ where: { id: formVersionId } }));
  if (!form) return undefined;
  const formKeys = await keysFor(deps.prisma, 'FORM', [form.id]);
  return {
    formKey: formKeys.get(form.id)!,
    formId: form.formId,
    version: form.version,
    // Camunda sends the form-js schema as a JSON string.
    schema: JSON.stringify(form.schema),
    tenantId: DEFAULT_TENANT,
  };
}

export async function completeUserTask(deps: ServiceDeps, caller: Caller, key: CamundaKey, variables: Variables) {
  await onKeyedObject(deps, 'USER_TASK', key, (id) => completeTask(deps, caller, { id, variables }));
}

/**
 * Assigns the task: to oneself it is a claim, to someone else an assignment (their assignee, a head of their unit or
 * an administrator may). With `allowOverride: false`, a task someone else holds is refused as Camunda refuses it.
 */
export async function assignUserTask(
  deps: ServiceDeps,
  caller: Caller,
  key: CamundaKey,
  input: { assignee: string; allowOverride: boolean },
) {
  const task = await onKeyedObject(deps, 'USER_TASK', key, (id) => findTask(deps, caller, 'read', id));
  if (!input.allowOverride && task.assignee && task.assignee !== input.assignee) {
    throw new AppError('TASK_CLAIMED', `Task ${key} is assigned to ${task.assignee}; allowOverride was false.`);
  }
  if (input.assignee === caller.principal.username) {
    await claimTask(deps, caller, task.id);
    return;
  }
  const user = await deps.prisma.user.findUnique({ where: { username: input.assignee }, select: { id: true } });
  if (!user) throw new AppError('TASK_ASSIGNEE_INVALID', `No user is called '${input.assignee}'.`);
  await assignTask(deps, caller, { id: task.id, userId: user.id });
}

export async function unassignUserTask(deps: ServiceDeps, caller: Caller, key: CamundaKey) {
  await onKeyedObject(deps, 'USER_TASK', key, (id) => unclaimTask(deps, caller, id));
}

async function toUserTasks(
  deps: Pick<ServiceDeps, 'prisma'>,
  rows: TaskWithProcess[],
): Promise<Array<z.input<typeof userTaskAnswer>>> {
  const formIds = rows.flatMap((row) => {
    const id = boundFormVersionId(row.processInstance.definition.formVersions, row.form);
    return id ? [id] : [];
  });
  const [taskKeys, instanceKeys, definitionKeys, elementKeys, formKeys] = await Promise.all([
    keysFor(
      deps.prisma,
      'USER_TASK',
      rows.map((row) => row.id),
    ),
    keysFor(
      deps.prisma,
      'PROCESS_INSTANCE',
      rows.map((row) => row.processInstanceId),
    ),
    keysFor(
      deps.prisma,
      'PROCESS_DEFINITION',
      rows.map((row) => row.processInstance.definitionId),
    ),
    keysFor(deps.prisma, 'ELEMENT_INSTANCE', rows.map(elementInstanceEntityId)),
    keysFor(deps.prisma, 'FORM', formIds),
  ]);
  return rows.map((row) => {
    const { definitionId, definition } = row.processInstance;
    const formVersionId = boundFormVersionId(definition.formVersions, row.form);
    return withoutNulls({
      userTaskKey: taskKeys.get(row.id)!,
      name: row.name,
      state: row.state,
      assignee: row.assignee,
      elementId: row.elementId,
      elementInstanceKey: elementKeys.get(elementInstanceEntityId(row))!,
      candidateGroups: row.candidateGroups,
      candidateUsers: row.candidateUsers,
      processDefinitionId: definition.bpmnProcessId,
      processDefinitionVersion: definition.version,
      processDefinitionKey: definitionKeys.get(definitionId)!,
      processName: definition.name ?? definition.bpmnProcessId,
      processInstanceKey: instanceKeys.get(row.processInstanceId)!,
      creationDate: row.createdAt.toISOString(),
      completionDate: isoDate(row.completedAt),
      dueDate: isoDate(row.dueAt),
      followUpDate: isoDate(row.followUpAt),
      priority: row.priority,
      formKey: formVersionId ? (formKeys.get(formVersionId) ?? null) : null,
      externalFormReference: externalReference(row.form),
      customHeaders: {},
      tenantId: DEFAULT_TENANT,
    });
  });
}

function externalReference(form: Prisma.JsonValue): string | null {
  const reference = form && typeof form === 'object' && !Array.isArray(form) ? form['externalReference'] : undefined;
  return typeof reference === 'string' ? reference : null;
}

async function taskFilter(deps: Pick<ServiceDeps, 'prisma'>, filter: UserTaskSearchFilter) {
  const and: Prisma.UserTaskWhereInput[] = [];
  const keys = allowedValues(filter.userTaskKey);
  if (keys) and.push({ id: { in: await idsForKeys(deps.prisma, 'USER_TASK', keys) } });
  const instanceKeys = allowedValues(filter.processInstanceKey);
  if (instanceKeys)
    and.push({ processInstanceId: { in: await idsForKeys(deps.prisma, 'PROCESS_INSTANCE', instanceKeys) } });
  const definitionKeys = allowedValues(filter.processDefinitionKey);
  if (definitionKeys) {
    const definitionIds = await idsForKeys(deps.prisma, 'PROCESS_DEFINITION', definitionKeys);
    and.push({ processInstance: { definitionId: { in: definitionIds } } });
  }
  const processIds = allowedValues(filter.processDefinitionId);
  if (processIds) and.push({ processInstance: { bpmnProcessId: { in: processIds } } });
  const states = allowedValues(filter.state);
  if (states) and.push({ state: { in: states } });
  const assignees = allowedValues(filter.assignee);
  if (assignees) and.push({ assignee: { in: assignees } });
  const elementIds = allowedValues(filter.elementId);
  if (elementIds) and.push({ elementId: { in: elementIds } });
  const groups = allowedValues(filter.candidateGroup);
  if (groups) and.push({ candidateGroups: { hasSome: groups } });
  const users = allowedValues(filter.candidateUser);
  if (users) and.push({ candidateUsers: { hasSome: users } });
  return { AND: and };
}
