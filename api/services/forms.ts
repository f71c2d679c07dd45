/** Deployed forms: the latest version of a form id, as the modeler opens it beside the process that links it. */
import { z } from 'zod';
import type { Caller } from '../auth/ability';
import type { ServiceDeps } from '../deps';
import { findVisible } from './visible';

/** A deployed form version: its row id, the form id, the version and the form-js schema as deployed. */
export const formAnswer = z.object({
  id: z.guid(),
  formId: z.string(),
  version: z.number().int().min(1),
  schema: z.record(z.string(), z.unknown()),
});

export async function getLatestForm(
  { prisma }: ServiceDeps,
  caller: Caller,
  formId: string,
): Promise<z.input<typeof formAnswer>> {
  const form = await findVisible(caller, 'read', 'Form', { where: { formId }, value: formId }, (where) =>
    prisma.form.findFirst({
      where,
      orderBy: { version: 'desc' },
      select: { id: true, formId: true, version: true, schema: true },
    }),
  );
  // A deployment accepts only a form-js schema, a JSON object (engine/forms.ts).
  return { ...form, schema: form.schema as Record<string, unknown> };
}
