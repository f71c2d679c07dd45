/**
 * Units of the org chart (agency → departments → teams, a tree). A unit's code is fixed once created: the candidate
 * group of a department or team has the same code, and BPMN models name it.
 */
import type { OrgUnit, OrgUnitKind } from '../../prisma/generated/client';
import { AppError } from '../../shared/app-error';
import type { EngineDeps } from '../deps';
import { audit, lockOrgChart, requirePerson, requireUnit, type OrgActor, type Tx } from './checks';

export interface NewUnit {
  code: string;
  name: string;
  kind: OrgUnitKind;
  parentId?: string | null;
  headId?: string | null;
}

export type UnitChange = Partial<Omit<NewUnit, 'code'>>;

/** Kinds whose people work a queue of their own: they get a candidate group of the unit's code. */
const KINDS_WITH_GROUP: readonly OrgUnitKind[] = ['DEPARTMENT', 'TEAM'];

export async function createUnit({ prisma }: Pick<EngineDeps, 'prisma'>, actor: OrgActor, input: NewUnit) {
  return prisma.$transaction(async (tx) => {
    await lockOrgChart(tx);
    if (await tx.orgUnit.findUnique({ where: { code: input.code } }))
      throw new AppError('CONFLICT', `A unit with the code ${input.code} already exists.`);
    if (input.parentId) await requireUnit(tx, input.parentId, 'parent unit');
    if (input.headId) await requireActiveHead(tx, input.headId);
    const withGroup = KINDS_WITH_GROUP.includes(input.kind);
    if (withGroup && (await tx.group.findUnique({ where: { code: input.code } })))
      throw new AppError('CONFLICT', `A group with the code ${input.code} already exists; choose another unit code.`);
    const unit = await tx.orgUnit.create({ data: input });
    if (withGroup) await tx.group.create({ data: { code: unit.code, name: unit.name, orgUnitId: unit.id } });
    await audit(tx, actor, 'org.unit.created', { type: 'OrgUnit', id: unit.id }, { ...input });
    return unit;
  });
}

export async function updateUnit(
  { prisma }: Pick<EngineDeps, 'prisma'>,
  actor: OrgActor,
  id: string,
  change: UnitChange,
): Promise<OrgUnit> {
  return prisma.$transaction(async (tx) => {
    await lockOrgChart(tx);
    const unit = await tx.orgUnit.findUnique({ where: { id } });
    if (!unit) throw new AppError('NOT_FOUND', `No unit ${id}.`);
    if (change.parentId) await refuseCycle(tx, unit, change.parentId);
    if (change.headId) await requireActiveHead(tx, change.headId);
    const updated = await tx.orgUnit.update({ where: { id }, data: change });
    await audit(tx, actor, 'org.unit.updated', { type: 'OrgUnit', id }, { ...change });
    return updated;
  });
}

/** A unit cannot sit under itself or under one of its own subunits. */
async function refuseCycle(tx: Tx, unit: OrgUnit, parentId: string): Promise<void> {
  await requireUnit(tx, parentId, 'parent unit');
  const parents = new Map(
    (await tx.orgUnit.findMany({ select: { id: true, parentId: true } })).map((row) => [row.id, row.parentId]),
  );
  for (let at: string | null | undefined = parentId; at; at = parents.get(at)) {
    if (at === unit.id)
      throw new AppError('ORG_INVALID', `Unit ${unit.code} cannot move under ${parentId}: that is inside it.`);
  }
}

async function requireActiveHead(tx: Tx, headId: string): Promise<void> {
  const head = await requirePerson(tx, headId, 'person to head the unit');
  if (!head.active) throw new AppError('ORG_INVALID', `${head.username} is inactive and cannot head a unit.`);
}

/** The units under the given ones, themselves included: a manager's reach, a department filter's units. */
export async function unitsUnder({ prisma }: Pick<EngineDeps, 'prisma'>, roots: string[]): Promise<string[]> {
  if (roots.length === 0) return [];
  const rows = await prisma.$queryRaw<Array<{ id: string }>>`
    WITH RECURSIVE tree AS (
      SELECT "id" FROM "OrgUnit" WHERE "id" = ANY(${roots}::uuid[])
      UNION
      SELECT unit."id" FROM "OrgUnit" unit JOIN tree ON unit."parentId" = tree."id"
    )
    SELECT "id"::text FROM tree`;
  return rows.map(({ id }) => id);
}
