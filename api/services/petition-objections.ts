/**
 * 이의신청 from the web (processes/petition-objection/README.md): the petitioner of a decided petition starts the
 * objection process. Only the person who filed the petition (who started its process) sees it here; anyone else gets
 * 404. The checks a late or groundless objection fails are the engine's, so the process makes them too.
 */
import { z } from 'zod';
import { formatKst } from '../../gov/calendar';
import { objectionAdmissibility, periodEnded } from '../../engine/petitions/objections';
import { AppError } from '../../shared/app-error';
import type { Caller } from '../auth/ability';
import type { ServiceDeps } from '../deps';
import { isUuid } from '../validation';
import { startInstance } from './instances';
import { instant, localDate, rowId } from './answer-fields';

export const OBJECTION_PROCESS_ID = 'petition-objection';

/** The objection filed: its process instance, and the last day the 60 days allowed. */
export const objectionFiledAnswer = z.object({
  processInstanceId: rowId,
  petitionId: rowId,
  filedAt: instant,
  lastDayToObject: localDate,
});

async function ownPetition({ prisma }: ServiceDeps, caller: Caller, petitionId: string) {
  const petition = isUuid(petitionId) ? await prisma.petition.findUnique({ where: { id: petitionId } }) : null;
  const filing =
    petition &&
    (await prisma.processInstance.findFirst({
      where: { id: petition.processInstanceId, startedById: caller.principal.id },
      select: { id: true },
    }));
  if (!petition || !filing) throw new AppError('NOT_FOUND', `No petition ${petitionId} of yours.`);
  return petition;
}

export async function fileObjection(
  deps: ServiceDeps,
  caller: Caller,
  input: { petitionId: string; reason: string },
): Promise<z.input<typeof objectionFiledAnswer>> {
  const petition = await ownPetition(deps, caller, input.petitionId);
  const filedAt = new Date();
  const { inTime, lastDay } = await objectionAdmissibility(deps.prisma, { petitionId: petition.id, filedAt });
  if (!inTime) throw periodEnded(lastDay);
  const instance = await startInstance(deps, caller, {
    processId: OBJECTION_PROCESS_ID,
    businessKey: petition.receiptNumber ?? undefined,
    variables: { petitionId: petition.id, objectionReason: input.reason, filedAt: formatKst(filedAt.getTime()) },
  });
  return {
    processInstanceId: instance.id,
    petitionId: petition.id,
    filedAt: instance.startedAt,
    lastDayToObject: lastDay,
  };
}
