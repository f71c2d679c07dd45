/** The variable history (VariableChange rows): what a change of the snapshot changed, written with the snapshot. */
import { isDeepStrictEqual } from 'node:util';
import type { Variables } from '../shared/feel';
import { Prisma, type PrismaClient } from '../platform/db';

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

/**
 * Variables an operator set when resolving an incident: the workflow has them already; the history records them
 * against the last snapshot, and the snapshot of a still-running instance takes them (a JSON merge in one statement,
 * so it never overwrites what a newer projection wrote to other variables).
 */
export async function recordResolveVariables(
  prisma: PrismaClient,
  input: { instanceId: string; incidentId: string; variables: Variables; resolvedBy: string; at: Date },
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const instance = await tx.processInstance.findUnique({
      where: { id: input.instanceId },
      select: { variables: true },
    });
    if (!instance) return;
    const before = instance.variables as Variables;
    const origin = {
      instanceId: input.instanceId,
      source: 'incident-resolve',
      sourceId: input.incidentId,
      changedBy: input.resolvedBy,
      at: input.at,
    } as const;
    await tx.variableChange.createMany({ data: variableChanges(before, { ...before, ...input.variables }, origin) });
    await tx.$executeRaw`UPDATE "ProcessInstance" SET "variables" = "variables" || ${JSON.stringify(input.variables)}::jsonb
      WHERE "id" = ${input.instanceId}::uuid AND "state" IN ('ACTIVE', 'INCIDENT')`;
  });
}
