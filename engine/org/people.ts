/**
 * People of the org chart. User.orgUnitId and positionCode are where a person is now; UnitMembership rows are where
 * they have been: every placement (creation, a move, a change of position) closes the open row and opens the next,
 * in the same transaction as the change and its audit row.
 */
import type { User } from '../../prisma/generated/client';
import { AppError } from '../../shared/app-error';
import type { EngineDeps } from '../deps';
import {
  audit,
  lockOrgChart,
  requireGroups,
  requirePosition,
  requireRank,
  requireRoles,
  requireUnit,
  type OrgActor,
  type Tx,
} from './checks';
import { handOverInTransaction } from './handover';

export interface NewPerson {
  username: string;
  displayName: string;
  email?: string | null;
  passwordHash: string;
  orgUnitId: string;
  positionCode?: string | null;
  rankCode?: string | null;
  roles: string[];
  /** Candidate groups; when not given, the groups of the person's unit. */
  groups?: string[];
  active?: boolean;
}

export interface PersonChange {
  displayName?: string;
  email?: string | null;
  passwordHash?: string;
  positionCode?: string | null;
  rankCode?: string | null;
  roles?: string[];
  groups?: string[];
  active?: boolean;
}

export interface Move {
  orgUnitId: string;
  /** The position in the new unit; the current one when not given. */
  positionCode?: string | null;
  /** Hands the person's open tasks to this person in the same transaction (engine/org/handover.ts). */
  successorId?: string;
  /** The handover's reason; `전보: <unit name>` when not given. */
  handoverReason?: string;
}

type Deps = Pick<EngineDeps, 'prisma'>;

export async function createPerson({ prisma }: Deps, actor: OrgActor, input: NewPerson): Promise<User> {
  const { roles, groups, passwordHash, ...profile } = input;
  return prisma.$transaction(async (tx) => {
    await lockOrgChart(tx);
    if (await tx.user.findUnique({ where: { username: input.username } }))
      throw new AppError('CONFLICT', `A person with the username ${input.username} already exists.`);
    await requireUnit(tx, input.orgUnitId);
    await requireReferences(tx, input);
    const memberOf = groups ?? (await unitGroups(tx, input.orgUnitId));
    const person = await tx.user.create({
      data: {
        ...profile,
        passwordHash,
        roles: { create: roles.map((roleCode) => ({ roleCode })) },
        groups: { create: memberOf.map((groupCode) => ({ groupCode })) },
      },
    });
    await openMembership(tx, actor, person);
    await audit(
      tx,
      actor,
      'org.person.created',
      { type: 'User', id: person.id, subject: person.username },
      { ...profile, roles, groups: memberOf },
    );
    return person;
  });
}

export async function updatePerson({ prisma }: Deps, actor: OrgActor, id: string, change: PersonChange): Promise<User> {
  const { roles, groups, passwordHash, ...fields } = change;
  return prisma.$transaction(async (tx) => {
    await lockOrgChart(tx);
    const person = await findPerson(tx, id);
    await requireReferences(tx, change);
    if (roles) {
      await tx.userRole.deleteMany({ where: { userId: id } });
      await tx.userRole.createMany({ data: roles.map((roleCode) => ({ userId: id, roleCode })) });
    }
    if (groups) {
      await tx.groupMembership.deleteMany({ where: { userId: id } });
      await tx.groupMembership.createMany({ data: groups.map((groupCode) => ({ userId: id, groupCode })) });
    }
    const updated = await tx.user.update({ where: { id }, data: { ...fields, passwordHash } });
    if (updated.orgUnitId && updated.positionCode !== person.positionCode) await placeAgain(tx, actor, updated);
    await audit(
      tx,
      actor,
      'org.person.updated',
      { type: 'User', id, subject: person.username },
      { ...fields, roles, groups, ...(passwordHash && { passwordChanged: true }) },
    );
    return updated;
  });
}

/**
 * Moves a person to another unit (or gives them another position in theirs): the history row closes and the next
 * opens; they leave the candidate groups of the unit they leave and join those of the unit they enter; a unit they
 * headed loses its head. Their open tasks stay theirs unless a successor is named.
 */
export async function movePerson({ prisma }: Deps, actor: OrgActor, id: string, move: Move) {
  return prisma.$transaction(async (tx) => {
    await lockOrgChart(tx);
    const person = await findPerson(tx, id);
    const target = await requireUnit(tx, move.orgUnitId);
    if (move.positionCode) await requirePosition(tx, move.positionCode);
    const positionCode = move.positionCode === undefined ? person.positionCode : move.positionCode;
    if (person.orgUnitId === target.id && person.positionCode === positionCode)
      throw new AppError('CONFLICT', `${person.username} is already in ${target.code} with that position.`);
    const previousUnitId = person.orgUnitId;
    if (previousUnitId && previousUnitId !== target.id) {
      await tx.groupMembership.deleteMany({ where: { userId: id, group: { orgUnitId: previousUnitId } } });
      await tx.orgUnit.updateMany({ where: { id: previousUnitId, headId: id }, data: { headId: null } });
      await tx.groupMembership.createMany({
        data: (await unitGroups(tx, target.id)).map((groupCode) => ({ userId: id, groupCode })),
        skipDuplicates: true,
      });
    }
    const moved = await tx.user.update({ where: { id }, data: { orgUnitId: target.id, positionCode } });
    await placeAgain(tx, actor, moved);
    const handover = move.successorId
      ? await handOverInTransaction(tx, actor, moved, {
          successorId: move.successorId,
          reason: move.handoverReason ?? `전보: ${target.name}`,
        })
      : null;
    await audit(
      tx,
      actor,
      'org.person.moved',
      { type: 'User', id, subject: person.username },
      { fromUnitId: previousUnitId, toUnitId: target.id, positionCode },
    );
    return { person: moved, handover };
  });
}

async function findPerson(tx: Tx, id: string): Promise<User> {
  const person = await tx.user.findUnique({ where: { id } });
  if (!person) throw new AppError('NOT_FOUND', `No person ${id}.`);
  return person;
}

async function requireReferences(
  tx: Tx,
  input: { positionCode?: string | null; rankCode?: string | null; roles?: string[]; groups?: string[] },
): Promise<void> {
  if (input.positionCode) await requirePosition(tx, input.positionCode);
  if (input.rankCode) await requireRank(tx, input.rankCode);
  if (input.roles) await requireRoles(tx, input.roles);
  if (input.groups) await requireGroups(tx, input.groups);
}

async function unitGroups(tx: Tx, orgUnitId: string): Promise<string[]> {
  const groups = await tx.group.findMany({ where: { orgUnitId }, select: { code: true } });
  return groups.map((group) => group.code);
}

/** Closes the person's open history row, if any, and opens one for where they are now. */
async function placeAgain(tx: Tx, actor: OrgActor, person: User): Promise<void> {
  const now = new Date();
  await tx.unitMembership.updateMany({ where: { userId: person.id, until: null }, data: { until: now } });
  await openMembership(tx, actor, person, now);
}

async function openMembership(tx: Tx, actor: OrgActor, person: User, since = new Date()): Promise<void> {
  if (!person.orgUnitId) return;
  await tx.unitMembership.create({
    data: {
      userId: person.id,
      orgUnitId: person.orgUnitId,
      positionCode: person.positionCode,
      since,
      placedBy: actor.username,
    },
  });
}
