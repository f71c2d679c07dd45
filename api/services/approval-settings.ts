/**
 * What routes a line besides the line itself: the delegation table (위임전결, administrators replace it as a whole)
 * and absences (a person records their own with a proxy; administrators anyone's). Every change is audited.
 */
import { z } from 'zod';
import { delegationTableProblems } from '../../gov/delegation-table';
import { AppError } from '../../shared/app-error';
import type { Caller } from '../auth/ability';
import type { ServiceDeps } from '../deps';
import { isUuid } from '../validation';
import { appendAudit } from '../../engine/audit';
import { instant, itemsOf, personRef, rowId } from './answer-fields';

export const delegationRuleAnswer = z.object({
  id: rowId,
  documentType: z.string(),
  minAmount: z.number().int(),
  maxAmount: z.number().int().nullable(),
  positionCode: z.string(),
});
export const delegationTableAnswer = itemsOf(delegationRuleAnswer);

export const absenceAnswer = z.object({
  id: rowId,
  userId: rowId,
  proxyId: rowId,
  startsAt: instant,
  endsAt: instant,
  reason: z.string(),
  createdBy: z.string(),
  createdAt: instant,
  user: personRef,
  proxy: personRef,
});
export const absenceListAnswer = itemsOf(absenceAnswer);

export interface DelegationRuleInput {
  documentType: string;
  minAmount: number;
  maxAmount: number | null;
  positionCode: string;
}

function assertAdmin({ ability }: Caller, what: string): void {
  if (!ability.can('manage', 'all')) throw new AppError('FORBIDDEN', `Only administrators ${what}.`);
}

export async function listDelegationRules(
  deps: ServiceDeps,
  caller: Caller,
): Promise<z.input<typeof delegationRuleAnswer>[]> {
  assertAdmin(caller, 'read the delegation table');
  const rules = await deps.prisma.delegationRule.findMany({ orderBy: [{ documentType: 'asc' }, { minAmount: 'asc' }] });
  return rules.map(toRuleDto);
}

/** Replaces the table; refused whole, naming each gap, overlap or unknown position, when it is not sound. */
export async function replaceDelegationRules(
  deps: ServiceDeps,
  caller: Caller,
  rules: DelegationRuleInput[],
): Promise<z.input<typeof delegationRuleAnswer>[]> {
  assertAdmin(caller, 'change the delegation table');
  const ranges = rules.map((rule) => ({
    ...rule,
    minAmount: BigInt(rule.minAmount),
    maxAmount: rule.maxAmount === null ? null : BigInt(rule.maxAmount),
  }));
  const known = new Set((await deps.prisma.position.findMany({ select: { code: true } })).map(({ code }) => code));
  const problems = [
    ...ranges.filter((rule) => !known.has(rule.positionCode)).map((rule) => `unknown position ${rule.positionCode}`),
    ...delegationTableProblems(ranges),
  ];
  if (problems.length > 0) {
    throw new AppError('APPROVAL_SETTINGS_INVALID', `The delegation table is refused: ${problems.join('; ')}`);
  }
  await deps.prisma.$transaction([
    deps.prisma.delegationRule.deleteMany(),
    deps.prisma.delegationRule.createMany({ data: ranges }),
    appendAudit(deps.prisma, {
      actor: caller.principal.username,
      sourceAddress: caller.sourceAddress,
      action: 'approval.delegation-table-replaced',
      objectType: 'DelegationRule',
      objectId: 'table',
      details: { rules: rules.length },
    }),
  ]);
  return listDelegationRules(deps, caller);
}

function toRuleDto(rule: {
  id: string;
  documentType: string;
  minAmount: bigint;
  maxAmount: bigint | null;
  positionCode: string;
}) {
  return {
    ...rule,
    minAmount: Number(rule.minAmount),
    maxAmount: rule.maxAmount === null ? null : Number(rule.maxAmount),
  };
}

const absenceInclude = {
  user: { select: { id: true, username: true, displayName: true } },
  proxy: { select: { id: true, username: true, displayName: true } },
} as const;

/** The caller's own absences and those they stand in for; administrators see all. */
export async function listAbsences(deps: ServiceDeps, caller: Caller): Promise<z.input<typeof absenceAnswer>[]> {
  const { id } = caller.principal;
  return deps.prisma.absence.findMany({
    where: caller.ability.can('manage', 'all') ? {} : { OR: [{ userId: id }, { proxyId: id }] },
    include: absenceInclude,
    orderBy: { startsAt: 'desc' },
  });
}

export interface AbsenceInput {
  userId?: string;
  proxyId: string;
  startsAt: Date;
  endsAt: Date;
  reason: string;
}

export async function recordAbsence(
  deps: ServiceDeps,
  caller: Caller,
  input: AbsenceInput,
): Promise<z.input<typeof absenceAnswer>> {
  const { prisma } = deps;
  const userId = input.userId ?? caller.principal.id;
  if (userId !== caller.principal.id) assertAdmin(caller, "record someone else's absence");
  if (input.endsAt <= input.startsAt)
    throw new AppError('APPROVAL_SETTINGS_INVALID', 'The absence ends before it starts.');
  if (input.proxyId === userId) throw new AppError('APPROVAL_SETTINGS_INVALID', 'A person cannot be their own proxy.');
  const people = await prisma.user.findMany({
    where: { id: { in: [userId, input.proxyId].filter(isUuid) }, active: true },
    select: { id: true },
  });
  for (const [id, who] of [
    [userId, 'absent user'],
    [input.proxyId, 'proxy'],
  ] as const) {
    if (!people.some((person) => person.id === id))
      throw new AppError('APPROVAL_SETTINGS_INVALID', `Unknown ${who}: ${id}.`);
  }
  return prisma.$transaction(async (tx) => {
    const proxyAway = await tx.absence.findFirst({
      where: { userId: input.proxyId, startsAt: { lt: input.endsAt }, endsAt: { gt: input.startsAt } },
    });
    if (proxyAway) {
      throw new AppError(
        'APPROVAL_SETTINGS_INVALID',
        `The proxy is absent too from ${proxyAway.startsAt.toISOString()} to ${proxyAway.endsAt.toISOString()}: choose someone who is in.`,
      );
    }
    const absence = await tx.absence.create({
      data: { ...input, userId, createdBy: caller.principal.username },
      include: absenceInclude,
    });
    await appendAudit(tx, {
      actor: caller.principal.username,
      sourceAddress: caller.sourceAddress,
      action: 'approval.absence-recorded',
      objectType: 'Absence',
      objectId: absence.id,
      details: { userId, proxyId: input.proxyId },
    });
    return absence;
  });
}

export async function deleteAbsence(deps: ServiceDeps, caller: Caller, id: string): Promise<void> {
  const own = caller.ability.can('manage', 'all') ? {} : { userId: caller.principal.id };
  const absence = isUuid(id) ? await deps.prisma.absence.findFirst({ where: { id, ...own } }) : null;
  if (!absence) throw new AppError('NOT_FOUND', `No absence ${id}.`);
  await deps.prisma.$transaction([
    deps.prisma.absence.delete({ where: { id } }),
    appendAudit(deps.prisma, {
      actor: caller.principal.username,
      sourceAddress: caller.sourceAddress,
      action: 'approval.absence-deleted',
      objectType: 'Absence',
      objectId: id,
    }),
  ]);
}
