/**
 * A new instance's index row, written with the variable history of its start variables and its audit row, all or
 * nothing. An unclassified start, nearly every start, does it in one statement (a data-modifying WITH): one round
 * trip and no transaction of five statements. A classified start also registers its document and need-to-know list,
 * in one transaction.
 */
import type { ProcessInstance } from '../prisma/generated/client';
import { Prisma, sqlJson, sqlTimestamp, type PrismaClient } from '../platform/db';
import { appendAudit, auditInsert, type AuditEntry } from './audit';
import { registerClassifiedStart, type ClassifiedStart } from './classified/classification';
import { variableChanges, variableChangesInsert } from './variable-changes';

/** The columns a start writes; the rest keep their defaults (state ACTIVE, no end, no incident). */
export interface NewInstanceRow {
  id: string;
  definitionId: string;
  bpmnProcessId: string;
  version: number;
  businessKey?: string;
  variables: Prisma.InputJsonObject;
  parentInstanceId?: string;
  parentElementInstanceId?: string;
  startedById?: string;
  orgUnitId?: string;
  pendingStart: Prisma.InputJsonObject;
  startedAt: Date;
}

export async function createInstanceRow(
  prisma: PrismaClient,
  row: NewInstanceRow,
  audit: AuditEntry,
  classified?: ClassifiedStart,
): Promise<ProcessInstance> {
  const changes = variableChanges({}, row.variables, {
    instanceId: row.id,
    source: 'start',
    changedBy: audit.actor ?? null,
    at: row.startedAt,
  });
  if (classified) {
    return prisma.$transaction(async (tx) => {
      const instance = await tx.processInstance.create({ data: { ...row, classification: classified.grade } });
      await tx.variableChange.createMany({ data: changes });
      await registerClassifiedStart(tx, row.id, classified);
      await appendAudit(tx, audit);
      return instance;
    });
  }
  const changesInsert = variableChangesInsert(changes);
  const [instance] = await prisma.$queryRaw<ProcessInstance[]>`
    WITH "instance" AS (${instanceInsert(row)}),
      ${changesInsert ? Prisma.sql`"changes" AS (${changesInsert}),` : Prisma.empty}
      "audit" AS (${auditInsert({ ...audit, at: row.startedAt })})
    SELECT * FROM "instance"`;
  if (!instance) throw new Error(`The row of instance ${row.id} was not written.`);
  return instance;
}

function instanceInsert(row: NewInstanceRow): Prisma.Sql {
  // Every column of the row, so that a column added to NewInstanceRow cannot be left out here.
  const values: Record<keyof NewInstanceRow, Prisma.Sql> = {
    id: Prisma.sql`${row.id}::uuid`,
    definitionId: Prisma.sql`${row.definitionId}::uuid`,
    bpmnProcessId: Prisma.sql`${row.bpmnProcessId}`,
    version: Prisma.sql`${row.version}::int`,
    businessKey: Prisma.sql`${row.businessKey ?? null}`,
    variables: sqlJson(row.variables),
    parentInstanceId: Prisma.sql`${row.parentInstanceId ?? null}::uuid`,
    parentElementInstanceId: Prisma.sql`${row.parentElementInstanceId ?? null}`,
    startedById: Prisma.sql`${row.startedById ?? null}::uuid`,
    orgUnitId: Prisma.sql`${row.orgUnitId ?? null}::uuid`,
    pendingStart: sqlJson(row.pendingStart),
    startedAt: sqlTimestamp(row.startedAt),
  };
  const columns = Object.keys(values).map((column) => Prisma.raw(`"${column}"`));
  return Prisma.sql`INSERT INTO "ProcessInstance" (${Prisma.join(columns)})
    VALUES (${Prisma.join(Object.values(values))}) RETURNING *`;
}
