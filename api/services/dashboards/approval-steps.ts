/**
 * Lead time per approval step (결재 단계별 소요 시간) on the document-approval dashboard: from the moment a step's
 * task was created to the decision on it (ApprovalStep.actedAt), per kind (검토, 협조, 결재, 후결) and per kind and
 * position, in wall-clock hours (not working hours), average and 90th percentile, over the steps decided in the
 * window. The position is the actor's today.
 */
import { z } from 'zod';
import { Prisma, type PrismaClient } from '../../../platform/db';
import type { Window } from './figures';
import type { UnitScope } from './scope';

export const APPROVAL_PROCESS_ID = 'document-approval';

export const stepLeadTime = z.object({
  kind: z.string(),
  /** null on the row of the whole kind. */
  position: z.string().nullable(),
  count: z.number().int(),
  averageHours: z.number(),
  p90Hours: z.number(),
});
export type StepLeadTime = z.infer<typeof stepLeadTime>;

export async function approvalStepLeadTimes(
  prisma: PrismaClient,
  definitionIds: string[],
  units: UnitScope,
  window: Window,
): Promise<StepLeadTime[]> {
  const inUnits = units === null ? Prisma.sql`TRUE` : Prisma.sql`document."processingUnitId" = ANY(${units}::uuid[])`;
  const rows = await prisma.$queryRaw<Array<StepLeadTime & { count: bigint }>>`
    WITH lead AS (
      SELECT step."kind"::text AS kind, position."name" AS position,
             EXTRACT(EPOCH FROM step."actedAt" - task."createdAt") / 3600 AS hours
      FROM "ApprovalStep" step
      JOIN "ApprovalDocument" document ON document."id" = step."documentId"
      JOIN "UserTask" task ON task."id" = step."taskId"
      JOIN "ProcessInstance" instance ON instance."id" = task."processInstanceId"
      JOIN "User" actor ON actor."id" = step."actorId"
      LEFT JOIN "Position" position ON position."code" = actor."positionCode"
      WHERE instance."definitionId" = ANY(${definitionIds}::uuid[]) AND ${inUnits}
        AND (step."actedAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Seoul')::date
            BETWEEN ${window.from}::date AND ${window.to}::date
    )
    SELECT kind, position, count(*) AS count, avg(hours)::float8 AS "averageHours",
           percentile_cont(0.9) WITHIN GROUP (ORDER BY hours)::float8 AS "p90Hours"
    FROM lead GROUP BY GROUPING SETS ((kind), (kind, position))
    ORDER BY kind, position NULLS FIRST`;
  return rows.map((row) => ({ ...row, count: Number(row.count) }));
}
