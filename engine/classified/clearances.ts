/**
 * 비밀취급인가: one clearance per person (a grade and an expiry), granted and revoked by the security officer and
 * audited in the same transaction. Who is cleared for a grade is asked here by every classified check.
 */
import { clearanceCovers, type SecurityGradeCode } from '../../gov/security-grades';
import { AppError } from '../../shared/app-error';
import type { Prisma, PrismaClient } from '../../platform/db';
import { appendAudit } from '../audit';

type Db = Prisma.TransactionClient | PrismaClient;

/** Who acts, for the audit row. */
export interface SecurityActor {
  id: string;
  username: string;
  sourceAddress?: string | null;
}

export async function grantClearance(
  prisma: PrismaClient,
  actor: SecurityActor,
  input: { userId: string; grade: SecurityGradeCode; expiresAt: Date; now: Date },
) {
  if (input.expiresAt <= input.now) {
    throw new AppError('VALIDATION_FAILED', 'A clearance must expire in the future; give a later expiresAt.');
  }
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { username: true } });
    if (!user) throw new AppError('NOT_FOUND', `No person ${input.userId}.`);
    const data = { grade: input.grade, expiresAt: input.expiresAt, grantedById: actor.id, grantedAt: input.now };
    const clearance = await tx.clearance.upsert({
      where: { userId: input.userId },
      create: { userId: input.userId, ...data },
      update: data,
    });
    await appendAudit(tx, {
      actor: actor.username,
      action: 'clearance.granted',
      objectType: 'Clearance',
      objectId: input.userId,
      subject: user.username,
      sourceAddress: actor.sourceAddress,
      details: { grade: input.grade, expiresAt: input.expiresAt.toISOString() },
    });
    return clearance;
  });
}

export async function revokeClearance(prisma: PrismaClient, actor: SecurityActor, userId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const revoked = await tx.clearance.deleteMany({ where: { userId } });
    if (revoked.count === 0) throw new AppError('NOT_FOUND', `Person ${userId} holds no clearance.`);
    await appendAudit(tx, {
      actor: actor.username,
      action: 'clearance.revoked',
      objectType: 'Clearance',
      objectId: userId,
      sourceAddress: actor.sourceAddress,
    });
  });
}

/** The people among `userIds` whose unexpired clearance does not cover `grade` (unknown ids included), by name. */
export async function unclearedPeople(
  db: Db,
  grade: SecurityGradeCode,
  userIds: string[],
  now: Date,
): Promise<Array<{ id: string; name: string }>> {
  const people = await db.user.findMany({
    where: { id: { in: userIds } },
    select: { id: true, username: true, displayName: true, clearance: { select: { grade: true, expiresAt: true } } },
  });
  const byId = new Map(people.map((person) => [person.id, person]));
  return [...new Set(userIds)].flatMap((id) => {
    const person = byId.get(id);
    const clearance = person?.clearance && person.clearance.expiresAt > now ? person.clearance.grade : null;
    if (person && clearanceCovers(clearance, grade)) return [];
    return [{ id, name: person ? `${person.displayName} (${person.username})` : id }];
  });
}

/** A readable list of people for a refusal message. */
export function namesOf(people: Array<{ name: string }>): string {
  return people.map((person) => person.name).join(', ');
}
