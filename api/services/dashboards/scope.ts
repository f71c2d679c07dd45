/**
 * Whose figures a caller may read. Administrators read every process and unit; a BPR analyst reads the processes
 * they own (all of their figures), no department; a manager reads the units under the ones they belong to or head,
 * and a process only when some of its work reached those units. What is out of scope answers 404, as if it did not
 * exist (docs/conventions.md §8).
 */
import { AppError } from '../../../shared/app-error';
import { Role, type Caller } from '../../auth/ability';
import type { ServiceDeps } from '../../deps';
import { isUuid } from '../../validation';
import { unitsUnder } from '../../../engine/org/units';

/** The org units whose tasks count; null: all of them. */
export type UnitScope = string[] | null;

export function requireDashboardReader({ ability }: Caller): void {
  if (!ability.can('read', 'Dashboard')) throw new AppError('NOT_FOUND', 'No dashboard is visible to you.');
}

/**
 * The caller's units: all (null) for administrators, a manager's subtree as their ability has it
 * (Principal.unitSubtree, docs/access.md), none for anyone else.
 */
export function callerUnits(caller: Caller): UnitScope {
  requireDashboardReader(caller);
  const { roles, unitSubtree = [] } = caller.principal;
  if (roles.includes(Role.Admin)) return null;
  return roles.includes(Role.Manager) ? unitSubtree : [];
}

/** The units whose figures of one process count: all of them for its owners, else the caller's units. */
export function processUnits(caller: Caller, processId: string): UnitScope {
  const units = callerUnits(caller);
  return caller.principal.ownedProcesses?.includes(processId) ? null : units;
}

/** The process's versions the caller may read, newest first; 404 when there are none. */
export async function visibleVersions(
  { prisma }: Pick<ServiceDeps, 'prisma'>,
  units: UnitScope,
  processId: string,
): Promise<Array<{ id: string; version: number }>> {
  const versions = await prisma.processDefinition.findMany({
    where: { bpmnProcessId: processId },
    select: { id: true, version: true },
    orderBy: { version: 'desc' },
  });
  const reached = units === null || versions.length === 0 ? true : await reachedUnits(prisma, versions, units);
  if (versions.length === 0 || !reached) throw new AppError('NOT_FOUND', `No process ${processId} is visible to you.`);
  return versions;
}

async function reachedUnits(
  prisma: ServiceDeps['prisma'],
  versions: Array<{ id: string }>,
  units: string[],
): Promise<boolean> {
  if (units.length === 0) return false;
  const rows = await prisma.$queryRaw<unknown[]>`
    SELECT 1 FROM "TaskCreatedStat"
    WHERE "definitionId" = ANY(${versions.map(({ id }) => id)}::uuid[]) AND "orgUnitId" = ANY(${units}::uuid[])
    LIMIT 1`;
  return rows.length > 0;
}

/** The unit and the units under it, when the caller may read them; 404 otherwise. */
export async function visibleDepartment(
  deps: Pick<ServiceDeps, 'prisma'>,
  units: UnitScope,
  orgUnitId: string,
): Promise<{ id: string; name: string; units: string[] }> {
  const unit =
    isUuid(orgUnitId) && (units === null || units.includes(orgUnitId))
      ? await deps.prisma.orgUnit.findUnique({ where: { id: orgUnitId }, select: { id: true, name: true } })
      : null;
  if (!unit) throw new AppError('NOT_FOUND', `No org unit ${orgUnitId} is visible to you.`);
  return { ...unit, units: await unitsUnder(deps, [unit.id]) };
}
