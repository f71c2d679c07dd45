/** The Prisma client over node-postgres (no native engine). Constructed only by entry points and tests. */
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../prisma/generated/client';

export { Prisma } from '../prisma/generated/client';
type InputJsonObject = import('../prisma/generated/client').Prisma.InputJsonObject;
export type { PrismaClient };

export function createPrisma(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}

/** Variables and graphs as Prisma JSON input: they are plain JSON by construction (FEEL results are normalised). */
export function asJson(value: object): InputJsonObject {
  return value;
}
