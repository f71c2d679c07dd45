/**
 * Camunda keys for our ids. Camunda clients treat every key as an int64 (decimal strings since Camunda 8.7; the Java
 * and Go clients parse them as numbers), and our ids are UUIDs. An object gets a key the first time the Camunda API
 * names it and keeps it; the keys come from one sequence, so a key names exactly one object (docs/camunda-api.md).
 */
import type { CamundaKeyKind } from '../prisma/generated/client';
import type { PrismaClient } from '../platform/db';

export type { CamundaKeyKind };

/** A key as Camunda's REST API writes it: the int64 in decimal, as a string. */
export type CamundaKey = string;

/** The keys of these objects, given now to those that have none yet; a map from id to key. */
export async function keysFor(
  prisma: PrismaClient,
  kind: CamundaKeyKind,
  entityIds: readonly string[],
): Promise<Map<string, CamundaKey>> {
  const ids = [...new Set(entityIds)];
  const keys = await existingKeys(prisma, kind, ids);
  const missing = ids.filter((id) => !keys.has(id));
  if (missing.length === 0) return keys;
  // Concurrent readers may give keys at the same time: the unique (kind, entityId) keeps the first one.
  await prisma.camundaKey.createMany({ data: missing.map((entityId) => ({ kind, entityId })), skipDuplicates: true });
  for (const [id, key] of await existingKeys(prisma, kind, missing)) keys.set(id, key);
  return keys;
}

async function existingKeys(prisma: PrismaClient, kind: CamundaKeyKind, entityIds: string[]) {
  if (entityIds.length === 0) return new Map<string, CamundaKey>();
  const rows = await prisma.camundaKey.findMany({ where: { kind, entityId: { in: entityIds } } });
  return new Map(rows.map((row) => [row.entityId, row.key.toString()]));
}

export async function keyFor(prisma: PrismaClient, kind: CamundaKeyKind, entityId: string): Promise<CamundaKey> {
  const keys = await keysFor(prisma, kind, [entityId]);
  return keys.get(entityId)!;
}

/** The id a key of this kind names; undefined for a key never given, of another kind, or not an int64 at all. */
export async function idForKey(prisma: PrismaClient, kind: CamundaKeyKind, key: string): Promise<string | undefined> {
  if (!isCamundaKey(key)) return undefined;
  const row = await prisma.camundaKey.findUnique({ where: { key: BigInt(key) } });
  return row?.kind === kind ? row.entityId : undefined;
}

/** The ids these keys of one kind name (keys of other kinds or never given are left out). */
export async function idsForKeys(
  prisma: PrismaClient,
  kind: CamundaKeyKind,
  keys: readonly string[],
): Promise<string[]> {
  const valid = keys.filter(isCamundaKey).map((key) => BigInt(key));
  if (valid.length === 0) return [];
  const rows = await prisma.camundaKey.findMany({ where: { kind, key: { in: valid } } });
  return rows.map((row) => row.entityId);
}

/**
 * The entity id behind an element instance's key, from a row that names one (a task, an incident, a job): element
 * instance ids are unique only within their process instance.
 */
export function elementInstanceEntityId(row: { processInstanceId: string; elementInstanceId: string }): string {
  return `${row.processInstanceId}/${row.elementInstanceId}`;
}

const INT64_MAX = 2n ** 63n - 1n;

export function isCamundaKey(value: string): boolean {
  return /^\d{1,19}$/.test(value) && BigInt(value) <= INT64_MAX;
}
