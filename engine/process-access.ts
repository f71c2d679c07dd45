/**
 * Who owns a process and which org units may start it (docs/access.md). Owners are BPR analysts: the first person to
 * deploy a process id becomes its owner, administrators add and remove others. Start permissions name units; a unit
 * covers every unit under it, and a process with none may be started by every civil servant.
 */
import type { Prisma } from '../platform/db';
import { AppError } from '../shared/app-error';
import { appendAudit } from './audit';
import type { EngineDeps } from './deps';
import { unitsUnder } from './org/units';

type Db = Pick<EngineDeps, 'prisma'>;
type Actor = { username: string; sourceAddress?: string };

/** The facts a start is checked against: who may start the process (the ability's `ProcessStart`). */
export async function processStartFacts({ prisma }: Db, bpmnProcessId: string) {
  const [permissions, owners] = await Promise.all([
    prisma.processStartPermission.findMany({ where: { bpmnProcessId }, select: { orgUnitId: true } }),
    prisma.processOwner.findMany({ where: { bpmnProcessId }, select: { userId: true } }),
  ]);
  return {
    bpmnProcessId,
    startUnits: await unitsUnder(
      { prisma },
      permissions.map((row) => row.orgUnitId),
    ),
    ownerIds: owners.map((row) => row.userId),
  };
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
