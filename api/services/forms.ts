/** Deployed forms: the latest version of a form id, as the modeler opens it beside the process that links it. */
import type { Caller } from '../auth/ability';
import type { ServiceDeps } from '../deps';
import { findVisible } from './visible';

export async function getLatestForm({ prisma }: ServiceDeps, caller: Caller, formId: string) {
  return findVisible(caller, 'read', 'Form', { where: { formId }, value: formId }, (where) =>
    prisma.form.findFirst({
      where,
      orderBy: { version: 'desc' },
      select: { id: true, formId: true, version: true, schema: true },
    }),
  );
}
