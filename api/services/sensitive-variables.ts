/**
 * Sensitive variables (docs/access.md): a process names them (zeebe:property gov:sensitive, compiled into its graph's
 * `sensitiveVariables` and copied to its definition's column), and a reader without the ability's `readSensitive` right on the instance sees "***" in
 * their place. Every answer that carries an instance's variables goes through `maskVariables`.
 */
import { deployedDefinitions } from '../../engine/deployed-definitions';
import type { Prisma } from '../../platform/db';
import { accessibleWhere, type AppAbility, type Caller } from '../auth/ability';
import type { ServiceDeps } from '../deps';

export const MASKED = '***';
const NOTHING_HIDDEN: ReadonlySet<string> = new Set();

/** Which variable names the caller must not see, per instance. */
export type HiddenVariables = (instanceId: string) => ReadonlySet<string>;

/**
 * Decides, for any number of instances, which of their variables the caller sees masked: in no query when their
 * definitions are known (engine/deployed-definitions.ts) and none names sensitive variables, else in one or two.
 */
export async function hiddenVariables(
  { prisma }: Pick<ServiceDeps, 'prisma'>,
  { ability }: Caller,
  instances: ReadonlyArray<{ id: string; definitionId: string }>,
): Promise<HiddenVariables> {
  const definitions = await deployedDefinitions(
    prisma,
    instances.map((instance) => instance.definitionId),
  );
  const sensitiveOf = new Map(
    [...definitions.values()]
      .filter((definition) => definition.sensitiveVariables.length > 0)
      .map((definition) => [definition.id, new Set(definition.sensitiveVariables)]),
  );
  const concerned = instances.filter((instance) => sensitiveOf.has(instance.definitionId)).map(({ id }) => id);
  const allowed = accessibleWhere(ability, 'readSensitive', 'ProcessInstance');
  const readable =
    allowed && concerned.length
      ? await prisma.processInstance.findMany({
          where: { AND: [allowed, { id: { in: concerned } }] },
          select: { id: true },
        })
      : [];
  const readers = new Set(readable.map(({ id }) => id));
  const definitionOf = new Map(instances.map((instance) => [instance.id, instance.definitionId]));
  return (instanceId) =>
    readers.has(instanceId) ? NOTHING_HIDDEN : (sensitiveOf.get(definitionOf.get(instanceId) ?? '') ?? NOTHING_HIDDEN);
}

/**
 * Filtering on a sensitive variable's value would reveal it: each name filtered on keeps only the instances whose
 * process does not mark it sensitive, or whose sensitive values the caller may read.
 */
export function sensitiveFilterGuard(ability: AppAbility, names: string[]): Prisma.ProcessInstanceWhereInput[] {
  const readable = accessibleWhere(ability, 'readSensitive', 'ProcessInstance');
  return names.map((name) => ({
    OR: [{ NOT: { definition: { is: { sensitiveVariables: { has: name } } } } }, ...(readable ? [readable] : [])],
  }));
}

/** The variables with each hidden one's value replaced by "***"; anything but a variables object is returned as is. */
export function maskVariables<T extends Prisma.JsonValue | undefined>(variables: T, hidden: ReadonlySet<string>): T {
  if (hidden.size === 0 || !variables || typeof variables !== 'object' || Array.isArray(variables)) return variables;
  return Object.fromEntries(
    Object.entries(variables).map(([name, value]) => [name, hidden.has(name) ? MASKED : value]),
  ) as T;
}
