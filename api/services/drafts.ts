/**
 * Drafts: diagrams being modelled, with their forms, kept on the server between sessions so that a reload loses
 * nothing. A draft is its owner's alone: the ability narrows every query to the caller's own rows, so another
 * user's draft answers 404 as if it did not exist (docs/conventions.md §8).
 */
import { SaxesParser } from 'saxes';
import { z } from 'zod';
import { AppError } from '../../shared/app-error';
import { asJson, type Prisma } from '../../platform/db';
import { accessibleWhere, type Caller } from '../auth/ability';
import type { ServiceDeps } from '../deps';
import { findVisible } from './visible';

export interface DraftInput {
  xml: string;
  /** {formId: form-js schema} */
  forms: Record<string, Record<string, unknown>>;
}

/** The list of drafts: each one's key, the name of its process (null when the XML names none) and when it was saved. */
export const draftListAnswer = z.array(
  z.object({ key: z.string(), name: z.string().nullable(), updatedAt: z.iso.datetime() }),
);
export const draftAnswer = z.object({
  key: z.string(),
  xml: z.string(),
  forms: z.record(z.string(), z.record(z.string(), z.unknown())),
  updatedAt: z.iso.datetime(),
});

const draftFields = { key: true, xml: true, forms: true, updatedAt: true } as const;
type DraftRow = Prisma.DraftGetPayload<{ select: typeof draftFields }>;

function toDraftAnswer(draft: DraftRow): z.input<typeof draftAnswer> {
  // saveDraft stores the forms as given: {formId: form-js schema}.
  return { ...draft, forms: draft.forms as DraftInput['forms'], updatedAt: draft.updatedAt.toISOString() };
}

export async function listDrafts(
  { prisma }: ServiceDeps,
  { ability }: Caller,
): Promise<z.input<typeof draftListAnswer>> {
  const allowed = accessibleWhere(ability, 'read', 'Draft');
  if (!allowed) return [];
  const drafts = await prisma.draft.findMany({
    where: allowed,
    select: { key: true, name: true, updatedAt: true },
    orderBy: { updatedAt: 'desc' },
  });
  return drafts.map((draft) => ({ ...draft, updatedAt: draft.updatedAt.toISOString() }));
}

export async function getDraft({ prisma }: ServiceDeps, caller: Caller, key: string) {
  const draft = await findVisible(caller, 'read', 'Draft', { where: { key }, value: key }, (where) =>
    prisma.draft.findFirst({ where, select: draftFields }),
  );
  return toDraftAnswer(draft);
}

/** Refuses a caller who may keep no drafts at all; the route calls it before reading the body, too. */
export function assertMayKeepDrafts({ ability }: Caller): void {
  if (!ability.can('update', 'Draft'))
    throw new AppError('FORBIDDEN', 'Only BPR analysts and administrators keep drafts of processes.');
}

/** Creates or replaces the caller's draft under this key. */
export async function saveDraft({ prisma }: ServiceDeps, caller: Caller, key: string, input: DraftInput) {
  assertMayKeepDrafts(caller);
  const { principal } = caller;
  const content = { name: processName(input.xml), xml: input.xml, forms: asJson(input.forms) };
  const saved = await prisma.draft.upsert({
    where: { ownerId_key: { ownerId: principal.id, key } },
    create: { ownerId: principal.id, key, ...content },
    update: content,
    select: draftFields,
  });
  return toDraftAnswer(saved);
}

export async function deleteDraft({ prisma }: ServiceDeps, caller: Caller, key: string): Promise<void> {
  const { id } = await findVisible(caller, 'delete', 'Draft', { where: { key }, value: key }, (where) =>
    prisma.draft.findFirst({ where, select: { id: true } }),
  );
  await prisma.draft.delete({ where: { id } });
}

/**
 * The name of the first process in the XML, for the list of drafts; null when it has none or the XML is not
 * well-formed (a draft is stored as the modeler sent it). saxes resolves no entities, so this reads hostile XML safely.
 */
function processName(xml: string): string | null {
  let name: string | null = null;
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (tag) => {
    const attribute = tag.attributes['name'];
    if (name === null && tag.name.split(':').pop() === 'process' && typeof attribute === 'string') name = attribute;
  });
  try {
    parser.write(xml).close();
  } catch {
    return null;
  }
  return name;
}
