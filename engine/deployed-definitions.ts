/**
 * Deployed definitions by id, kept in memory: a deployed version never changes (a redeploy makes a new version), so
 * a process reads a definition's graph, forms and sensitive variables once, not on every start, completion or
 * answer that needs them. Bounded: past the capacity the definition first read longest ago is forgotten first.
 */
import type { PrismaClient } from '../platform/db';
import type { ProcessDefinition } from '../prisma/generated/client';

/** A definition without its XML, which only the modeler and the XML route read. */
export type DeployedDefinition = Omit<ProcessDefinition, 'xml'>;

const CAPACITY = 100;
const known = new Map<string, DeployedDefinition>();

const columns = {
  id: true,
  bpmnProcessId: true,
  version: true,
  name: true,
  resourceName: true,
  graph: true,
  versionTag: true,
  contentHash: true,
  deployedById: true,
  deployedAt: true,
  formVersions: true,
  sensitiveVariables: true,
} as const satisfies Record<keyof DeployedDefinition, true>;

/** The definitions of the given ids that exist, in one query for those not yet known. */
export async function deployedDefinitions(
  prisma: Pick<PrismaClient, 'processDefinition'>,
  ids: Iterable<string>,
): Promise<Map<string, DeployedDefinition>> {
  const found = new Map<string, DeployedDefinition>();
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const definition = known.get(id);
    if (definition) found.set(id, definition);
    else missing.push(id);
  }
  if (missing.length === 0) return found;
  for (const definition of await prisma.processDefinition.findMany({
    where: { id: { in: missing } },
    select: columns,
  })) {
    remember(definition);
    found.set(definition.id, definition);
  }
  return found;
}

/** One definition, or undefined when no definition has the id. */
export async function deployedDefinition(
  prisma: Pick<PrismaClient, 'processDefinition'>,
  id: string,
): Promise<DeployedDefinition | undefined> {
  return (await deployedDefinitions(prisma, [id])).get(id);
}

function remember(definition: DeployedDefinition): void {
  if (known.size >= CAPACITY) known.delete(known.keys().next().value as string);
  known.set(definition.id, definition);
}
