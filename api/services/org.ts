/**
 * The org chart for the API: every signed-in user reads it (a drafter builds an approval line from it); only
 * administrators change it, each change going through engine/org in one transaction with its audit row.
 */
import { z } from 'zod';
import { OrgUnitKind, type Group, type Position, type Prisma, type Rank } from '../../prisma/generated/client';
import { AppError } from '../../shared/app-error';
import { createGroup, createPosition, createRank } from '../../engine/org/catalogue';
import type { OrgActor } from '../../engine/org/checks';
import { handOver } from '../../engine/org/handover';
import {
  createPerson,
  movePerson,
  updatePerson,
  type Move,
  type NewPerson,
  type PersonChange,
} from '../../engine/org/people';
import { createUnit, updateUnit, type NewUnit, type UnitChange } from '../../engine/org/units';
import { hashPassword } from '../auth/passwords';
import type { Caller } from '../auth/ability';
import type { ServiceDeps } from '../deps';
import { isUuid } from '../validation';
import { instant, itemsOf, personRef, rowId } from './answer-fields';

const unitRef = z.object({ id: rowId, code: z.string(), name: z.string() });
export const positionAnswer = z.object({ code: z.string(), name: z.string(), level: z.number().int() });
export const rankAnswer = z.object({ code: z.string(), name: z.string(), grade: z.number().int() });
export const groupAnswer = z.object({ code: z.string(), name: z.string(), orgUnitId: rowId.nullable() });
export const unitAnswer = z.object({
  id: rowId,
  code: z.string(),
  name: z.string(),
  kind: z.enum(OrgUnitKind),
  parentId: rowId.nullable(),
  head: personRef.nullable(),
});
export const personAnswer = z.object({
  id: rowId,
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  active: z.boolean(),
  orgUnit: unitRef.nullable(),
  position: positionAnswer.nullable(),
  rank: rankAnswer.nullable(),
  groups: z.array(z.string()),
});
const handoverFields = {
  id: rowId,
  handedOverBy: z.string(),
  taskIds: z.array(rowId),
  reason: z.string().nullable(),
  createdAt: instant,
};
export const handoverRecordAnswer = z.object({ ...handoverFields, fromUserId: rowId, toUserId: rowId });
/** One person with where they served and the handovers from and to them. */
export const personDetailAnswer = personAnswer.extend({
  history: z.array(
    z.object({
      orgUnit: unitRef,
      position: positionAnswer.nullable(),
      since: instant,
      until: instant.nullable(),
      placedBy: z.string().nullable(),
    }),
  ),
  handovers: z.array(z.object({ ...handoverFields, from: personRef, to: personRef })),
});
export const movedPersonAnswer = z.object({ person: personAnswer, handover: handoverRecordAnswer.nullable() });
export const handoverAnswer = z.object({ handover: handoverRecordAnswer });
export const unitListAnswer = itemsOf(unitAnswer);
export const personListAnswer = itemsOf(personAnswer);
export const positionListAnswer = itemsOf(positionAnswer);
export const rankListAnswer = itemsOf(rankAnswer);
export const groupListAnswer = itemsOf(groupAnswer);

const personSummary = { select: { id: true, username: true, displayName: true } } as const;
const personInclude = {
  orgUnit: { select: { id: true, code: true, name: true } },
  position: { select: { code: true, name: true, level: true } },
  rank: { select: { code: true, name: true, grade: true } },
  groups: { select: { groupCode: true }, orderBy: { groupCode: 'asc' } },
} as const;
type PersonRow = Prisma.UserGetPayload<{ include: typeof personInclude }>;

/** A person as the chart shows them; never the password hash. */
function toPersonDto(person: PersonRow): z.input<typeof personAnswer> {
  return {
    id: person.id,
    username: person.username,
    displayName: person.displayName,
    email: person.email,
    active: person.active,
    orgUnit: person.orgUnit,
    position: person.position,
    rank: person.rank,
    groups: person.groups.map((membership) => membership.groupCode),
  };
}

function requireRead({ ability }: Caller): void {
  if (!ability.can('read', 'OrgChart')) throw new AppError('FORBIDDEN', 'You may not read the org chart.');
}

function requireManage({ ability, principal, sourceAddress }: Caller): OrgActor {
  if (!ability.can('manage', 'OrgChart')) throw new AppError('FORBIDDEN', 'Only administrators change the org chart.');
  return { username: principal.username, sourceAddress };
}

/** Every unit, parents before children, siblings by code. */
export async function listUnits({ prisma }: ServiceDeps, caller: Caller): Promise<z.input<typeof unitAnswer>[]> {
  requireRead(caller);
  const units = await prisma.orgUnit.findMany({ include: { head: personSummary }, orderBy: { code: 'asc' } });
  const children = new Map<string, typeof units>();
  for (const unit of units) children.set(unit.parentId ?? '', [...(children.get(unit.parentId ?? '') ?? []), unit]);
  const known = new Set(units.map((unit) => unit.id));
  const ordered: typeof units = [];
  const visit = (parentId: string) => {
    for (const unit of children.get(parentId) ?? []) {
      ordered.push(unit);
      visit(unit.id);
    }
  };
  for (const root of units.filter((unit) => !unit.parentId || !known.has(unit.parentId))) {
    ordered.push(root);
    visit(root.id);
  }
  return ordered.map(({ id, code, name, kind, parentId, head }) => ({ id, code, name, kind, parentId, head }));
}

/** The people of a unit (and, when asked, of its subunits), or everyone; `q` matches username or name. */
export async function listPeople(
  { prisma }: ServiceDeps,
  caller: Caller,
  filter: { unitId?: string; q?: string; includeSubunits?: boolean },
) {
  requireRead(caller);
  const unitIds = filter.unitId ? await unitAndBelow(prisma, filter.unitId, filter.includeSubunits ?? false) : null;
  const people = await prisma.user.findMany({
    where: {
      ...(unitIds && { orgUnitId: { in: unitIds } }),
      ...(filter.q && {
        OR: [
          { username: { contains: filter.q, mode: 'insensitive' } },
          { displayName: { contains: filter.q, mode: 'insensitive' } },
        ],
      }),
    },
    include: personInclude,
    orderBy: { username: 'asc' },
  });
  // The most senior position first; people without one last.
  const level = (person: PersonRow) => person.position?.level ?? 0;
  return people.sort((a, b) => level(b) - level(a)).map(toPersonDto);
}

async function unitAndBelow(prisma: ServiceDeps['prisma'], unitId: string, withSubunits: boolean): Promise<string[]> {
  const units = await prisma.orgUnit.findMany({ select: { id: true, parentId: true } });
  if (!units.some((unit) => unit.id === unitId)) throw new AppError('NOT_FOUND', `No unit ${unitId}.`);
  if (!withSubunits) return [unitId];
  const found = [unitId];
  for (let i = 0; i < found.length; i++) {
    found.push(...units.filter((unit) => unit.parentId === found[i]).map((unit) => unit.id));
  }
  return found;
}

/** One person with where they have served (newest first) and the handovers from and to them. */
export async function getPerson(
  { prisma }: ServiceDeps,
  caller: Caller,
  id: string,
): Promise<z.input<typeof personDetailAnswer>> {
  requireRead(caller);
  const person = isUuid(id)
    ? await prisma.user.findUnique({
        where: { id },
        include: {
          ...personInclude,
          memberships: {
            include: { orgUnit: { select: { id: true, code: true, name: true } }, position: true },
            orderBy: { since: 'desc' },
          },
          handoversGiven: { include: { toUser: personSummary }, orderBy: { createdAt: 'desc' } },
          handoversTaken: { include: { fromUser: personSummary }, orderBy: { createdAt: 'desc' } },
        },
      })
    : null;
  if (!person) throw new AppError('NOT_FOUND', `No person ${id}.`);
  const summary = { id: person.id, username: person.username, displayName: person.displayName };
  const handovers = [
    ...person.handoversGiven.map(({ toUser, ...handover }) => ({ ...handover, from: summary, to: toUser })),
    ...person.handoversTaken.map(({ fromUser, ...handover }) => ({ ...handover, from: fromUser, to: summary })),
  ].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  return {
    ...toPersonDto(person),
    history: person.memberships.map(({ orgUnit, position, since, until, placedBy }) => ({
      orgUnit,
      position: position && { code: position.code, name: position.name, level: position.level },
      since,
      until,
      placedBy,
    })),
    handovers: handovers.map(({ fromUserId: _from, toUserId: _to, ...handover }) => handover),
  };
}

async function personDto({ prisma }: ServiceDeps, id: string) {
  return toPersonDto(await prisma.user.findUniqueOrThrow({ where: { id }, include: personInclude }));
}

export async function addUnit(deps: ServiceDeps, caller: Caller, input: NewUnit) {
  const unit = await createUnit(deps, requireManage(caller), input);
  return unitDto(deps, unit.id);
}

export async function changeUnit(deps: ServiceDeps, caller: Caller, id: string, change: UnitChange) {
  const actor = requireManage(caller);
  if (!isUuid(id)) throw new AppError('NOT_FOUND', `No unit ${id}.`);
  await updateUnit(deps, actor, id, change);
  return unitDto(deps, id);
}

async function unitDto({ prisma }: ServiceDeps, id: string): Promise<z.input<typeof unitAnswer>> {
  const { code, name, kind, parentId, head } = await prisma.orgUnit.findUniqueOrThrow({
    where: { id },
    include: { head: personSummary },
  });
  return { id, code, name, kind, parentId, head };
}

export async function addPerson(
  deps: ServiceDeps,
  caller: Caller,
  input: Omit<NewPerson, 'passwordHash'> & { password: string },
) {
  const actor = requireManage(caller);
  const { password, ...person } = input;
  const created = await createPerson(deps, actor, { ...person, passwordHash: await hashPassword(password) });
  return personDto(deps, created.id);
}

export async function changePerson(
  deps: ServiceDeps,
  caller: Caller,
  id: string,
  input: Omit<PersonChange, 'passwordHash'> & { password?: string },
) {
  const actor = requireManage(caller);
  if (!isUuid(id)) throw new AppError('NOT_FOUND', `No person ${id}.`);
  const { password, ...change } = input;
  await updatePerson(deps, actor, id, { ...change, ...(password && { passwordHash: await hashPassword(password) }) });
  return personDto(deps, id);
}

export async function movePersonTo(
  deps: ServiceDeps,
  caller: Caller,
  id: string,
  move: Move,
): Promise<z.input<typeof movedPersonAnswer>> {
  const actor = requireManage(caller);
  if (!isUuid(id)) throw new AppError('NOT_FOUND', `No person ${id}.`);
  const { handover } = await movePerson(deps, actor, id, move);
  return { person: await personDto(deps, id), handover };
}

export async function handOverWork(
  deps: ServiceDeps,
  caller: Caller,
  id: string,
  input: { successorId: string; reason?: string },
): Promise<z.input<typeof handoverAnswer>> {
  const actor = requireManage(caller);
  if (!isUuid(id)) throw new AppError('NOT_FOUND', `No person ${id}.`);
  return { handover: await handOver(deps, actor, id, input) };
}

export async function listPositions(
  { prisma }: ServiceDeps,
  caller: Caller,
): Promise<z.input<typeof positionAnswer>[]> {
  requireRead(caller);
  return prisma.position.findMany({ orderBy: { level: 'asc' } });
}

export async function listRanks({ prisma }: ServiceDeps, caller: Caller): Promise<z.input<typeof rankAnswer>[]> {
  requireRead(caller);
  return prisma.rank.findMany({ orderBy: { grade: 'desc' } });
}

export async function listGroups({ prisma }: ServiceDeps, caller: Caller): Promise<z.input<typeof groupAnswer>[]> {
  requireRead(caller);
  const groups = await prisma.group.findMany({ orderBy: { code: 'asc' } });
  return groups.map(({ code, name, orgUnitId }) => ({ code, name, orgUnitId }));
}

export function addPosition(
  deps: ServiceDeps,
  caller: Caller,
  input: Position,
): Promise<z.input<typeof positionAnswer>> {
  return createPosition(deps, requireManage(caller), input);
}

export function addRank(deps: ServiceDeps, caller: Caller, input: Rank): Promise<z.input<typeof rankAnswer>> {
  return createRank(deps, requireManage(caller), input);
}

export async function addGroup(deps: ServiceDeps, caller: Caller, input: Group): Promise<z.input<typeof groupAnswer>> {
  const { code, name, orgUnitId } = await createGroup(deps, requireManage(caller), input);
  return { code, name, orgUnitId };
}
