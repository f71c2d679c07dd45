/**
 * Incidents for operators: an incident is visible when its instance is (and the caller's role reads incidents);
 * resolving one goes through the instance's workflow, which retries the element and resolves the row.
 */
import { subject } from '@casl/ability';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Incident, IncidentState } from '../../prisma/generated/client';
import type { Variables } from '../../shared/feel';
import { AppError } from '../../shared/app-error';
import { FailureType, resolveIncidentUpdate } from '../../shared/workflow-contract';
import { accessibleWhere, type AppAbility, type Principal } from '../auth/ability';
import type { AppDeps } from '../deps';
import { isUuid } from '../validation';

type InstanceSummary = { id: string; bpmnProcessId: string; businessKey: string | null };

function toIncidentDto(incident: Incident, instance: InstanceSummary) {
  return { ...incident, processId: instance.bpmnProcessId, businessKey: instance.businessKey };
}

/** The instances among `ids` the caller may read, by id. */
async function readableInstances(
  { prisma }: Pick<AppDeps, 'prisma'>,
  ability: AppAbility,
  ids: string[],
): Promise<Map<string, InstanceSummary>> {
  const allowed = accessibleWhere(ability, 'read', 'ProcessInstance');
  if (!allowed || ids.length === 0) return new Map();
  const rows = await prisma.processInstance.findMany({
    where: { AND: [allowed, { id: { in: ids } }] },
    select: { id: true, bpmnProcessId: true, businessKey: true },
  });
  return new Map(rows.map((row) => [row.id, row]));
}

export async function listIncidents(
  deps: Pick<AppDeps, 'prisma'>,
  ability: AppAbility,
  filter: { state: IncidentState; processInstanceId?: string },
) {
  if (!ability.can('read', 'Incident')) throw new AppError('FORBIDDEN', 'Your role does not read incidents.');
  const incidents = await deps.prisma.incident.findMany({
    where: {
      state: filter.state,
      ...(filter.processInstanceId ? { processInstanceId: filter.processInstanceId } : {}),
    },
    orderBy: { createdAt: 'desc' },
    take: 200,
  });
  const instances = await readableInstances(deps, ability, [
    ...new Set(incidents.map((incident) => incident.processInstanceId)),
  ]);
  return incidents.flatMap((incident) => {
    const instance = instances.get(incident.processInstanceId);
    return instance && ability.can('read', subject('Incident', incident)) ? [toIncidentDto(incident, instance)] : [];
  });
}

async function findIncident(deps: Pick<AppDeps, 'prisma'>, ability: AppAbility, id: string) {
  const incident =
    ability.can('read', 'Incident') && isUuid(id) ? await deps.prisma.incident.findUnique({ where: { id } }) : null;
  const instance =
    incident && ability.can('read', subject('Incident', incident))
      ? (await readableInstances(deps, ability, [incident.processInstanceId])).get(incident.processInstanceId)
      : undefined;
  if (!incident || !instance) throw new AppError('NOT_FOUND', `No incident ${id} is visible to you.`);
  return { incident, instance };
}

export async function getIncident(deps: Pick<AppDeps, 'prisma'>, ability: AppAbility, id: string) {
  const { incident, instance } = await findIncident(deps, ability, id);
  return toIncidentDto(incident, instance);
}

/** Retries the element the incident stopped at (with the variables given set first); returns the RESOLVED row. */
export async function resolveIncident(
  deps: Pick<AppDeps, 'prisma' | 'temporal'>,
  ability: AppAbility,
  principal: Principal,
  id: string,
  variables?: Variables,
) {
  const { incident, instance } = await findIncident(deps, ability, id);
  if (!ability.can('resolve', subject('Incident', incident)))
    throw new AppError('FORBIDDEN', 'Your role may not resolve incidents.');
  if (incident.state !== 'OPEN')
    throw new AppError(
      'CONFLICT',
      `Incident ${id} is ${incident.state.toLowerCase()}; only open incidents can be resolved.`,
    );
  try {
    await deps.temporal.workflow
      .getHandle(incident.processInstanceId)
      .executeUpdate(resolveIncidentUpdate, { args: [{ incidentId: id, variables, resolvedBy: principal.username }] });
  } catch (error) {
    throw toResolveError(error, id);
  }
  return toIncidentDto(await deps.prisma.incident.findUniqueOrThrow({ where: { id } }), instance);
}

function toResolveError(error: unknown, id: string): unknown {
  if (error instanceof WorkflowNotFoundError)
    return new AppError('CONFLICT', `The instance of incident ${id} has already ended.`);
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    if (error.cause.type === FailureType.IncidentNotOpen)
      return new AppError('CONFLICT', `Incident ${id} is no longer open.`);
    if (error.cause.type === FailureType.InvalidVariables)
      return new AppError('VALIDATION_FAILED', error.cause.message);
  }
  return error;
}
