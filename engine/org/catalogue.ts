/**
 * The lists the org chart draws from: positions (직위), ranks (직급) and candidate groups. Each entry is added once
 * under a new code; people and BPMN models refer to it by that code.
 */
import type { Group, Position, Rank } from '../../prisma/generated/client';
import { AppError } from '../../shared/app-error';
import type { EngineDeps } from '../deps';
import { audit, lockOrgChart, requireUnit, type OrgActor } from './checks';

type Deps = Pick<EngineDeps, 'prisma'>;

export async function createPosition({ prisma }: Deps, actor: OrgActor, input: Position): Promise<Position> {
  return prisma.$transaction(async (tx) => {
    await lockOrgChart(tx);
    if (await tx.position.findUnique({ where: { code: input.code } }))
      throw new AppError('CONFLICT', `A position with the code ${input.code} already exists.`);
    const position = await tx.position.create({ data: input });
    await audit(tx, actor, 'org.position.created', { type: 'Position', id: position.code }, { ...input });
    return position;
  });
}

export async function createRank({ prisma }: Deps, actor: OrgActor, input: Rank): Promise<Rank> {
  return prisma.$transaction(async (tx) => {
    await lockOrgChart(tx);
    if (await tx.rank.findUnique({ where: { code: input.code } }))
      throw new AppError('CONFLICT', `A rank with the code ${input.code} already exists.`);
    const rank = await tx.rank.create({ data: input });
    await audit(tx, actor, 'org.rank.created', { type: 'Rank', id: rank.code }, { ...input });
    return rank;
  });
}

/** A group beyond the one each department and team gets (a task force, a committee), optionally tied to a unit. */
export async function createGroup({ prisma }: Deps, actor: OrgActor, input: Group): Promise<Group> {
  return prisma.$transaction(async (tx) => {
    await lockOrgChart(tx);
    if (await tx.group.findUnique({ where: { code: input.code } }))
      throw new AppError('CONFLICT', `A group with the code ${input.code} already exists.`);
    if (input.orgUnitId) await requireUnit(tx, input.orgUnitId);
    const group = await tx.group.create({ data: input });
    await audit(tx, actor, 'org.group.created', { type: 'Group', id: group.code }, { ...input });
    return group;
  });
}
