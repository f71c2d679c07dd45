/**
 * Incidents for operators: the ability reads an incident through its instance (an analyst's owned processes, a
 * manager's subtree; docs/access.md); resolving one goes through the engine (the instance's workflow retries the
 * element).
 */
import { z } from 'zod';
import type { Prisma } from '../../prisma/generated/client';
import { IncidentState } from '../../prisma/generated/enums';
import type { Variables } from '../../shared/feel';
import { AppError } from '../../shared/app-error';
import * as engineIncidents from '../../engine/incidents';
import { accessibleWhere, type Caller } from '../auth/ability';
import { engineDeps, type ServiceDeps } from '../deps';
import { findVisible } from './visible';
import { instant } from './answer-fields';

const withInstance = { processInstance: { select: { bpmnProcessId: true, businessKey: true } } } as const;
type IncidentRow = Prisma.IncidentGetPayload<{ include: typeof withInstance }>;

/** An incident with its instance's process id and business key. */
export const incidentAnswer = z.object({
  id: z.string(),
  processInstanceId: z.string(),
  elementId: z.string(),
  elementInstanceId: z.string(),
  message: z.string(),
  state: z.enum(IncidentState),
  createdAt: instant,
  resolvedAt: instant.nullable(),
  resolvedBy: z.string().nullable(),
  processId: z.string(),
  businessKey: z.string().nullable(),
});

function toIncidentDto({ processInstance, ...incident }: IncidentRow): z.input<typeof incidentAnswer> {
  return { ...incident, processId: processInstance.bpmnProcessId, businessKey: processInstance.businessKey };
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
    include: withInstance,
    orderBy: { createdAt: 'desc' },
    take: 200,
  });
  return incidents.map(toIncidentDto);
}

function findIncident(deps: ServiceDeps, caller: Caller, id: string) {
  return findVisible(caller, 'read', 'Incident', id, (where) =>
    deps.prisma.incident.findFirst({ where, include: withInstance }),
  );
}

export async function getIncident(deps: ServiceDeps, caller: Caller, id: string) {
  return toIncidentDto(await findIncident(deps, caller, id));
}

/** Retries the element the incident stopped at (with the variables given set first); returns the RESOLVED row. */
export async function resolveIncident(deps: ServiceDeps, caller: Caller, input: { id: string; variables?: Variables }) {
  const { processInstance, ...incident } = await findIncident(deps, caller, input.id);
  // Seen but not operated: a manager reads their subtree's incidents, only the process's owners resolve them.
  const resolvable = accessibleWhere(caller.ability, 'resolve', 'Incident');
  const mayResolve =
    resolvable !== null &&
    (await deps.prisma.incident.count({ where: { AND: [resolvable, { id: incident.id }] } })) > 0;
  if (!mayResolve)
    throw new AppError('FORBIDDEN', "Only the process's owners and administrators resolve its incidents.");
  const resolved = await engineIncidents.resolveIncident(engineDeps(deps), {
    incident,
    variables: input.variables,
    resolvedBy: caller.principal.username,
  });
  return toIncidentDto({ ...resolved, processInstance });
}
