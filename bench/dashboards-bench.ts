/**
 * The dashboards at volume (docs/benchmarks.md, "Dashboards at volume"): a throw-away embedded PostgreSQL with a
 * database of its own, migrated, then seeded with generate_series — by default 1,000,000 completed instances of one
 * ten-element process over a year, 10,000,000 element-history rows, a task per instance across 20 units, and
 * 10,000 running instances with open tasks — with the triggers off, the aggregates rebuilt once from the rows
 * ("dashboardRebuild"), and the tables analysed. Then each dashboard call is timed, median of 5 after a warm-up.
 *
 *   npm run bench:dashboards                      the full volume (about ten minutes on two cores)
 *   npm run bench:dashboards -- --instances=20000 a quick look
 */
import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { defineAbilityFor, Role, type Principal } from '../api/auth/ability';
import { definitionStatistics, departmentDashboard, processDashboard } from '../api/services/dashboards/dashboards';
import {
  completedByDueDate,
  cycleTime,
  openTasks,
  overdue,
  throughput,
  type Subject,
  type Window,
} from '../api/services/dashboards/figures';
import { legalClock } from '../api/services/tasks';
import { formatKst } from '../gov/calendar';
import { addDays } from '../gov/calendar/local-date';
import { createPrisma } from '../platform/db';
import { createLogger } from '../platform/logger';
import { migrateDeploy } from '../prisma/migrate';
import { freePort } from '../scripts/stack/ports';
import { startEmbeddedPostgres } from '../scripts/stack/postgres';
import { writeDashboardsSection } from './dashboards-section';

const ELEMENTS = ['start', 'receive', 'check', 'route', 'review', 'decide', 'approve', 'notify', 'archive', 'end'];
const UNITS = 20;
const RUNS = 5;
const DEFINITION = '00000000-0000-0000-0000-00000000d001';

function option(name: string, fallback: number): number {
  const given = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  return given ? Number(given.split('=')[1]) : fallback;
}

async function main(): Promise<void> {
  const loadAverage = loadavg()
    .map((load) => load.toFixed(2))
    .join(' ');
  const completed = option('instances', 1_000_000);
  const running = Math.max(1, Math.round(completed / 100));
  const logger = createLogger('bench-dashboards', 'info');
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-dashboards-'));
  await chmod(dataDir, 0o755); // as root, PostgreSQL runs as `postgres` and must traverse this folder
  const port = process.env.POSTGRES_PORT ? Number(process.env.POSTGRES_PORT) : await freePort();
  const postgres = await startEmbeddedPostgres({
    dataDir: join(dataDir, 'pg'),
    port,
    database: 'bench_dashboards',
    durable: false,
    logger,
  });
  try {
    await migrateDeploy(postgres.databaseUrl);
    const seedSeconds = await timedSeconds(() => seed(postgres.databaseUrl, completed, running));
    const rebuildSeconds = await timedSeconds(() => sql(postgres.databaseUrl, 'SELECT "dashboardRebuild"()'));
    await sql(postgres.databaseUrl, 'VACUUM ANALYZE');
    const counts = await sql(
      postgres.databaseUrl,
      `SELECT (SELECT count(*) FROM "ProcessInstance") AS instances, (SELECT count(*) FROM "ElementInstance") AS elements,
              (SELECT count(*) FROM "UserTask") AS tasks, (SELECT count(*) FROM "ElementDurationStat") AS "elementStats",
              (SELECT count(*) FROM "TaskCompletedStat") AS "taskStats"`,
    );
    const timings = await timeDashboards(postgres.databaseUrl);
    const writeCost = await timeTriggerCost(postgres.databaseUrl);
    const result = {
      loadAverage,
      completed,
      running,
      seedSeconds,
      rebuildSeconds,
      counts: counts[0] ?? {},
      timings,
      writeCost,
    };
    console.log(JSON.stringify(result, null, 2));
    if (completed === 1_000_000) writeDashboardsSection(join(__dirname, '../docs/benchmarks.md'), section(result));
  } finally {
    await postgres.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function timedSeconds(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return Math.round((performance.now() - started) / 100) / 10;
}

async function sql(databaseUrl: string, text: string): Promise<Array<Record<string, unknown>>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(text)).rows;
  } finally {
    await client.end();
  }
}

/**
 * The volume, in set-based statements. Instance i starts i mod 365 days ago plus some hours, and spends in each
 * element a duration that varies with i, so that the histograms have a spread. Triggers are off for the load
 * (session_replication_role = replica); the aggregates are rebuilt once afterwards.
 */
async function seed(databaseUrl: string, completed: number, running: number): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const run = (text: string) => client.query(text);
    await run(`SET session_replication_role = replica`);
    await run(`SET maintenance_work_mem = '256MB'`);
    await run(
      `INSERT INTO "OrgUnit" (id, code, name, kind) VALUES ('00000000-0000-0000-0000-00000000a000', 'bench-agency', '벤치 시청', 'AGENCY')`,
    );
    await run(`
      INSERT INTO "OrgUnit" (id, code, name, kind, "parentId")
      SELECT ('00000000-0000-0000-0000-0000000' || lpad(u::text, 5, '0'))::uuid, 'bench-unit-' || u, '벤치 부서 ' || u,
             'DEPARTMENT', '00000000-0000-0000-0000-00000000a000'
      FROM generate_series(1, ${UNITS}) u`);
    await run(`
      INSERT INTO "ProcessDefinition" (id, "bpmnProcessId", version, name, xml, graph, "contentHash")
      VALUES ('00000000-0000-0000-0000-00000000d001', 'bench-permit', 1, '벤치 인허가', '<definitions/>', '{}', 'bench')`);
    const total = completed + running;
    // Instance i: started (i mod 365) days and (i mod 9) hours ago; completed ones ran sum(element durations).
    await run(`
      INSERT INTO "ProcessInstance" (id, "definitionId", "bpmnProcessId", version, "businessKey", state, "startedAt", "endedAt")
      SELECT ('00000000-0000-0000-0000-' || lpad(to_hex(i), 12, '0'))::uuid,
             '00000000-0000-0000-0000-00000000d001', 'bench-permit', 1, 'BENCH-' || i,
             CASE WHEN i > ${completed} THEN 'ACTIVE' ELSE 'COMPLETED' END::"InstanceState",
             started, CASE WHEN i > ${completed} THEN NULL ELSE started + ((i % 97) + 10) * interval '1 minute' * 10 END
      FROM (SELECT i, (now() AT TIME ZONE 'UTC') - (i % 365) * interval '1 day' - (i % 9) * interval '1 hour'
                       - CASE WHEN i > ${completed} THEN interval '0' ELSE interval '1 day' END AS started
            FROM generate_series(1, ${total}) i) s`);
    // Ten elements per completed instance, back to back; a running instance is waiting in "review".
    await run(`ALTER TABLE "ElementInstance" DROP CONSTRAINT "ElementInstance_pkey"`);
    await run(`DROP INDEX "ElementInstance_elementId_state_idx", "ElementInstance_running_idx"`);
    await run(`
      INSERT INTO "ElementInstance" ("processInstanceId", "elementInstanceId", "elementId", "elementType", state, "startedAt", "endedAt")
      SELECT p.id, e.name || '#1', e.name, 'task', x.state, p."startedAt" + (e.n - 1) * step, x.ended
      FROM "ProcessInstance" p
      CROSS JOIN LATERAL (SELECT ((hashtext(p.id::text) & 1023) + 10) * interval '1 minute' AS step) d
      CROSS JOIN LATERAL unnest(ARRAY['${ELEMENTS.join("','")}']) WITH ORDINALITY AS e(name, n)
      CROSS JOIN LATERAL (
        SELECT CASE WHEN p.state = 'COMPLETED' THEN 'COMPLETED' ELSE 'ACTIVE' END::"ElementInstanceState" AS state,
               CASE WHEN p.state = 'COMPLETED' THEN p."startedAt" + e.n * step END AS ended
      ) x
      WHERE p.state = 'COMPLETED' OR e.n <= 5`);
    await run(`UPDATE "ElementInstance" SET state = 'COMPLETED', "endedAt" = "startedAt" + interval '5 minutes'
               WHERE state = 'ACTIVE' AND "elementId" <> 'review'`);
    await run(
      `ALTER TABLE "ElementInstance" ADD CONSTRAINT "ElementInstance_pkey" PRIMARY KEY ("processInstanceId", "elementInstanceId")`,
    );
    await run(`CREATE INDEX "ElementInstance_elementId_state_idx" ON "ElementInstance"("elementId", "state")`);
    await run(
      `CREATE INDEX "ElementInstance_running_idx" ON "ElementInstance"("processInstanceId", "elementId") WHERE "state" IN ('ACTIVE', 'INCIDENT')`,
    );
    // One review task per instance, in one of the units; due three working days (here: 72 hours) after creation.
    await run(`
      INSERT INTO "UserTask" (id, "processInstanceId", "elementId", "elementInstanceId", name, "candidateGroups", "orgUnitId",
                              "dueAt", state, "createdAt", "completedAt", "completedBy")
      SELECT p.id, p.id, 'review', 'review#1', '검토', ARRAY['bench-unit-' || u],
             ('00000000-0000-0000-0000-0000000' || lpad(u::text, 5, '0'))::uuid,
             e."startedAt" + interval '72 hours',
             CASE WHEN p.state = 'COMPLETED' THEN 'COMPLETED' ELSE 'CREATED' END::"TaskState",
             e."startedAt", e."endedAt", CASE WHEN p.state = 'COMPLETED' THEN 'bench-user' END
      FROM "ProcessInstance" p
      JOIN "ElementInstance" e ON e."processInstanceId" = p.id AND e."elementInstanceId" = 'review#1'
      CROSS JOIN LATERAL (SELECT (hashtext(p.id::text) & 65535) % ${UNITS} + 1 AS u) unit`);
    await run(`
      INSERT INTO "Incident" (id, "processInstanceId", "elementId", "elementInstanceId", message)
      SELECT gen_random_uuid(), id, 'review', 'review#1', 'bench incident' FROM "ProcessInstance"
      WHERE state = 'ACTIVE' LIMIT 100`);
  } finally {
    await client.end();
  }
}

type Timed = Record<string, { medianMs: number; runsMs: number[] }>;

interface Result {
  loadAverage: string;
  completed: number;
  running: number;
  seedSeconds: number;
  rebuildSeconds: number;
  counts: Record<string, unknown>;
  timings: Timed;
  writeCost: { withTriggersMs: number; withoutTriggersMs: number };
}

/** The section of docs/benchmarks.md, from one run's figures. */
function section(r: Result): string {
  const count = (key: string) => Number(r.counts[key]).toLocaleString('en');
  const rows = Object.entries(r.timings).map(
    ([name, { medianMs, runsMs }]) => `| ${name.trim()} | ${medianMs} | ${runsMs.join(', ')} |`,
  );
  return [
    '## Dashboards at volume',
    '',
    `Generated by \`npm run bench:dashboards\` (bench/dashboards-bench.ts) on ${new Date().toISOString()}, on the machine`,
    'above (two cores shared with other work; load average at the start ' + r.loadAverage + '). A separate embedded',
    `PostgreSQL database holds ${count('instances')} instances (${r.completed.toLocaleString('en')} completed over a year,`,
    `${r.running.toLocaleString('en')} running with open tasks, 100 open incidents), ${count('elements')} element-history`,
    `rows and ${count('tasks')} tasks in 20 units, seeded with generate_series in ${r.seedSeconds} s with the triggers`,
    `off; the aggregates were then rebuilt from the rows in ${r.rebuildSeconds} s (${count('elementStats')} element and`,
    `${count('taskStats')} task aggregate rows). Each call is the API's service function (a request minus HTTP),`,
    'timed 5 times after one warm-up; the "part" rows are the pieces of the first call, timed alone.',
    '',
    '| call | median ms | the 5 runs, ms |',
    '| --- | --- | --- |',
    ...rows,
    '',
    `What the triggers add to the writes they ride on: completing an element instance (one upsert of its history row)`,
    `took ${r.writeCost.withTriggersMs} ms with the aggregate triggers and ${r.writeCost.withoutTriggersMs} ms without,`,
    'over 1,000 writes one by one.',
    '',
  ].join('\n');
}

/** Each dashboard call through the API's service functions (what a request runs, minus HTTP), median of 5. */
async function timeDashboards(databaseUrl: string): Promise<Timed> {
  const prisma = createPrisma(databaseUrl);
  try {
    const deps = { prisma };
    const as = (principal: Principal) => ({ principal, ability: defineAbilityFor(principal) });
    const admin = as({
      id: randomUUID(),
      username: 'bench-admin',
      displayName: 'Admin',
      roles: [Role.Admin],
      groups: [],
    });
    const manager = as({
      id: randomUUID(),
      username: 'bench-manager',
      displayName: 'Manager',
      roles: [Role.Manager],
      groups: [],
      orgUnitId: '00000000-0000-0000-0000-000000000001',
      headOf: ['00000000-0000-0000-0000-000000000002'],
    });
    const today = formatKst(Date.now()).slice(0, 10);
    const month: Window = { from: addDays(today, -29), to: today, bucket: 'day' };
    const year: Window = { from: addDays(today, -364), to: today, bucket: 'week' };
    const agency = '00000000-0000-0000-0000-00000000a000';
    const calls: Record<string, () => Promise<unknown>> = {
      'process, 30 days by day (admin)': () =>
        processDashboard(deps, admin, { processId: 'bench-permit', window: month }),
      'process, 365 days by week (admin)': () =>
        processDashboard(deps, admin, { processId: 'bench-permit', window: year }),
      'process, 365 days by week (manager of 2 units)': () =>
        processDashboard(deps, manager, { processId: 'bench-permit', window: year }),
      'department: agency, 20 units, 365 days by week': () =>
        departmentDashboard(deps, admin, { orgUnitId: agency, window: year }),
      'department: 1 unit, 30 days by day (manager)': () =>
        departmentDashboard(deps, manager, { orgUnitId: '00000000-0000-0000-0000-000000000001', window: month }),
      'statistics (heatmap) of the version': () => definitionStatistics(deps, admin, DEFINITION),
    };
    // The parts of the first call alone, to show where its time goes.
    const subject: Subject = { kind: 'process', definitionIds: [DEFINITION], units: null };
    const clock = await legalClock(deps);
    Object.assign(calls, {
      '  part: throughput': () => throughput(prisma, subject, month),
      '  part: cycle time': () => cycleTime(prisma, subject, month),
      '  part: tasks completed by their due date': () => completedByDueDate(prisma, subject, month),
      '  part: open tasks (backlog, past due)': () => openTasks(prisma, subject),
      '  part: overdue (query and working time)': () => overdue(prisma, subject, clock),
      '  part: business calendar load': () => legalClock(deps),
    });
    const timed: Timed = {};
    for (const [name, call] of Object.entries(calls)) {
      await call();
      const runsMs: number[] = [];
      for (let i = 0; i < RUNS; i += 1) {
        const started = performance.now();
        await call();
        runsMs.push(Math.round((performance.now() - started) * 10) / 10);
      }
      timed[name] = { medianMs: [...runsMs].sort((a, b) => a - b)[Math.floor(RUNS / 2)] ?? NaN, runsMs };
    }
    return timed;
  } finally {
    await prisma.$disconnect();
  }
}

/** What the triggers add to the writes they ride on: 1,000 element completions one by one, triggers on and off. */
async function timeTriggerCost(databaseUrl: string): Promise<{ withTriggersMs: number; withoutTriggersMs: number }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const complete = async (element: string) => {
      const { rows } = await client.query<{ id: string }>(
        `SELECT "processInstanceId" AS id FROM "ElementInstance" WHERE state = 'ACTIVE' AND "elementId" = 'review' LIMIT 1000`,
      );
      const started = performance.now();
      for (const { id } of rows) {
        await client.query(
          `INSERT INTO "ElementInstance" ("processInstanceId", "elementInstanceId", "elementId", "elementType", state, "startedAt", "endedAt")
           VALUES ($1, $2, $3, 'task', 'COMPLETED', now() AT TIME ZONE 'UTC' - interval '1 hour', now() AT TIME ZONE 'UTC')`,
          [id, `${element}#1`, element],
        );
      }
      return Math.round(((performance.now() - started) / Math.max(rows.length, 1)) * 1000) / 1000;
    };
    const withTriggersMs = await complete('bench-extra-a');
    await client.query(`SET session_replication_role = replica`);
    const withoutTriggersMs = await complete('bench-extra-b');
    return { withTriggersMs, withoutTriggersMs };
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
