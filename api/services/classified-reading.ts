/**
 * The gate in front of classified content (docs/classified.md): a service about to return a classified instance's
 * content (its detail, variables, history, a task or an approval document) first has the reading recorded in the
 * 비밀열람기록전, committed before the response is written. A reader who is not cleared for the grade or not on the
 * need-to-know list gets 404, as for anything they may not see (the ability's condition says the same; this is the
 * last check before the content leaves). A reading that cannot be recorded returns nothing.
 */
import { recordReading } from '../../engine/classified/reading-record';
import type { SecurityActor } from '../../engine/classified/clearances';
import { clearanceCovers, type SecurityGradeCode } from '../../gov/security-grades';
import { recordSigningKey } from '../../platform/config';
import { AppError } from '../../shared/app-error';
import type { Caller, Principal } from '../auth/ability';
import type { ServiceDeps } from '../deps';

/** What is about to be read: the instance it belongs to, and the item itself. */
export interface ReadItem {
  instanceId: string;
  itemType:
    | 'instance'
    | 'instance-history'
    | 'variable-history'
    | 'instance-tasks'
    | 'instance-audit'
    | 'task'
    | 'task-comments'
    | 'task-attachments'
    | 'task-attachment'
    | 'approval-document';
  itemId: string;
}

/** Whether the principal may work on or read a classified instance: cleared for its grade and on its list. */
export async function mayHandleClassified(
  { prisma }: Pick<ServiceDeps, 'prisma'>,
  principal: Principal,
  instanceId: string,
): Promise<{ classified: false } | { classified: true; grade: SecurityGradeCode; allowed: boolean }> {
  const instance = await prisma.processInstance.findUnique({
    where: { id: instanceId },
    select: { classification: true, needToKnow: { where: { userId: principal.id }, select: { userId: true } } },
  });
  if (!instance?.classification) return { classified: false };
  const allowed = clearanceCovers(principal.clearance, instance.classification) && instance.needToKnow.length > 0;
  return { classified: true, grade: instance.classification, allowed };
}

/** Records the reading of a classified item before its content is returned; nothing for an unclassified one. */
export async function recordClassifiedReading(deps: ServiceDeps, caller: Caller, item: ReadItem): Promise<void> {
  const access = await mayHandleClassified(deps, caller.principal, item.instanceId);
  if (!access.classified) return;
  if (!access.allowed)
    throw new AppError('NOT_FOUND', `No ${item.itemType.replace('-', ' ')} ${item.itemId} is visible to you.`);
  try {
    await recordReading(deps.prisma, recordSigningKey(deps.config), {
      ...item,
      grade: access.grade,
      readerId: caller.principal.id,
      reader: caller.principal.username,
      sourceAddress: caller.sourceAddress ?? null,
      readAt: new Date(),
    });
  } catch (error) {
    deps.logger.error({ err: error, instanceId: item.instanceId }, 'a classified reading could not be recorded');
    throw new AppError(
      'READING_RECORD_UNAVAILABLE',
      'The reading record (비밀열람기록전) could not be written, so the classified content is withheld; try again shortly.',
    );
  }
}

/** The caller as the classified engine functions record them: who, and from which address. */
export function securityActor({ principal, sourceAddress }: Caller): SecurityActor {
  return { id: principal.id, username: principal.username, sourceAddress };
}
