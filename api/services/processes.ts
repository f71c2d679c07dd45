/**
 * The process catalogue: every deployed process with its versions, newest first, who deployed each and when, and
 * how many instances each version has in each state — of the instances the caller may read, so that a count never
 * tells of work (a classified instance, another department's case) the caller may not see.
 */
import { z } from 'zod';
import type { InstanceState } from '../../prisma/generated/client';
import { accessibleWhere, type Caller } from '../auth/ability';
import type { ServiceDeps } from '../deps';
import { instant } from './answer-fields';

const count = z.number().int();
const instanceCounts = z.object({ active: count, completed: count, incident: count, cancelled: count, total: count });

/** The catalogue: one entry per process, its versions newest first. */
export const catalogueAnswer = z.array(
  z.object({
    processId: z.string(),
    name: z.string().nullable(),
    latest: z.object({ definitionId: z.string(), version: z.number().int() }),
    versions: z.array(
      z.object({
        definitionId: z.string(),
        version: z.number().int(),
        versionTag: z.string().nullable(),
        deployedBy: z.object({ username: z.string(), displayName: z.string() }).nullable(),
        deployedAt: instant,
        instances: instanceCounts,
      }),
    ),
  }),
);
type CatalogueEntry = z.input<typeof catalogueAnswer>[number];
type ProcessVersion = CatalogueEntry['versions'][number];
type InstanceCounts = z.input<typeof instanceCounts>;

const countedAs: Record<InstanceState, Exclude<keyof InstanceCounts, 'total'>> = {
  ACTIVE: 'active',
  COMPLETED: 'completed',
  INCIDENT: 'incident',
  CANCELED: 'cancelled',
};

const noInstances = (): InstanceCounts => ({ active: 0, completed: 0, incident: 0, cancelled: 0, total: 0 });

export async function listProcesses({ prisma }: ServiceDeps, { ability }: Caller): Promise<CatalogueEntry[]> {
  const allowed = accessibleWhere(ability, 'read', 'ProcessDefinition');
  if (!allowed) return [];
  const readable = accessibleWhere(ability, 'read', 'ProcessInstance');
  const [definitions, groups] = await Promise.all([
    prisma.processDefinition.findMany({
      where: allowed,
      select: {
        id: true,
        bpmnProcessId: true,
        version: true,
        name: true,
        versionTag: true,
        deployedAt: true,
        deployedBy: { select: { username: true, displayName: true } },
      },
      orderBy: [{ bpmnProcessId: 'asc' }, { version: 'desc' }],
    }),
    // Every version's counts in one grouped query.
    readable
      ? prisma.processInstance.groupBy({ by: ['definitionId', 'state'], where: readable, _count: { _all: true } })
      : [],
  ]);
  const counts = new Map<string, InstanceCounts>();
  for (const { definitionId, state, _count } of groups) {
    const versionCounts = counts.get(definitionId) ?? noInstances();
    versionCounts[countedAs[state]] += _count._all;
    versionCounts.total += _count._all;
    counts.set(definitionId, versionCounts);
  }

  const catalogue = new Map<string, CatalogueEntry>();
  for (const { id, bpmnProcessId, version, name, versionTag, deployedAt, deployedBy } of definitions) {
    const entry: ProcessVersion = {
      definitionId: id,
      version,
      versionTag,
      deployedBy,
      deployedAt,
      instances: counts.get(id) ?? noInstances(),
    };
    // Versions arrive newest first: the first one of a process is its latest, and names it.
    const known = catalogue.get(bpmnProcessId);
    if (known) known.versions.push(entry);
    else
      catalogue.set(bpmnProcessId, {
        processId: bpmnProcessId,
        name,
        latest: { definitionId: id, version },
        versions: [entry],
      });
  }
  return [...catalogue.values()];
}
