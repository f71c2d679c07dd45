/** Incidents in Camunda's shapes: search and resolution, over the same services as /api/incidents. */
import { z } from 'zod';
import type { IncidentState, Prisma } from '../../../prisma/generated/client';
import { elementInstanceEntityId, idsForKeys, keysFor, type CamundaKey } from '../../../engine/camunda-keys';
import { accessibleWhere, type Caller } from '../../auth/ability';
import type { ServiceDeps } from '../../deps';
import { resolveIncident } from '../incidents';
import { onKeyedObject } from './keyed-objects';
import {
  allowedValues,
  DEFAULT_TENANT,
  instantAnswer,
  keyAnswer,
  searchAnswer,
  searchResult,
  tenantId,
  withoutNulls,
  type FilterValue,
  type SearchInput,
} from './search';

/** Camunda's incident states; an incident closed by its instance's cancellation counts as resolved. */
export const CAMUNDA_INCIDENT_STATES = ['ACTIVE', 'RESOLVED'] as const;
export type CamundaIncidentState = (typeof CAMUNDA_INCIDENT_STATES)[number];

/** Camunda's IncidentResult; no incident comes from a job here, so `jobKey` is always left out. */
export const incidentAnswer = z.object({
  incidentKey: keyAnswer,
  processDefinitionId: z.string(),
  processDefinitionKey: keyAnswer,
  processInstanceKey: keyAnswer,
  errorType: z.literal('UNKNOWN'),
  errorMessage: z.string(),
  elementId: z.string(),
  elementInstanceKey: keyAnswer,
  creationTime: instantAnswer,
  state: z.enum(CAMUNDA_INCIDENT_STATES),
  tenantId,
});
export const incidentSearchAnswer = searchAnswer(incidentAnswer);

const OUR_STATES: Record<CamundaIncidentState, IncidentState[]> = {
  ACTIVE: ['OPEN'],
  RESOLVED: ['RESOLVED', 'CANCELED'],
};

function camundaIncidentState(state: IncidentState): CamundaIncidentState {
  return state === 'OPEN' ? 'ACTIVE' : 'RESOLVED';
}

export interface IncidentSearchFilter {
  incidentKey?: FilterValue<string>;
  processInstanceKey?: FilterValue<string>;
  processDefinitionId?: FilterValue<string>;
  elementId?: FilterValue<string>;
  state?: FilterValue<CamundaIncidentState>;
}

export async function searchIncidents(
  deps: ServiceDeps,
  caller: Caller,
  input: SearchInput<IncidentSearchFilter, 'creationTime'>,
) {
  const allowed = accessibleWhere(caller.ability, 'read', 'Incident');
  if (!allowed) return searchResult([], 0);
  const where = { AND: [allowed, await incidentFilter(deps, input.filter)] };
  const [rows, total] = await Promise.all([
    deps.prisma.incident.findMany({
      where,
      orderBy: [...input.sort.map(({ order }) => ({ createdAt: order })), { id: 'asc' as const }],
      skip: input.page.from,
      take: input.page.limit,
      include: { processInstance: { select: { bpmnProcessId: true, definitionId: true } } },
    }),
    deps.prisma.incident.count({ where }),
  ]);
  const [incidentKeys, instanceKeys, definitionKeys, elementKeys] = await Promise.all([
    keysFor(
      deps.prisma,
      'INCIDENT',
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
  ]);
  const items = rows.map((row): z.input<typeof incidentAnswer> =>
    withoutNulls({
      incidentKey: incidentKeys.get(row.id)!,
      processDefinitionId: row.processInstance.bpmnProcessId,
      processDefinitionKey: definitionKeys.get(row.processInstance.definitionId)!,
      processInstanceKey: instanceKeys.get(row.processInstanceId)!,
      // The interpreter does not classify its incidents; the message says what stopped the element.
      errorType: 'UNKNOWN' as const,
      errorMessage: row.message,
      elementId: row.elementId,
      elementInstanceKey: elementKeys.get(elementInstanceEntityId(row))!,
      creationTime: row.createdAt.toISOString(),
      state: camundaIncidentState(row.state),
      tenantId: DEFAULT_TENANT,
    }),
  );
  return searchResult(items, total);
}

async function incidentFilter(deps: Pick<ServiceDeps, 'prisma'>, filter: IncidentSearchFilter) {
  const and: Prisma.IncidentWhereInput[] = [];
  const keys = allowedValues(filter.incidentKey);
  if (keys) and.push({ id: { in: await idsForKeys(deps.prisma, 'INCIDENT', keys) } });
  const instanceKeys = allowedValues(filter.processInstanceKey);
  if (instanceKeys)
    and.push({ processInstanceId: { in: await idsForKeys(deps.prisma, 'PROCESS_INSTANCE', instanceKeys) } });
  const processIds = allowedValues(filter.processDefinitionId);
  if (processIds) and.push({ processInstance: { bpmnProcessId: { in: processIds } } });
  const elementIds = allowedValues(filter.elementId);
  if (elementIds) and.push({ elementId: { in: elementIds } });
  const states = allowedValues(filter.state);
  if (states) and.push({ state: { in: states.flatMap((state) => OUR_STATES[state]) } });
  return { AND: and };
}

/** Runs the element again (Camunda's resolution does the same once the cause is fixed). */
export async function resolveIncidentByKey(deps: ServiceDeps, caller: Caller, key: CamundaKey) {
  await onKeyedObject(deps, 'INCIDENT', key, (id) => resolveIncident(deps, caller, { id }));
}
