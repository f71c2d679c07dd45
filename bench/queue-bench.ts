/**
 * The work-queue benchmark, on a database of its own (bench_queue): 100,000 open tasks across 50 groups and
 * 1,000,000 closed ones, seeded with generate_series; then, one call at a time, the latency of "my queue"
 * (api/services/tasks.ts listQueue: first page, sorted by due date), of claim (claimTask) and of complete (the
 * projection write of activities/user-tasks.ts completeUserTask). The indexes are the migration's own: they are
 * dropped for the bulk insert and built again from their saved definitions, then the table is analysed.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { createUserTaskActivities } from '../activities/user-tasks';
import { defineAbilityFor, type Principal } from '../api/auth/ability';
import type { AppDeps } from '../api/deps';
import { claimTask } from '../api/services/task-assignment';
import { listQueue } from '../api/services/task-queue';
import { createPrisma } from '../platform/db';
import { percentile } from './metrics';

export interface QueueBenchResult {
  open: number;
  closed: number;
  groups: number;
  seedSeconds: number;
  /** Open tasks the measured user can see (their group's unassigned ones and their own). */
  visibleToUser: number;
  iterations: number;
  myQueue: Timing;
  claim: Timing;
  complete: Timing;
}

/** Wall-clock percentiles of one call, and where its time goes on average: the API process's CPU, PostgreSQL's execution. */
export interface Timing {
  p50: number;
  p99: number;
  apiCpuMs: number;
  dbMs: number;
}

const GROUPS = 50;
const USERS = 997;

export interface QueueSize {
  open: number;
  closed: number;
}

/** Seeds the queue database; returns the seconds it took. */
export async function seedQueue(databaseUrl: string, size: QueueSize, logger: Logger): Promise<number> {
  const t0 = performance.now();
  await seed(databaseUrl, size.open, size.closed, logger);
  return (performance.now() - t0) / 1000;
}

export async function runQueueBench(opts: {
  databaseUrl: string;
  /** Where pg_stat_statements is read. */
  adminUrl: string;
  app: AppDeps;
  size: QueueSize;
  seedSeconds: number;
  iterations: number;
  logger: Logger;
}): Promise<QueueBenchResult> {
  const { seedSeconds } = opts;
  const dbTime = new DbTime(opts.adminUrl, new URL(opts.databaseUrl).pathname.slice(1));

  const prisma = createPrisma(opts.databaseUrl);
  try {
    const app: AppDeps = { ...opts.app, prisma };
    const principal: Principal = {
      id: randomUUID(),
      username: 'queue-user-7',
      displayName: 'Queue user',
      roles: ['civil-servant'],
      groups: ['group-07'],
    };
    const caller = { principal, ability: defineAbilityFor(principal) };
    const projections = createUserTaskActivities({
      prisma,
      now: () => new Date(),
      logger: opts.logger,
      mailFrom: 'bench@bps.onnara.local',
      mailer: { sendMail: () => Promise.reject(new Error('the queue benchmark sends no mail')) },
      bidSealingKey: Buffer.alloc(32), // the queue benchmark seals no bids
      temporal: opts.app.temporal,
      taskQueue: opts.app.config.TEMPORAL_TASK_QUEUE,
    });
    const n = opts.iterations;
    const warm = Math.min(20, n);
    const candidates = await prisma.$queryRaw<Array<{ id: string; processInstanceId: string }>>`
      SELECT id, "processInstanceId" FROM "UserTask"
       WHERE state = 'CREATED' AND assignee IS NULL AND "candidateGroups" && ARRAY['group-07']
       ORDER BY md5(id::text) LIMIT ${n + warm}`;
    const visibleToUser = await listQueueCount(prisma, principal);

    const timed = (call: (i: number) => Promise<unknown>) => timeCalls(n, warm, dbTime, call);
    const myQueue = await timed(() => listQueue(app, caller));
    const claim = await timed((i) => claimTask(app, caller, (candidates[i] as { id: string }).id));
    const complete = await timed((i) => {
      const task = candidates[i] as { id: string; processInstanceId: string };
      return projections.completeUserTask({
        taskId: task.id,
        instanceId: task.processInstanceId,
        completedBy: principal.username,
        result: { approved: true },
        variables: { approved: true },
      });
    });
    return {
      open: opts.size.open,
      closed: opts.size.closed,
      groups: GROUPS,
      seedSeconds,
      visibleToUser,
      iterations: n,
      myQueue,
      claim,
      complete,
    };
  } finally {
    await prisma.$disconnect();
  }
}

async function listQueueCount(prisma: ReturnType<typeof createPrisma>, principal: Principal): Promise<number> {
  return prisma.userTask.count({
    where: {
      state: 'CREATED',
      OR: [
        { assignee: principal.username },
        { assignee: null, candidateGroups: { hasSome: principal.groups } },
        { assignee: null, candidateUsers: { has: principal.username } },
      ],
    },
  });
}

/** Warm-up calls first (not timed), then n timed calls one after another; call i gets index i. */
async function timeCalls(
  n: number,
  warm: number,
  dbTime: DbTime,
  call: (i: number) => Promise<unknown>,
): Promise<Timing> {
  for (let i = 0; i < warm; i += 1) await call(n + i);
  await dbTime.reset();
  const cpu = process.cpuUsage();
  const times: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const t = performance.now();
    await call(i);
    times.push(performance.now() - t);
  }
  const used = process.cpuUsage(cpu);
  const dbMs = await dbTime.read();
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    apiCpuMs: (used.user + used.system) / 1000 / n,
    dbMs: dbMs / n,
  };
}

/** Execution time PostgreSQL spent on one database's statements (pg_stat_statements), read from the admin database. */
class DbTime {
  constructor(
    private readonly adminUrl: string,
    private readonly database: string,
  ) {}

  async reset(): Promise<void> {
    await this.query('SELECT pg_stat_statements_reset()');
  }

  async read(): Promise<number> {
    const rows = await this.query(
      'SELECT coalesce(sum(total_exec_time), 0) AS ms FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = $1)',
      [this.database],
    );
    return Number((rows[0] as { ms: string } | undefined)?.ms ?? 0);
  }

  private async query(text: string, values: unknown[] = []): Promise<unknown[]> {
    const client = new Client({ connectionString: this.adminUrl });
    await client.connect();
    try {
      const { rows } = await client.query<Record<string, unknown>>(text, values);
      return rows;
    } finally {
      await client.end();
    }
  }
}

/** Bulk load with the secondary indexes dropped and foreign-key triggers off (the rows are consistent by construction). */
async function seed(databaseUrl: string, open: number, closed: number, logger: Logger): Promise<void> {
  const instances = Math.min(open, 100_000); // each open task has an instance of its own; closed ones share them
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const step = async (what: string, sql: string) => {
    const t = performance.now();
    await client.query(sql);
    logger.info({ ms: Math.round(performance.now() - t) }, `queue seed: ${what}`);
  };
  try {
    await client.query("SET maintenance_work_mem = '256MB'");
    await client.query('SET session_replication_role = replica');
    const { rows: indexes } = await client.query<{ name: string; def: string }>(
      `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = 'UserTask' AND indexname <> 'UserTask_pkey'`,
    );
    for (const index of indexes) await client.query(`DROP INDEX "${index.name}"`);
    // Ascending ids (kind, number) keep the primary-key inserts at the right edge of the B-tree.
    await client.query(`CREATE FUNCTION pg_temp.uuid(kind int, n bigint) RETURNS uuid IMMUTABLE LANGUAGE sql
      AS $$ SELECT (lpad(to_hex(kind), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid $$`);
    // A graph without elements: claim reads each task's submission rule from it (for an unknown element, a decision).
    await step(
      'definition',
      `INSERT INTO "ProcessDefinition" (id, "bpmnProcessId", version, xml, graph, "contentHash")
      VALUES ('00000000-0000-0000-0000-000000000001', 'queue-bench', 1, '<definitions/>', '{"elements": {}}', 'queue-bench')`,
    );
    await step(
      'instances',
      `INSERT INTO "ProcessInstance" (id, "definitionId", "bpmnProcessId", version, "businessKey", variables)
      SELECT pg_temp.uuid(1, i), '00000000-0000-0000-0000-000000000001', 'queue-bench', 1, 'REQ-' || i, jsonb_build_object('applicant', 'applicant-' || i)
        FROM generate_series(1::bigint, ${instances}) AS i`,
    );
    // Open: every 20th assigned to someone, every 33rd also offered to one user, a fifth without a due date.
    await step(
      'open tasks',
      `INSERT INTO "UserTask" (id, "processInstanceId", "elementId", "elementInstanceId", name, "candidateGroups", "candidateUsers",
        assignee, "dueAt", priority, form, state, "createdAt")
      SELECT pg_temp.uuid(2, i), pg_temp.uuid(1, i % ${instances} + 1), 'review', 'open#' || i, 'Review request',
        ARRAY['group-' || lpad((i % ${GROUPS})::text, 2, '0')],
        CASE WHEN i % 33 = 0 THEN ARRAY['queue-user-' || (i % ${USERS})] ELSE ARRAY[]::text[] END,
        CASE WHEN i % 20 = 0 THEN 'queue-user-' || (i % ${USERS}) END,
        CASE WHEN i % 5 = 0 THEN NULL ELSE now() + ((i * 7919) % 43200) * interval '1 minute' END,
        (i * 31) % 101, '{"formId": "demo-review"}', 'CREATED', now() - ((i * 104729) % 864000) * interval '1 second'
      FROM generate_series(1::bigint, ${open}) AS i`,
    );
    await step(
      'closed tasks',
      `INSERT INTO "UserTask" (id, "processInstanceId", "elementId", "elementInstanceId", name, "candidateGroups",
        assignee, "dueAt", priority, state, "createdAt", "completedAt", "completedBy", result)
      SELECT pg_temp.uuid(3, i), pg_temp.uuid(1, i % ${instances} + 1), 'review', 'closed#' || i, 'Review request',
        ARRAY['group-' || lpad((i % ${GROUPS})::text, 2, '0')], 'queue-user-' || (i % ${USERS}),
        now() - ((i * 7919) % 525600) * interval '1 minute', (i * 31) % 101, 'COMPLETED',
        now() - interval '400 days' + (i % 525600) * interval '1 minute', now() - ((i * 7919) % 525600) * interval '1 minute',
        'queue-user-' || (i % ${USERS}), '{"approved": true}'
      FROM generate_series(1::bigint, ${closed}) AS i`,
    );
    for (const index of indexes) await step(index.name, index.def);
    await step('analyse', 'VACUUM ANALYZE "UserTask", "ProcessInstance"');
  } finally {
    await client.end();
  }
}
