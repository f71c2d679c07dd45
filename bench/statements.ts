/**
 * `npm run bench:statements`: the PostgreSQL statements of one instance of each arm, statement by statement and by
 * who sent them (the API, i.e. the bench process standing in for it, or the worker), from pg_stat_statements over a
 * few instances run one after the other on the in-memory dev server. What the bench's totals per instance are made of.
 *   --instances <n>   instances per arm (default 10)
 */
import { parseArgs } from 'node:util';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Client } from 'pg';
import { createPrisma, type PrismaClient } from '../platform/db';
import { createLogger } from '../platform/logger';
import { seedOrganisation } from '../scripts/seed';
import { arms, prepareArms, type ArmKey } from './arms';
import { runInstance, TaskFinder } from './driver';
import { PG_ROLES, startBenchStack } from './stack';

const ROLE_NAMES: Record<string, string> = { [PG_ROLES.worker]: 'worker', [PG_ROLES.api]: 'api' };

interface StatementRow {
  role: string;
  calls: string;
  query: string;
}

async function statementsPerInstance(adminUrl: string, run: () => Promise<void>, instances: number) {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query('SELECT pg_stat_statements_reset()');
    await run();
    const { rows } = await admin.query<StatementRow>(
      `SELECT r.rolname AS role, s.calls::text AS calls, s.query FROM pg_stat_statements s
         JOIN pg_roles r ON r.oid = s.userid
        WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = 'bench') AND r.rolname = ANY($1)
        ORDER BY r.rolname, s.calls DESC`,
      [Object.keys(ROLE_NAMES)],
    );
    return rows.map((row) => ({
      role: ROLE_NAMES[row.role] ?? row.role,
      perInstance: Number(row.calls) / instances,
      query: row.query.replace(/\s+/g, ' ').slice(0, 150),
    }));
  } finally {
    await admin.end();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { instances: { type: 'string', default: '10' } } });
  const instances = Number(values.instances);
  const logger = createLogger('bench', 'warn');
  let prisma: PrismaClient | undefined;
  const stack = await startBenchStack({
    temporal: { storage: 'memory' },
    pgFsync: false,
    logger,
    prepare: async ({ databaseUrl }) => {
      prisma = createPrisma(databaseUrl);
      await seedOrganisation(prisma, 'bench-password');
    },
  });
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const finder = new TaskFinder(stack.botDatabaseUrl, 10);
  try {
    if (!prisma) throw new Error('the bench database was not prepared');
    await finder.connect();
    const temporal = new TemporalClient({ connection, namespace: 'default' });
    const { ctx } = await prepareArms(stack, prisma, temporal, logger);
    for (const key of ['A', 'B', 'C'] as ArmKey[]) {
      await runInstance(arms[key], ctx, finder, 0); // warms the caches of both processes
      const rows = await statementsPerInstance(
        stack.adminUrl,
        async () => {
          for (let n = 1; n <= instances; n++) await runInstance(arms[key], ctx, finder, n);
        },
        instances,
      );
      const total = (role: string) =>
        rows.filter((row) => row.role === role).reduce((sum, row) => sum + row.perInstance, 0);
      console.log(`\n${arms[key].label}: API ${total('api').toFixed(1)}, worker ${total('worker').toFixed(1)}`);
      for (const row of rows)
        console.log(`  ${row.role.padEnd(6)} ${row.perInstance.toFixed(1).padStart(5)}  ${row.query}`);
    }
  } finally {
    await connection.close();
    await Promise.allSettled([prisma?.$disconnect(), finder.close()]);
    await stack.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
