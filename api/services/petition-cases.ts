/**
 * Civil petitions as their people see them (docs/civil-petition.md): a petitioner files one from the web app, or a
 * clerk registers one received at the counter, which starts the civil-petition process; the list and one petition
 * with its history, each within the caller's reach (CASL on Petition: the petitioner their own, the receiving unit
 * its petitions, managers their part of the org chart). What the caller may not see answers 404.
 */
import { z } from 'zod';
import { formatKst } from '../../gov/calendar';
import { checkSubmission, type FormSchema } from '../../engine/form-submission';
import { petitionTypes } from '../../engine/petitions/types';
import { PetitionOutcome, PetitionState, type Petition } from '../../prisma/generated/client';
import { AppError } from '../../shared/app-error';
import { Role, accessibleWhere, type Caller } from '../auth/ability';
import type { ServiceDeps } from '../deps';
import { startInstance } from './instances';
import { findVisible } from './visible';
import { itemsOf, kstInstant, rowId } from './answer-fields';

export const PETITION_PROCESS = 'civil-petition';
/** The deployed form a filing is checked against, as the web app draws it. */
export const FILING_FORM = 'petition-filing';
const LIST_LIMIT = 200;

/** A petition as its people see it; instants in Korea's time. */
export const petitionAnswer = z.object({
  id: rowId,
  processInstanceId: rowId,
  receiptNumber: z.string().nullable(),
  typeCode: z.string(),
  title: z.string(),
  petitionerName: z.string(),
  state: z.enum(PetitionState),
  receivedAt: kstInstant,
  dueAt: kstInstant.nullable(),
  supplementRequests: z.number().int(),
  extensions: z.number().int(),
  transferredTo: z.string().nullable(),
  decidedAt: kstInstant.nullable(),
  outcome: z.enum(PetitionOutcome).nullable(),
  workingMinutesTaken: z.number().int().nullable(),
});
export const petitionListAnswer = itemsOf(petitionAnswer);
/** One petition with what happened when (the details stay in the audit trail). */
export const petitionDetailAnswer = petitionAnswer.extend({
  history: z.array(z.object({ at: kstInstant, event: z.string() })),
});
export const petitionFiledAnswer = z.object({ processInstanceId: rowId });

export interface PetitionFilingInput {
  typeCode: string;
  title: string;
  content: string;
  petitioner: { name: string; email: string };
  /** A clerk's receipt stamp for a petition received at the counter or by post; a petitioner files now. */
  receivedAt?: string;
}

export async function filePetition(
  deps: ServiceDeps,
  caller: Caller,
  input: PetitionFilingInput,
): Promise<z.input<typeof petitionFiledAnswer>> {
  const { receivedAt, ...filing } = input;
  if (receivedAt && caller.principal.roles.includes(Role.External))
    throw new AppError(
      'FORBIDDEN',
      'Only a clerk stamps the receipt instant; a petition filed online is received now.',
    );
  const form = await deps.prisma.form.findFirst({ where: { formId: FILING_FORM }, orderBy: { version: 'desc' } });
  if (!form)
    throw new AppError('NOT_FOUND', `The form '${FILING_FORM}' is not deployed; deploy processes/civil-petition.`);
  // The form lists the types from a variable (they are data), so the server checks the code against the table.
  const fields = checkSubmission(form.schema as unknown as FormSchema, filing, {});
  if (!(await petitionTypes(deps.prisma)).some((type) => type.code === filing.typeCode))
    fields.push({ key: 'typeCode', message: `'${filing.typeCode}' is not a petition type.` });
  if (fields.length > 0) throw new AppError('FORM_INVALID', 'The petition is not complete.', { fields });
  const instance = await startInstance(deps, caller, {
    processId: PETITION_PROCESS,
    variables: { ...filing, ...(receivedAt ? { receivedAt } : {}) },
  });
  return { processInstanceId: instance.id };
}

export async function listPetitions(
  { prisma }: ServiceDeps,
  caller: Caller,
): Promise<z.input<typeof petitionAnswer>[]> {
  const allowed = accessibleWhere(caller.ability, 'read', 'Petition');
  if (!allowed) return [];
  const rows = await prisma.petition.findMany({ where: allowed, orderBy: { receivedAt: 'desc' }, take: LIST_LIMIT });
  return rows.map(toPetitionDto);
}

/** One petition with its history: what happened when (the details stay in the audit trail). */
export async function getPetition(
  { prisma }: ServiceDeps,
  caller: Caller,
  id: string,
): Promise<z.input<typeof petitionDetailAnswer>> {
  const petition = await findVisible(caller, 'read', 'Petition', id, (where) => prisma.petition.findFirst({ where }));
  const events = await prisma.auditLog.findMany({
    where: { objectType: 'Petition', objectId: petition.id },
    orderBy: { id: 'asc' },
    select: { at: true, action: true },
  });
  return {
    ...toPetitionDto(petition),
    history: events.map((event) => ({
      at: formatKst(event.at.getTime()),
      event: event.action.replace(/^petition\./, ''),
    })),
  };
}

function toPetitionDto(petition: Petition): z.input<typeof petitionAnswer> {
  const kst = (at: Date | null) => (at ? formatKst(at.getTime()) : null);
  return {
    id: petition.id,
    processInstanceId: petition.processInstanceId,
    receiptNumber: petition.receiptNumber,
    typeCode: petition.typeCode,
    title: petition.title,
    petitionerName: petition.petitionerName,
    state: petition.state,
    receivedAt: formatKst(petition.receivedAt.getTime()),
    dueAt: kst(petition.dueAt),
    supplementRequests: petition.supplementRequests,
    extensions: petition.extensions,
    transferredTo: petition.transferredTo,
    decidedAt: kst(petition.decidedAt),
    outcome: petition.outcome,
    workingMinutesTaken: petition.workingMinutesTaken,
  };
}
