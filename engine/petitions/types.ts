/** The petition types in force: the decree's general types, then the statutory ones administrators added. */
import type { Period } from '../../gov/calendar';
import { petitionTypeTable, type PetitionType } from '../../gov/petitions/types';
import type { PetitionType as PetitionTypeRow } from '../../prisma/generated/client';
import type { PrismaClient } from '../../platform/db';

export async function petitionTypes(prisma: PrismaClient): Promise<readonly PetitionType[]> {
  const rows = await prisma.petitionType.findMany({ orderBy: { code: 'asc' } });
  return petitionTypeTable(rows.map(statutoryPetitionType));
}

export function statutoryPetitionType(row: PetitionTypeRow): PetitionType {
  // The table's check constraint keeps limitAmount set for every unit but `immediately`.
  const limit: Period =
    row.limitUnit === 'immediately'
      ? { unit: 'immediately' }
      : { unit: row.limitUnit, amount: row.limitAmount as number };
  return { code: row.code, name: row.name, limit, basis: row.basis, kind: 'statutory' };
}
