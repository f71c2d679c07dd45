/**
 * Drafts: diagrams being modelled, with their forms, kept on the server between sessions so that a reload loses
 * nothing. A draft is its owner's alone: the ability narrows every query to the caller's own rows, so another
 * user's draft answers 404 as if it did not exist (docs/conventions.md §8).
 */
import { SaxesParser } from 'saxes';
import { AppError } from '../../shared/app-error';
import { asJson } from '../../platform/db';
import { accessibleWhere, type Caller } from '../auth/ability';
import type { ServiceDeps } from '../deps';
import { findVisible } from './visible';

export interface DraftInput {
  xml: string;
  /** {formId: form-js schema} */
  forms: Record<string, Record<string, unknown>>;
}

const draftFields = { key: true, xml: true, forms: true, updatedAt: true } as const;

export async function listDrafts({ prisma }: ServiceDeps, { ability }: Caller) {
  const allowed = accessibleWhere(ability, 'read', 'Draft');
  if (!allowed) return [];
  return prisma.draft.findMany({
    where: allowed,
    select: { key: true, name: true, updatedAt: true },
    orderBy: { updatedAt: 'desc' },
  });
}

export async function getDraft({ prisma }: ServiceDeps, caller: Caller, key: string) {
  return findVisible(caller, 'read', 'Draft', { where: { key }, value: key }, (where) =>
    prisma.draft.findFirst({ where, select: draftFields }),
  );
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
  return prisma.draft.upsert({
    where: { ownerId_key: { ownerId: principal.id, key } },
    create: { ownerId: principal.id, key, ...content },
    update: content,
    select: draftFields,
  });
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
