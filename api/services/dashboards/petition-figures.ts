/**
 * The manager's civil-petition figures (민원 처리 지표, docs/dashboards.md): one query over the Petition rows the
 * civil-petition process keeps, joined to their instances for the dashboard's scope, and over the objections
 * against them. The petitions decided in the window give the on-time rate (decided by `dueAt`), the average working
 * days and the extension and supplementation rates; the overdue count is now; objections count when filed.
 */
import { z } from 'zod';
import { Prisma, type PrismaClient } from '../../../platform/db';
import type { Subject, Window } from './figures';

/** The civil-petition process, whose dashboard shows these figures. */
export const PETITION_PROCESS_ID = 'civil-petition';
/** One working day of the civil-petition count (09:00-12:00 and 13:00-18:00). */
const WORKING_MINUTES_PER_DAY = 480;

const count = z.number().int().min(0);
const share = z.number().min(0).max(1).nullable();

export const petitionFiguresAnswer = z.object({
  /** Petitions decided in the window, and of those with a due date, how many by it and how many after. */
  decided: count,
  onTime: count,
  late: count,
  onTimeRate: share,
  /** Open now (the clock running: not awaiting a supplement) and past their due instant. */
  overdue: count,
  /** Receipt to decision in working days, stopped time excluded, over the petitions decided in the window. */
  averageWorkingDays: z.number().nullable(),
  /** Shares of the petitions decided in the window that were extended, and that were asked for a supplement. */
  extensionRate: share,
  supplementationRate: share,
  /** Objections filed in the window; the upheld rate is of those examined (upheld or dismissed, not 각하). */
  objections: count,
  objectionsUpheld: count,
  objectionUpheldRate: share,
});
export type PetitionFigures = z.infer<typeof petitionFiguresAnswer>;

interface Row {
  petitions: bigint;
  decided: bigint;
  onTime: bigint;
  late: bigint;
  overdue: bigint;
  averageMinutes: number | null;
  extended: bigint;
  supplemented: bigint;
  objections: bigint;
  upheld: bigint;
  examined: bigint;
}

/** Which petitions (alias petition, joined to its instance) belong to the subject. */
function petitionScope(subject: Subject): Prisma.Sql {
  const units =
    subject.units === null ? Prisma.sql`TRUE` : Prisma.sql`petition."orgUnitId" = ANY(${subject.units}::uuid[])`;
  if (subject.kind === 'department') return units;
  return Prisma.sql`instance."definitionId" = ANY(${subject.definitionIds}::uuid[]) AND ${units}`;
}

const koreanDay = (column: Prisma.Sql) => Prisma.sql`(${column} + interval '9 hours')::date`;
const rate = (part: bigint, whole: bigint) => (whole === 0n ? null : Number(part) / Number(whole));

/** The figures, or null when no petition at all is in scope (a department that handles none). */
export async function petitionFigures(
  prisma: PrismaClient,
  subject: Subject,
  window: Window,
): Promise<PetitionFigures | null> {
  const inWindow = (column: Prisma.Sql) =>
    Prisma.sql`${koreanDay(column)} BETWEEN ${window.from}::date AND ${window.to}::date`;
  const decided = Prisma.sql`petition."state" = 'DECIDED' AND ${inWindow(Prisma.sql`petition."decidedAt"`)}`;
  const [row] = await prisma.$queryRaw<Row[]>`
    WITH scoped AS (
      SELECT petition.* FROM "Petition" petition
      JOIN "ProcessInstance" instance ON instance."id" = petition."processInstanceId"
      WHERE ${petitionScope(subject)}
    ),
    petitions AS (
      SELECT
        count(*)::bigint AS petitions,
        count(*) FILTER (WHERE ${decided})::bigint AS decided,
        count(*) FILTER (WHERE ${decided} AND petition."decidedAt" <= petition."dueAt")::bigint AS "onTime",
        count(*) FILTER (WHERE ${decided} AND petition."decidedAt" > petition."dueAt")::bigint AS late,
        count(*) FILTER (WHERE petition."state" = 'RECEIVED' AND petition."dueAt" < (now() AT TIME ZONE 'UTC'))::bigint
          AS overdue,
        (avg(petition."workingMinutesTaken") FILTER (WHERE ${decided}))::float8 AS "averageMinutes",
        count(*) FILTER (WHERE ${decided} AND petition."extensions" > 0)::bigint AS extended,
        count(*) FILTER (WHERE ${decided} AND petition."supplementRequests" > 0)::bigint AS supplemented
      FROM scoped petition
    ),
    objections AS (
      SELECT
        count(*)::bigint AS objections,
        count(*) FILTER (WHERE objection."outcome" = 'UPHELD')::bigint AS upheld,
        count(*) FILTER (WHERE objection."outcome" IN ('UPHELD', 'DISMISSED'))::bigint AS examined
      FROM "PetitionObjection" objection JOIN scoped ON scoped."id" = objection."petitionId"
      WHERE ${inWindow(Prisma.sql`objection."filedAt"`)}
    )
    SELECT * FROM petitions CROSS JOIN objections`;
  if (!row || row.petitions === 0n) return null;
  return {
    decided: Number(row.decided),
    onTime: Number(row.onTime),
    late: Number(row.late),
    onTimeRate: rate(row.onTime, row.onTime + row.late),
    overdue: Number(row.overdue),
    averageWorkingDays: row.averageMinutes === null ? null : row.averageMinutes / WORKING_MINUTES_PER_DAY,
    extensionRate: rate(row.extended, row.decided),
    supplementationRate: rate(row.supplemented, row.decided),
    objections: Number(row.objections),
    objectionsUpheld: Number(row.upheld),
    objectionUpheldRate: rate(row.upheld, row.examined),
  };
}
