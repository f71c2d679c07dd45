/**
 * Civil-petition types for the API: the general types of gov/petitions plus the statutory types administrators add
 * (PetitionType rows, audited), and a petition's due instant on the calendar of /api/calendar (statutory holidays
 * plus the administrators' changes).
 */
import { z } from 'zod';
import { isGeneralCode, petitionDeadline, type PetitionDeadline, type PetitionType } from '../../gov/petitions/types';
import { loadCalendar } from '../../engine/calendar';
import { appendAudit } from '../../engine/audit';
import { petitionTypes, statutoryPetitionType } from '../../engine/petitions/types';
import { AppError } from '../../shared/app-error';
import type { Caller } from '../auth/ability';
import type { ServiceDeps } from '../deps';
import { explanationAnswer, periodAnswer, withCalendarErrors } from './calendar';
import { kstInstant } from './answer-fields';

const petitionRule = { code: z.string(), name: z.string(), limit: periodAnswer, basis: z.string() };
export const petitionTypeAnswer = z.object({ ...petitionRule, kind: z.enum(['general', 'statutory']) });
export const petitionTypeListAnswer = z.object({ items: z.array(petitionTypeAnswer) });
/** When a petition of a type is due, with the calendar's explanation of the count. */
export const petitionDeadlineAnswer = z.object({
  dueAt: kstInstant,
  dueAtEpochMs: z.number().int(),
  rule: z.object(petitionRule),
  explanation: explanationAnswer,
});

export type NewPetitionType = Pick<PetitionType, 'code' | 'name' | 'limit' | 'basis'>;

export async function listPetitionTypes(
  { prisma }: ServiceDeps,
  caller: Caller,
): Promise<readonly (PetitionType & z.input<typeof petitionTypeAnswer>)[]> {
  requireRead(caller);
  return petitionTypes(prisma);
}

export async function getPetitionType(
  deps: ServiceDeps,
  caller: Caller,
  code: string,
): Promise<PetitionType & z.input<typeof petitionTypeAnswer>> {
  const types = await listPetitionTypes(deps, caller);
  const type = types.find((candidate) => candidate.code === code);
  if (!type) throw new AppError('NOT_FOUND', `No petition type '${code}'; known types: ${codes(types)}.`);
  return type;
}

/** Adds a statutory type; a code already taken, by a general type or an earlier addition, is a conflict. */
export async function addPetitionType(
  { prisma }: ServiceDeps,
  { ability, principal, sourceAddress }: Caller,
  input: NewPetitionType,
): Promise<PetitionType & z.input<typeof petitionTypeAnswer>> {
  if (!ability.can('create', 'PetitionType'))
    throw new AppError('FORBIDDEN', 'Only administrators add statutory petition types.');
  if (isGeneralCode(input.code))
    throw new AppError('CONFLICT', `'${input.code}' is a general petition type of the decree; choose another code.`);
  return prisma.$transaction(async (tx) => {
    const existing = await tx.petitionType.findUnique({ where: { code: input.code } });
    if (existing)
      throw new AppError('CONFLICT', `The petition type '${input.code}' already exists (${existing.name}).`);
    const row = await tx.petitionType.create({
      data: {
        code: input.code,
        name: input.name,
        limitUnit: input.limit.unit,
        limitAmount: input.limit.unit === 'immediately' ? null : input.limit.amount,
        basis: input.basis,
        createdBy: principal.username,
      },
    });
    await appendAudit(tx, {
      actor: principal.username,
      sourceAddress,
      action: 'petition-type.added',
      objectType: 'PetitionType',
      objectId: row.code,
      details: { name: row.name, limit: input.limit, basis: row.basis },
    });
    return statutoryPetitionType(row);
  });
}

/** The due instant of a petition of the type received at the instant; an unknown type is a 400 naming the known ones. */
export async function petitionDeadlineFor(
  deps: ServiceDeps,
  caller: Caller,
  query: { type: string; receivedAt: string },
): Promise<PetitionDeadline & z.input<typeof petitionDeadlineAnswer>> {
  const types = await listPetitionTypes(deps, caller);
  const type = types.find((candidate) => candidate.code === query.type);
  if (!type)
    throw new AppError(
      'VALIDATION_FAILED',
      `Invalid query: type: '${query.type}' is not a petition type; known types: ${codes(types)}.`,
    );
  const calendar = await loadCalendar(deps.prisma);
  return withCalendarErrors(() => petitionDeadline(calendar, type, query.receivedAt));
}

function requireRead({ ability }: Caller): void {
  if (!ability.can('read', 'PetitionType')) throw new AppError('FORBIDDEN', 'You may not read the petition types.');
}

function codes(types: readonly PetitionType[]): string {
  return types.map((type) => type.code).join(', ');
}
