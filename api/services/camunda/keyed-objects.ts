/**
 * Actions on the object a Camunda key names. A key that names nothing and an object the caller may not see are
 * answered alike (docs/conventions.md §8): the same 404 naming the key, never the object's own id, so that the
 * answer does not tell whether the key exists. The denial is still recorded with the object's id.
 */
import { AppError } from '../../../shared/app-error';
import { idForKey, type CamundaKey, type CamundaKeyKind } from '../../../engine/camunda-keys';
import type { ServiceDeps } from '../../deps';
import { NotVisibleError } from '../visible';

const NAMES: Partial<Record<CamundaKeyKind, string>> = {
  PROCESS_INSTANCE: 'process instance',
  USER_TASK: 'user task',
  INCIDENT: 'incident',
};

export async function onKeyedObject<Result>(
  { prisma }: Pick<ServiceDeps, 'prisma'>,
  kind: CamundaKeyKind,
  key: CamundaKey,
  action: (id: string) => Promise<Result>,
): Promise<Result> {
  const notFound = `No ${NAMES[kind] ?? 'object'} has the key ${key}.`;
  const id = await idForKey(prisma, kind, key);
  if (!id) throw new AppError('NOT_FOUND', notFound);
  try {
    return await action(id);
  } catch (error) {
    if (error instanceof NotVisibleError) throw new NotVisibleError(error.objectType, error.objectId, notFound);
    throw error;
  }
}
