/**
 * The dashboard figures, each one SQL query over the aggregate tables (kept current by triggers, docs/dashboards.md)
 * or over the few open rows (open tasks, running elements, open incidents), never over the whole element history.
 */
import { z } from 'zod';
import { Prisma, type PrismaClient } from '../../../platform/db';
import { timeLeft, type LegalClock } from '../tasks';
import { durationSummary, summarize, type HistogramBucket } from './duration-histogram';
import type { UnitScope } from './scope';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const count = z.number().int().min(0);

/** Korean days, both included, and the width of a throughput bucket. */
export const windowAnswer = z.object({ from: localDate, to: localDate, bucket: z.enum(['day', 'week']) });
export type Window = z.infer<typeof windowAnswer>;

/** What a dashboard is about: some versions of one process (tasks of some units), or the tasks of some units. */
export type Subject =
  { kind: 'process'; definitionIds: string[]; units: UnitScope } | { kind: 'department'; units: string[] };

const uuids = (ids: string[]) => Prisma.sql`${ids}::uuid[]`;
const inWindow = ({ from, to }: Window) => Prisma.sql`"day" BETWEEN ${from}::date AND ${to}::date`;
const nowUtc = Prisma.sql`(now() AT TIME ZONE 'UTC')`;

/** Which aggregate task rows (TaskCreatedStat, TaskCompletedStat) belong to the subject. */
function taskStatScope(subject: Subject): Prisma.Sql {
  if (subject.kind === 'department') return Prisma.sql`"orgUnitId" = ANY(${uuids(subject.units)})`;
  const units = subject.units === null ? Prisma.sql`TRUE` : Prisma.sql`"orgUnitId" = ANY(${uuids(subject.units)})`;
  return Prisma.sql`"definitionId" = ANY(${uuids(subject.definitionIds)}) AND ${units}`;
}

/** Which open UserTask rows (alias task, joined to its instance) belong to the subject. */
function openTaskScope(subject: Subject): Prisma.Sql {
  const units = subject.units === null ? Prisma.sql`TRUE` : Prisma.sql`task."orgUnitId" = ANY(${uuids(subject.units)})`;
  if (subject.kind === 'department') return units;
  return Prisma.sql`instance."definitionId" = ANY(${uuids(subject.definitionIds)}) AND ${units}`;
}

/** `bucket` is the first day of the day or week. */
export const throughputRow = z.object({ bucket: localDate, started: count, completed: count });
export type ThroughputRow = z.infer<typeof throughputRow>;

/** Started and completed per day or week: instances of a process, tasks received and done for a department. */
export async function throughput(prisma: PrismaClient, subject: Subject, window: Window): Promise<ThroughputRow[]> {
  const [started, completed] =
    subject.kind === 'process'
      ? [
          Prisma.sql`SELECT "day", "started" AS n FROM "InstanceStartStat"
                     WHERE "definitionId" = ANY(${uuids(subject.definitionIds)})`,
          Prisma.sql`SELECT "day", "count" AS n FROM "InstanceDurationStat"
                     WHERE "definitionId" = ANY(${uuids(subject.definitionIds)})`,
        ]
      : [
          Prisma.sql`SELECT "day", "created" AS n FROM "TaskCreatedStat" WHERE ${taskStatScope(subject)}`,
          Prisma.sql`SELECT "day", "count" AS n FROM "TaskCompletedStat" WHERE ${taskStatScope(subject)}`,
        ];
  const unit = window.bucket;
  const rows = await prisma.$queryRaw<Array<{ bucket: string; started: bigint; completed: bigint }>>`
    WITH buckets AS (
      SELECT generate_series(date_trunc(${unit}, ${window.from}::date), ${window.to}::date, ('1 ' || ${unit})::interval)::date AS b
    ),
    s AS (SELECT date_trunc(${unit}, "day")::date AS b, sum(n) AS n FROM (${started}) x WHERE ${inWindow(window)} GROUP BY 1),
    c AS (SELECT date_trunc(${unit}, "day")::date AS b, sum(n) AS n FROM (${completed}) x WHERE ${inWindow(window)} GROUP BY 1)
    SELECT to_char(buckets.b, 'YYYY-MM-DD') AS bucket, coalesce(s.n, 0)::bigint AS started, coalesce(c.n, 0)::bigint AS completed
    FROM buckets LEFT JOIN s USING (b) LEFT JOIN c USING (b) ORDER BY buckets.b`;
  return rows.map((row) => ({ bucket: row.bucket, started: Number(row.started), completed: Number(row.completed) }));
}

export const elementDurations = durationSummary.extend({
  elementId: z.string(),
  /** The process of a department's task element; element ids are unique only within one process. */
  processId: z.string().optional(),
});
export type ElementDurations = z.infer<typeof elementDurations>;

export const cycleTimeAnswer = z.object({ endToEnd: durationSummary, perElement: z.array(elementDurations) });
export type CycleTime = z.infer<typeof cycleTimeAnswer>;

interface BucketRow {
  key: string;
  processId: string | null;
  bucket: number;
  count: bigint;
  durationMsSum: number;
}

/**
 * Durations in the window: a process's instances end to end and each element, or a department's tasks from
 * creation to completion, in all and per task element.
 */
export async function cycleTime(prisma: PrismaClient, subject: Subject, window: Window): Promise<CycleTime> {
  const byBucket = Prisma.sql`"bucket", sum("count")::bigint AS "count", sum("durationMsSum")::float8 AS "durationMsSum"`;
  const [whole, elements] =
    subject.kind === 'process'
      ? await Promise.all([
          prisma.$queryRaw<BucketRow[]>`
            SELECT ${byBucket} FROM "InstanceDurationStat"
            WHERE "definitionId" = ANY(${uuids(subject.definitionIds)}) AND ${inWindow(window)} GROUP BY "bucket"`,
          prisma.$queryRaw<BucketRow[]>`
            SELECT "elementId" AS key, NULL AS "processId", ${byBucket} FROM "ElementDurationStat"
            WHERE "definitionId" = ANY(${uuids(subject.definitionIds)}) AND ${inWindow(window)}
            GROUP BY "elementId", "bucket"`,
        ])
      : await Promise.all([
          prisma.$queryRaw<BucketRow[]>`
            SELECT ${byBucket} FROM "TaskCompletedStat" WHERE ${taskStatScope(subject)} AND ${inWindow(window)}
            GROUP BY "bucket"`,
          prisma.$queryRaw<BucketRow[]>`
            SELECT stat."elementId" AS key, definition."bpmnProcessId" AS "processId", ${byBucket}
            FROM "TaskCompletedStat" stat JOIN "ProcessDefinition" definition ON definition."id" = stat."definitionId"
            WHERE ${taskStatScope(subject)} AND ${inWindow(window)}
            GROUP BY definition."bpmnProcessId", stat."elementId", "bucket"`,
        ]);
  const perElement = new Map<string, { processId: string | null; elementId: string; buckets: HistogramBucket[] }>();
  for (const row of elements) {
    const id = `${row.processId ?? ''}\u0000${row.key}`;
    const entry = perElement.get(id) ?? { processId: row.processId, elementId: row.key, buckets: [] };
    entry.buckets.push(toBucket(row));
    perElement.set(id, entry);
  }
  return {
    endToEnd: summarize(whole.map(toBucket)),
    perElement: [...perElement.values()]
      .map(({ processId, elementId, buckets }) => ({
        ...(processId ? { processId } : {}),
        elementId,
        ...summarize(buckets),
      }))
      .sort((a, b) => (a.processId ?? '').localeCompare(b.processId ?? '') || a.elementId.localeCompare(b.elementId)),
  };
}

const toBucket = (row: BucketRow): HistogramBucket => ({
  bucket: row.bucket,
  count: Number(row.count),
  durationMsSum: row.durationMsSum,
});

export const bottleneck = z.object({
  processId: z.string().optional(),
  elementId: z.string(),
  meanWaitMs: z.number(),
  count,
});
export type Bottleneck = z.infer<typeof bottleneck>;

/** Elements ranked by the mean time a token waits in them, longest first. */
export function bottlenecks(perElement: ElementDurations[], limit = 10): Bottleneck[] {
  return perElement
    .filter((element) => element.mean !== null)
    .map(({ processId, elementId, mean, count }) => ({
      ...(processId ? { processId } : {}),
      elementId,
      meanWaitMs: mean ?? 0,
      count,
    }))
    .sort((a, b) => b.meanWaitMs - a.meanWaitMs)
    .slice(0, limit);
}

export const slaAnswer = z.object({
  onTime: count,
  late: count,
  /** onTime / (onTime + late); null when no task with a due date counts. */
  rate: z.number().min(0).max(1).nullable(),
});
export type Sla = z.infer<typeof slaAnswer>;

/** Tasks with a legal due date completed in the window: by it (on time) or after it (late). */
export async function completedByDueDate(
  prisma: PrismaClient,
  subject: Subject,
  window: Window,
): Promise<{ onTime: number; late: number }> {
  const [done] = await prisma.$queryRaw<Array<{ onTime: bigint | null; late: bigint | null }>>`
    SELECT sum("onTime")::bigint AS "onTime", sum("late")::bigint AS "late" FROM "TaskCompletedStat"
    WHERE ${taskStatScope(subject)} AND ${inWindow(window)}`;
  return { onTime: Number(done?.onTime ?? 0), late: Number(done?.late ?? 0) };
}

/** The SLA: open tasks already past their due date count as late. */
export function slaOf(completed: { onTime: number; late: number }, openPastDue: number): Sla {
  const { onTime } = completed;
  const late = completed.late + openPastDue;
  return { onTime, late, rate: onTime + late === 0 ? null : onTime / (onTime + late) };
}

/** An empty queue or department: a task offered to no group, or of no unit. */
export const backlogRow = z.object({ queue: z.string(), department: z.string(), open: count, overdue: count });
export type BacklogRow = z.infer<typeof backlogRow>;

/**
 * Open tasks now, in one pass: per candidate group (a task offered to several groups counts in each) and unit, and
 * how many distinct open tasks are past their due date (for the SLA).
 */
export async function openTasks(
  prisma: PrismaClient,
  subject: Subject,
): Promise<{ backlog: BacklogRow[]; pastDue: number }> {
  const rows = await prisma.$queryRaw<
    Array<{ total: boolean; queue: string; department: string; open: bigint; overdue: bigint; pastDue: bigint }>
  >`
    SELECT GROUPING(queue, unit."name") = 3 AS total, coalesce(queue, '') AS queue,
           coalesce(unit."name", '') AS department, count(*)::bigint AS open,
           (count(*) FILTER (WHERE task."dueAt" < ${nowUtc}))::bigint AS overdue,
           (count(DISTINCT task."id") FILTER (WHERE task."dueAt" < ${nowUtc}))::bigint AS "pastDue"
    FROM "UserTask" task
    JOIN "ProcessInstance" instance ON instance."id" = task."processInstanceId"
    LEFT JOIN LATERAL unnest(CASE WHEN cardinality(task."candidateGroups") = 0 THEN ARRAY[NULL]::text[]
                                  ELSE task."candidateGroups" END) AS queue ON TRUE
    LEFT JOIN "OrgUnit" unit ON unit."id" = task."orgUnitId"
    WHERE task."state" = 'CREATED' AND ${openTaskScope(subject)}
    GROUP BY GROUPING SETS ((queue, unit."name"), ())
    ORDER BY total, open DESC, queue, department`;
  const total = rows.find((row) => row.total);
  return {
    backlog: rows
      .filter((row) => !row.total)
      .map(({ queue, department, open, overdue }) => ({
        queue,
        department,
        open: Number(open),
        overdue: Number(overdue),
      })),
    pastDue: Number(total?.pastDue ?? 0),
  };
}

export const overdueTask = z.object({
  id: z.guid(),
  name: z.string(),
  elementId: z.string(),
  processId: z.string(),
  processInstanceId: z.guid(),
  businessKey: z.string().nullable(),
  assignee: z.string().nullable(),
  department: z.string().nullable(),
  dueAt: z.iso.datetime(),
  /** Working minutes since the due instant (09:00-12:00, 13:00-18:00 on working days); null beyond the calendar. */
  overdueWorkingMinutes: z.number().nullable(),
});
export type OverdueTask = z.infer<typeof overdueTask>;

/** The open tasks past their due date, most overdue first (the first 50). */
export async function overdue(
  prisma: PrismaClient,
  subject: Subject,
  clock: LegalClock,
  limit = 50,
): Promise<OverdueTask[]> {
  const rows = await prisma.$queryRaw<Array<Omit<OverdueTask, 'dueAt' | 'overdueWorkingMinutes'> & { dueAt: Date }>>`
    SELECT task."id"::text, task."name", task."elementId", instance."bpmnProcessId" AS "processId",
           task."processInstanceId"::text, instance."businessKey", task."assignee", unit."name" AS department,
           task."dueAt"
    FROM "UserTask" task
    JOIN "ProcessInstance" instance ON instance."id" = task."processInstanceId"
    LEFT JOIN "OrgUnit" unit ON unit."id" = task."orgUnitId"
    WHERE task."state" = 'CREATED' AND task."dueAt" < ${nowUtc} AND ${openTaskScope(subject)}
    ORDER BY task."dueAt", task."id" LIMIT ${limit}`;
  return rows.map((row) => ({
    ...row,
    dueAt: row.dueAt.toISOString(),
    overdueWorkingMinutes: timeLeft({ dueAt: row.dueAt, state: 'CREATED' }, clock)?.workingMinutes ?? null,
  }));
}

export const elementStatisticsAnswer = z.object({
  elementId: z.string(),
  active: count,
  completed: count,
  incidents: count,
  meanDurationMs: z.number().nullable(),
});
export type ElementStatistics = z.infer<typeof elementStatisticsAnswer>;

/** Per element of one version, all time: running tokens, completions with their mean duration, open incidents. */
export async function elementStatistics(prisma: PrismaClient, definitionId: string): Promise<ElementStatistics[]> {
  const rows = await prisma.$queryRaw<
    Array<{ elementId: string; active: bigint; completed: bigint; incidents: bigint; meanDurationMs: number | null }>
  >`
    WITH done AS (
      SELECT "elementId", sum("count")::bigint AS completed, sum("durationMsSum") / nullif(sum("count"), 0) AS mean
      FROM "ElementDurationStat" WHERE "definitionId" = ${definitionId}::uuid GROUP BY "elementId"
    ),
    running AS (
      SELECT element."elementId", count(*)::bigint AS active
      FROM "ElementInstance" element JOIN "ProcessInstance" instance ON instance."id" = element."processInstanceId"
      WHERE element."state" = 'ACTIVE' AND instance."definitionId" = ${definitionId}::uuid
      GROUP BY element."elementId"
    ),
    failing AS (
      SELECT incident."elementId", count(*)::bigint AS incidents
      FROM "Incident" incident JOIN "ProcessInstance" instance ON instance."id" = incident."processInstanceId"
      WHERE incident."state" = 'OPEN' AND instance."definitionId" = ${definitionId}::uuid
      GROUP BY incident."elementId"
    )
    -- Rounded as numeric: halves away from zero, where float8 would round them to even.
    SELECT "elementId", coalesce(running.active, 0) AS active, coalesce(done.completed, 0) AS completed,
           coalesce(failing.incidents, 0) AS incidents, round(done.mean::numeric)::float8 AS "meanDurationMs"
    FROM done FULL JOIN running USING ("elementId") FULL JOIN failing USING ("elementId")
    ORDER BY "elementId"`;
  return rows.map((row) => ({
    elementId: row.elementId,
    active: Number(row.active),
    completed: Number(row.completed),
    incidents: Number(row.incidents),
    meanDurationMs: row.meanDurationMs,
  }));
}
