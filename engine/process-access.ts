/**
 * Who owns a process and which org units may start it (docs/access.md). Owners are BPR analysts: the first person to
 * deploy a process id becomes its owner, administrators add and remove others. Start permissions name units; a unit
 * covers every unit under it, and a process with none may be started by every civil servant.
 */
import { Prisma } from '../platform/db';
import { AppError } from '../shared/app-error';
import { appendAudit } from './audit';
import type { EngineDeps } from './deps';
import { unitsUnder } from './org/units';

type Db = Pick<EngineDeps, 'prisma'>;
type Actor = { username: string; sourceAddress?: string };

/** The facts a start is checked against: who may start the process (the ability's `ProcessStart`). */
export interface ProcessStartFacts {
  bpmnProcessId: string;
  startUnits: string[];
  ownerIds: string[];
}

/** The facts of a process, in one query (and one more for the units under those its start permissions name). */
export async function processStartFacts(db: Db, bpmnProcessId: string): Promise<ProcessStartFacts> {
  const [row] = await db.prisma.$queryRaw<FactsRow[]>`SELECT ${factsColumns(Prisma.sql`${bpmnProcessId}`)}`;
  return toFacts(db, bpmnProcessId, row as FactsRow);
}

/**
 * What a start by process id needs first, in one query: the version it runs (the given one, else the latest) and
 * the facts it is checked against; undefined when no such version is deployed.
 */
export async function startTarget(
  db: Db,
  bpmnProcessId: string,
  version?: number,
): Promise<{ definitionId: string; facts: ProcessStartFacts } | undefined> {
  const [row] = await db.prisma.$queryRaw<Array<FactsRow & { definitionId: string }>>`
    SELECT d."id"::TEXT AS "definitionId", ${factsColumns(Prisma.sql`d."bpmnProcessId"`)}
      FROM "ProcessDefinition" d
     WHERE d."bpmnProcessId" = ${bpmnProcessId} AND (${version ?? null}::INTEGER IS NULL OR d."version" = ${version ?? null})
     ORDER BY d."version" DESC LIMIT 1`;
  return row && { definitionId: row.definitionId, facts: await toFacts(db, bpmnProcessId, row) };
}

/** The start permissions' units and the owners, as two array columns of the row of the query they join. */
interface FactsRow {
  permittedUnits: string[];
  ownerIds: string[];
}

function factsColumns(bpmnProcessId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    ARRAY(SELECT "orgUnitId"::TEXT FROM "ProcessStartPermission" WHERE "bpmnProcessId" = ${bpmnProcessId}) AS "permittedUnits",
    ARRAY(SELECT "userId"::TEXT FROM "ProcessOwner" WHERE "bpmnProcessId" = ${bpmnProcessId}) AS "ownerIds"`;
}

/** A permitted unit covers the units under it; most processes permit none, and then no query follows. */
async function toFacts({ prisma }: Db, bpmnProcessId: string, row: FactsRow): Promise<ProcessStartFacts> {
  return { bpmnProcessId, startUnits: await unitsUnder({ prisma }, row.permittedUnits), ownerIds: row.ownerIds };
}

/** Who may deploy a new version of a process that has owners (the API: its owners and administrators). */
export type MayRedeploy = (process: { bpmnProcessId: string; ownerIds: string[] }) => boolean;

/**
 * The deployer of a process nobody owns yet becomes its owner; a process with owners takes versions only from the
 * people `mayRedeploy` allows. The deployment's transaction holds the process id's lock.
 */
export async function settleOwnership(
  tx: Prisma.TransactionClient,
  bpmnProcessId: string,
  deployer: { id: string },
  mayRedeploy?: MayRedeploy,
) {
  const owners = await tx.processOwner.findMany({ where: { bpmnProcessId }, select: { userId: true } });
  if (owners.length === 0) {
    await tx.processOwner.create({ data: { bpmnProcessId, userId: deployer.id } });
    return;
  }
  if (mayRedeploy && !mayRedeploy({ bpmnProcessId, ownerIds: owners.map((owner) => owner.userId) })) {
    throw new AppError(
      'FORBIDDEN',
      `Process ${bpmnProcessId} has owners, and only they or an administrator deploy its versions; an administrator can make you an owner.`,
    );
  }
}

export async function listOwners({ prisma }: Db, bpmnProcessId: string) {
  const rows = await prisma.processOwner.findMany({
    where: { bpmnProcessId },
    include: { user: { select: { id: true, username: true, displayName: true } } },
    orderBy: { grantedAt: 'asc' },
  });
  return rows.map(({ user, grantedAt }) => ({ ...user, grantedAt }));
}

export async function addOwner({ prisma }: Db, actor: Actor, input: { bpmnProcessId: string; userId: string }) {
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { active: true } });
    if (!user?.active) throw new AppError('UNKNOWN_REFERENCE', `No active user ${input.userId} to make an owner.`);
    await tx.processOwner.upsert({
      where: { bpmnProcessId_userId: input },
      create: input,
      update: {},
    });
    await audit(tx, actor, 'process.owner.added', input.bpmnProcessId, { userId: input.userId });
  });
}

export async function removeOwner({ prisma }: Db, actor: Actor, input: { bpmnProcessId: string; userId: string }) {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.processOwner.deleteMany({ where: input });
    if (count === 0) throw new AppError('NOT_FOUND', `User ${input.userId} does not own ${input.bpmnProcessId}.`);
    await audit(tx, actor, 'process.owner.removed', input.bpmnProcessId, { userId: input.userId });
  });
}

export async function listStartPermissions({ prisma }: Db, bpmnProcessId: string) {
  const rows = await prisma.processStartPermission.findMany({
    where: { bpmnProcessId },
    include: { orgUnit: { select: { id: true, code: true, name: true } } },
  });
  return rows.map((row) => row.orgUnit).sort((a, b) => a.code.localeCompare(b.code));
}

/** Replaces the units that may start a process; an empty list opens it to every civil servant again. */
export async function setStartPermissions(
  { prisma }: Db,
  actor: Actor,
  input: { bpmnProcessId: string; orgUnitIds: string[] },
) {
  const orgUnitIds = [...new Set(input.orgUnitIds)];
  await prisma.$transaction(async (tx) => {
    const known = await tx.orgUnit.count({ where: { id: { in: orgUnitIds } } });
    if (known !== orgUnitIds.length) throw new AppError('UNKNOWN_REFERENCE', 'One of the org units does not exist.');
    await tx.processStartPermission.deleteMany({ where: { bpmnProcessId: input.bpmnProcessId } });
    await tx.processStartPermission.createMany({
      data: orgUnitIds.map((orgUnitId) => ({ bpmnProcessId: input.bpmnProcessId, orgUnitId })),
    });
    await audit(tx, actor, 'process.start-permissions.set', input.bpmnProcessId, { orgUnitIds });
  });
}

function audit(
  tx: Prisma.TransactionClient,
  actor: Actor,
  action: string,
  bpmnProcessId: string,
  details: Prisma.InputJsonObject,
) {
  return appendAudit(tx, {
    actor: actor.username,
    action,
    objectType: 'Process',
    objectId: bpmnProcessId,
    details,
    sourceAddress: actor.sourceAddress,
  });
}
