/** The Prisma client over node-postgres (no native engine). Constructed only by entry points and tests. */
import { PrismaPg } from '@prisma/adapter-pg';
import { Prisma, PrismaClient } from '../prisma/generated/client';

export { Prisma };
type InputJsonObject = import('../prisma/generated/client').Prisma.InputJsonObject;
export type { PrismaClient };

/** The connection pool's bounds; without them, node-postgres's (10 connections, an unbounded wait). */
export interface PoolBounds {
  size: number;
  /** How long a query waits for a free connection before it fails with a pool timeout (isPoolTimeout). */
  waitMs: number;
}

export function createPrisma(databaseUrl: string, pool?: PoolBounds): PrismaClient {
  const bounds = pool && { max: pool.size, connectionTimeoutMillis: pool.waitMs };
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, ...bounds }) });
}

/** node-postgres gave up waiting for a free connection (PoolBounds.waitMs); Prisma passes its plain Error on. */
export function isPoolTimeout(error: unknown): boolean {
  return error instanceof Error && error.message === 'timeout exceeded when trying to connect';
}

/**
 * PostgreSQL refused a value itself (SQLSTATE class 22, "data exception": out of range, not a UUID, a NUL byte in
 * text); the API answers 400 with the database's own words, since the value came with the request.
 */
export function dataExceptionMessage(error: unknown): string | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  const cause = (error.meta?.driverAdapterError as { cause?: { originalCode?: string; originalMessage?: string } })
    ?.cause;
  return cause?.originalCode?.startsWith('22') ? cause.originalMessage : undefined;
}

/** Variables and graphs as Prisma JSON input: they are plain JSON by construction (FEEL results are normalised). */
export function asJson(value: object): InputJsonObject {
  return value;
}

/** A time in raw SQL as Prisma stores a DateTime: timestamp(3) without time zone, in UTC. */
export function sqlTimestamp(at: Date): Prisma.Sql {
  return Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
}

/** A JSON value in raw SQL as jsonb; Prisma's DbNull (and a missing value) as NULL. */
export function sqlJson(value: unknown): Prisma.Sql {
  return Prisma.sql`${value === undefined || value === Prisma.DbNull ? null : JSON.stringify(value)}::jsonb`;
}

/**
 * A unique constraint refused a write: P2002 from Prisma's own queries, and from a raw query (P2010) the driver
 * adapter's UniqueConstraintViolation.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === 'P2002') return true;
  const cause = (error.meta?.driverAdapterError as { cause?: { kind?: string } } | undefined)?.cause;
  return error.code === 'P2010' && cause?.kind === 'UniqueConstraintViolation';
}
