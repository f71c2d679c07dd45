/** The variable history (VariableChange rows): what a change of the snapshot changed, written with the snapshot. */
import { isDeepStrictEqual } from 'node:util';
import type { Variables } from '../shared/feel';
import { Prisma, sqlJson, sqlTimestamp, type PrismaClient } from '../platform/db';

/** `process`: a difference the process made between two projections (a script, an output mapping). */
export type VariableChangeSource = 'start' | 'task' | 'incident-resolve' | 'process';

export interface VariableChangeOrigin {
  instanceId: string;
  source: VariableChangeSource;
  sourceId?: string;
  changedBy: string | null;
  at: Date;
}

/** One row per variable added, changed or removed between two snapshots, in name order. */
export function variableChanges(
  before: Variables,
  after: Variables,
  origin: VariableChangeOrigin,
): Prisma.VariableChangeCreateManyInput[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const json = (variables: Variables, name: string) =>
    name in variables ? (variables[name] as Prisma.InputJsonValue) : Prisma.DbNull;
  return names
    .filter((name) => !isDeepStrictEqual(before[name], after[name]))
    .map((name) => ({
      processInstanceId: origin.instanceId,
      name,
      value: json(after, name),
      previous: json(before, name),
      changedBy: origin.changedBy,
      at: origin.at,
      source: origin.source,
      sourceId: origin.sourceId,
    }));
}

/** The INSERT of these rows, for a write that is a single statement (a data-modifying WITH); none for no rows. */
export function variableChangesInsert(rows: Prisma.VariableChangeCreateManyInput[]): Prisma.Sql | undefined {
  if (rows.length === 0) return undefined;
  const values = rows.map(
    (row) =>
      Prisma.sql`(${row.processInstanceId}::uuid, ${row.name}, ${sqlJson(row.value)}, ${sqlJson(row.previous)},
        ${row.changedBy ?? null}, ${sqlTimestamp(new Date(row.at))}, ${row.source}, ${row.sourceId ?? null})`,
  );
  return Prisma.sql`
    INSERT INTO "VariableChange" ("processInstanceId", "name", "value", "previous", "changedBy", "at", "source", "sourceId")
    VALUES ${Prisma.join(values)}`;
}

/**
 * Variables an operator sets when resolving an incident, recorded against the last snapshot before the workflow
 * takes them: the instance may run on and end at once, and its history must show the change before the end.
 * Returns the rows' ids, for `withdrawVariableChanges` when the workflow refuses.
 */
export async function recordResolveVariables(
  prisma: PrismaClient,
  input: { instanceId: string; incidentId: string; variables: Variables; resolvedBy: string; at: Date },
): Promise<bigint[]> {
  const instance = await prisma.processInstance.findUniqueOrThrow({
    where: { id: input.instanceId },
    select: { variables: true },
  });
  const before = instance.variables as Variables;
  const origin = {
    instanceId: input.instanceId,
    source: 'incident-resolve',
    sourceId: input.incidentId,
    changedBy: input.resolvedBy,
    at: input.at,
  } as const;
  const rows = await prisma.variableChange.createManyAndReturn({
    data: variableChanges(before, { ...before, ...input.variables }, origin),
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

export async function withdrawVariableChanges(prisma: PrismaClient, ids: bigint[]): Promise<void> {
  if (ids.length) await prisma.variableChange.deleteMany({ where: { id: { in: ids } } });
}

/**
 * The snapshot of a still-running instance takes variables the workflow accepted: a JSON merge in one statement, so
 * it never overwrites what a newer projection wrote to other variables, nor an ended instance's final snapshot.
 */
export async function mergeIntoSnapshot(prisma: PrismaClient, instanceId: string, variables: Variables) {
  await prisma.$executeRaw`UPDATE "ProcessInstance" SET "variables" = "variables" || ${JSON.stringify(variables)}::jsonb
    WHERE "id" = ${instanceId}::uuid AND "state" IN ('ACTIVE', 'INCIDENT')`;
}
