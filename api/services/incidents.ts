/**
 * Incidents for operators: an incident is visible when the caller's role reads incidents and its instance is
 * visible to them; resolving one goes through the engine (the instance's workflow retries the element).
 */
import type { Incident, IncidentState } from '../../prisma/generated/client';
import type { Variables } from '../../shared/feel';
import { AppError } from '../../shared/app-error';
import * as engineIncidents from '../../engine/incidents';
import { accessibleWhere, type Caller } from '../auth/ability';
import { engineDeps, type ServiceDeps } from '../deps';
import { findVisible } from './visible';

type InstanceSummary = { id: string; bpmnProcessId: string; businessKey: string | null };

function toIncidentDto(incident: Incident, instance: InstanceSummary) {
  return { ...incident, processId: instance.bpmnProcessId, businessKey: instance.businessKey };
}

/**
 * The instances among `ids` the caller may read, by id. Incident rows have no relation to their instance in the
 * schema, so the instance's where-input cannot sit inside the incident query; it is a second query.
 */
async function readableInstances(
  { prisma }: ServiceDeps,
  { ability }: Caller,
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
  deps: ServiceDeps,
  caller: Caller,
  filter: { state: IncidentState; processInstanceId?: string },
) {
  const allowed = accessibleWhere(caller.ability, 'read', 'Incident');
  if (!allowed) throw new AppError('FORBIDDEN', 'Your role does not read incidents.');
  const incidents = await deps.prisma.incident.findMany({
    where: {
      AND: [
        allowed,
        { state: filter.state, ...(filter.processInstanceId ? { processInstanceId: filter.processInstanceId } : {}) },
      ],
    },
    orderBy: { createdAt: 'desc' },
    take: 200,
  });
  const instances = await readableInstances(deps, caller, [
    ...new Set(incidents.map((incident) => incident.processInstanceId)),
  ]);
  return incidents.flatMap((incident) => {
    const instance = instances.get(incident.processInstanceId);
    return instance ? [toIncidentDto(incident, instance)] : [];
  });
}

/** The incident and its instance, when both are visible to the caller; else 404. */
async function findIncident(deps: ServiceDeps, caller: Caller, id: string) {
  return findVisible(caller, 'read', 'Incident', id, async (where) => {
    const incident = await deps.prisma.incident.findFirst({ where });
    const instance =
      incident && (await readableInstances(deps, caller, [incident.processInstanceId])).get(incident.processInstanceId);
    return incident && instance ? { incident, instance } : null;
  });
}

export async function getIncident(deps: ServiceDeps, caller: Caller, id: string) {
  const { incident, instance } = await findIncident(deps, caller, id);
  return toIncidentDto(incident, instance);
}

/** Retries the element the incident stopped at (with the variables given set first); returns the RESOLVED row. */
export async function resolveIncident(deps: ServiceDeps, caller: Caller, input: { id: string; variables?: Variables }) {
  const { incident, instance } = await findIncident(deps, caller, input.id);
  if (!caller.ability.can('resolve', 'Incident'))
    throw new AppError('FORBIDDEN', 'Your role may not resolve incidents.');
  const resolved = await engineIncidents.resolveIncident(engineDeps(deps), {
    incident,
    variables: input.variables,
    resolvedBy: caller.principal.username,
  });
  return toIncidentDto(resolved, instance);
}
