/**
 * 인수인계: an administrator passes a person's open work to a named successor. Every open task assigned to the person
 * becomes the successor's, a task the person delegated comes back to the successor when it is resolved (owner),
 * and every open task that offers itself to the person by name (candidateUsers) offers itself to the successor
 * instead; closed tasks keep who worked them. The Handover row lists the tasks it moved.
 */
import type { Handover, User } from '../../prisma/generated/client';
import { AppError } from '../../shared/app-error';
import type { EngineDeps } from '../deps';
import { appendAudits } from '../audit';
import { audit, lockOrgChart, requirePerson, type OrgActor, type Tx } from './checks';

export interface HandoverInput {
  successorId: string;
  reason?: string;
}

export async function handOver(
  { prisma }: Pick<EngineDeps, 'prisma'>,
  actor: OrgActor,
  fromId: string,
  input: HandoverInput,
): Promise<Handover> {
  return prisma.$transaction(async (tx) => {
    await lockOrgChart(tx);
    const from = await tx.user.findUnique({ where: { id: fromId } });
    if (!from) throw new AppError('NOT_FOUND', `No person ${fromId}.`);
    return handOverInTransaction(tx, actor, from, input);
  });
}

/** The handover inside a caller's transaction (a move that names a successor); the caller holds the org lock. */
export async function handOverInTransaction(
  tx: Tx,
  actor: OrgActor,
  from: User,
  { successorId, reason }: HandoverInput,
): Promise<Handover> {
  if (successorId === from.id) throw new AppError('ORG_INVALID', `${from.username} cannot hand over to themself.`);
  const successor = await requirePerson(tx, successorId, 'successor');
  if (!successor.active)
    throw new AppError('ORG_INVALID', `The successor ${successor.username} is inactive and cannot take over work.`);
  // One statement: a task claimed or completed meanwhile is either moved whole or not at all.
  const moved = await tx.$queryRaw<Array<{ id: string }>>`
    UPDATE "UserTask"
    SET "assignee" = CASE WHEN "assignee" = ${from.username} THEN ${successor.username} ELSE "assignee" END,
        "owner" = CASE WHEN "owner" = ${from.username} THEN ${successor.username} ELSE "owner" END,
        "candidateUsers" = CASE
          WHEN ${from.username} = ANY("candidateUsers")
          THEN array_append(array_remove(array_remove("candidateUsers", ${from.username}), ${successor.username}),
                            ${successor.username})
          ELSE "candidateUsers" END
    WHERE "state" = 'CREATED'
      AND ("assignee" = ${from.username} OR "owner" = ${from.username} OR ${from.username} = ANY("candidateUsers"))
    RETURNING "id"`;
  const taskIds = moved.map((task) => task.id).sort();
  const handover = await tx.handover.create({
    data: { fromUserId: from.id, toUserId: successor.id, handedOverBy: actor.username, taskIds, reason },
  });
  const details = { handoverId: handover.id, from: from.username, to: successor.username };
  await audit(
    tx,
    actor,
    'org.handover',
    { type: 'User', id: from.id, subject: from.username },
    { ...details, taskIds, reason },
  );
  await appendAudits(
    tx,
    taskIds.map((taskId) => ({
      actor: actor.username,
      sourceAddress: actor.sourceAddress,
      action: 'task.handedOver',
      objectType: 'UserTask',
      objectId: taskId,
      details,
    })),
  );
  return handover;
}
