/**
 * The element history (ElementInstance rows). The interpreter gathers its element instances' lifecycles and hands
 * them to whatever activity it calls next (CarriesHistory); every activity writes them first (withHistory), so the
 * history costs no activity of its own. Rows are upserted: a retried batch changes nothing, a later state or end
 * wins, and a row that has ended never goes back to running.
 */
import type { CarriesHistory, ElementHistoryEntry } from '../shared/workflow-contract';
import { Prisma } from '../platform/db';
import type { ActivityDeps } from './deps';

const FINAL_STATES: ReadonlySet<ElementHistoryEntry['state']> = new Set(['COMPLETED', 'TERMINATED']);

/** Later entries for one element instance win, except that a final state is never replaced by a running one. */
export function mergeHistory(entries: ElementHistoryEntry[]): ElementHistoryEntry[] {
  const merged = new Map<string, ElementHistoryEntry>();
  for (const entry of entries) {
    const previous = merged.get(entry.elementInstanceId);
    if (!previous) {
      merged.set(entry.elementInstanceId, entry);
      continue;
    }
    const keepPrevious = FINAL_STATES.has(previous.state) && !FINAL_STATES.has(entry.state);
    merged.set(entry.elementInstanceId, {
      ...previous,
      scopeInstanceId: entry.scopeInstanceId ?? previous.scopeInstanceId,
      state: keepPrevious ? previous.state : entry.state,
      endedAt: keepPrevious ? previous.endedAt : (entry.endedAt ?? previous.endedAt),
    });
  }
  return [...merged.values()];
}

export async function writeHistory(
  { prisma }: { prisma: Pick<ActivityDeps['prisma'], '$executeRaw'> },
  instanceId: string,
  history: ElementHistoryEntry[],
): Promise<void> {
  const upsert = historyUpsert(instanceId, history);
  if (upsert) await prisma.$executeRaw(upsert);
}

/** The statement that upserts the history's rows; none for an empty history. */
function historyUpsert(instanceId: string, history: ElementHistoryEntry[]): Prisma.Sql | undefined {
  const rows = mergeHistory(history);
  if (rows.length === 0) return undefined;
  // Stored as timestamp(3) in UTC, as Prisma stores DateTime.
  const utc = (iso: string | undefined) => Prisma.sql`(${iso ?? null}::timestamptz AT TIME ZONE 'UTC')`;
  const values = rows.map(
    (row) =>
      Prisma.sql`(${instanceId}::uuid, ${row.elementInstanceId}, ${row.elementId}, ${row.elementType}, ${row.scopeInstanceId ?? null}, ${row.state}::"ElementInstanceState", ${utc(row.startedAt)}, ${utc(row.endedAt)})`,
  );
  const final = Prisma.sql`('COMPLETED', 'TERMINATED')`;
  return Prisma.sql`
    INSERT INTO "ElementInstance" ("processInstanceId", "elementInstanceId", "elementId", "elementType", "scopeInstanceId", "state", "startedAt", "endedAt")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("processInstanceId", "elementInstanceId") DO UPDATE SET
      "scopeInstanceId" = COALESCE(EXCLUDED."scopeInstanceId", "ElementInstance"."scopeInstanceId"),
      "state" = CASE WHEN "ElementInstance"."state" IN ${final} AND EXCLUDED."state" NOT IN ${final}
                     THEN "ElementInstance"."state" ELSE EXCLUDED."state" END,
      "endedAt" = CASE WHEN "ElementInstance"."state" IN ${final} AND EXCLUDED."state" NOT IN ${final}
                       THEN "ElementInstance"."endedAt" ELSE COALESCE(EXCLUDED."endedAt", "ElementInstance"."endedAt") END`;
}

/**
 * An activity's one statement, with the history its input carries written by the same statement (a data-modifying
 * WITH): the step's projection and its history in one statement and one transaction. The activity is marked with
 * writesItsHistory, so that withHistory leaves the history to it.
 */
export function withCarriedHistory(input: CarriesHistory, statement: Prisma.Sql): Prisma.Sql {
  const upsert = input.history && historyUpsert(input.instanceId, input.history);
  return upsert ? Prisma.sql`WITH "history" AS (${upsert}) ${statement}` : statement;
}

const WRITES_ITS_HISTORY = Symbol('writesItsHistory');

/**
 * Marks an activity that writes the history its input carries itself, in the statement or transaction of its own
 * write (withCarriedHistory, writeHistory on its transaction client).
 */
export function writesItsHistory<F extends ActivityFunction>(run: F): F {
  return Object.assign(run, { [WRITES_ITS_HISTORY]: true });
}

function carriedHistory(input: unknown): { instanceId: string; history: ElementHistoryEntry[] } | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const { instanceId, history } = input as Partial<CarriesHistory>;
  if (typeof instanceId !== 'string' || !Array.isArray(history) || history.length === 0) return undefined;
  return { instanceId, history };
}

type ActivityFunction = (...args: never[]) => Promise<unknown>;

/**
 * Wraps each activity so that it first writes the history its input carries, then does its own work; one marked
 * writesItsHistory writes it itself.
 */
export function withHistory<Activities extends Record<string, ActivityFunction>>(
  deps: Pick<ActivityDeps, 'prisma'>,
  activities: Activities,
): Activities {
  const wrapped = Object.entries(activities).map(([name, run]) => {
    const withWrite = async (...args: never[]) => {
      const carried = WRITES_ITS_HISTORY in run ? undefined : carriedHistory(args[0]);
      if (carried) await writeHistory(deps, carried.instanceId, carried.history);
      return run(...args);
    };
    return [name, withWrite] as const;
  });
  return Object.fromEntries(wrapped) as Activities;
}

export function createHistoryActivities() {
  return {
    /** Writes the carried history (through withHistory, like every activity) and nothing else. */
    async recordElementHistory(_input: CarriesHistory): Promise<void> {},
  };
}
