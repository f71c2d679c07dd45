/**
 * A person's saved queue filters: named criteria (queueCriteria) they apply with `filter=<id>`. A filter is its
 * owner's alone; anyone else is answered 404, as if it did not exist.
 */
import { z } from 'zod';
import { AppError } from '../../shared/app-error';
import { asJson, Prisma } from '../../platform/db';
import type { ServiceDeps } from '../deps';
import type { Caller } from '../auth/ability';
import { isUuid } from '../validation';
import { queueCriteria, type QueueCriteria } from './task-queue';
import { instant } from './answer-fields';

export const MAX_SAVED_FILTERS = 50;

const filterFields = { id: true, name: true, criteria: true, createdAt: true } as const;

export const savedFilterAnswer = z.object({
  id: z.string(),
  name: z.string(),
  criteria: queueCriteria,
  createdAt: instant,
});
type SavedFilterAnswer = z.input<typeof savedFilterAnswer>;

/** A stored filter as the API answers it: its criteria were saved from a parsed queueCriteria. */
function toSavedFilter(row: {
  id: string;
  name: string;
  criteria: Prisma.JsonValue;
  createdAt: Date;
}): SavedFilterAnswer {
  return { ...row, criteria: row.criteria as QueueCriteria };
}

export async function listSavedFilters({ prisma }: ServiceDeps, { principal }: Caller): Promise<SavedFilterAnswer[]> {
  const rows = await prisma.savedFilter.findMany({
    where: { ownerId: principal.id },
    select: filterFields,
    orderBy: [{ name: 'asc' }],
  });
  return rows.map(toSavedFilter);
}

export async function saveFilter(
  { prisma }: ServiceDeps,
  { principal }: Caller,
  input: { name: string; criteria: QueueCriteria },
): Promise<SavedFilterAnswer> {
  const owned = await prisma.savedFilter.count({ where: { ownerId: principal.id } });
  if (owned >= MAX_SAVED_FILTERS) {
    throw new AppError('CONFLICT', `You have ${MAX_SAVED_FILTERS} saved filters already; delete one first.`);
  }
  // Stored as JSON text (dates as ISO strings) and read back through the same schema.
  const criteria = asJson(JSON.parse(JSON.stringify(input.criteria)) as object);
  try {
    return toSavedFilter(
      await prisma.savedFilter.create({
        data: { ownerId: principal.id, name: input.name, criteria },
        select: filterFields,
      }),
    );
  } catch (error) {
    // The (owner, name) unique index decides, so two saves of one name at the same instant cannot both succeed.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw new AppError('CONFLICT', `You already have a filter named ${input.name}.`);
    throw error;
  }
}

export async function deleteSavedFilter({ prisma }: ServiceDeps, { principal }: Caller, id: string): Promise<void> {
  const deleted = isUuid(id) ? await prisma.savedFilter.deleteMany({ where: { id, ownerId: principal.id } }) : null;
  if (!deleted?.count) throw new AppError('NOT_FOUND', `You have no saved filter ${id}.`);
}

/** The criteria of one of the caller's saved filters. */
export async function savedCriteria(
  { prisma }: ServiceDeps,
  { principal }: Caller,
  id: string,
): Promise<QueueCriteria> {
  const filter = isUuid(id) ? await prisma.savedFilter.findFirst({ where: { id, ownerId: principal.id } }) : null;
  if (!filter) throw new AppError('NOT_FOUND', `You have no saved filter ${id}.`);
  return queueCriteria.parse(filter.criteria);
}
