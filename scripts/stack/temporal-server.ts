// The production Temporal server on PostgreSQL for the cluster mode (scripts/cluster.ts): its binaries and schemas
// come from scripts/ensure-temporal-server.sh (built from the Go proxy), its two databases are set up by Temporal's
// own SQL tool, and its configuration is our template temporal-cluster.yaml with ports and credentials filled in.
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { msToTs } from '@temporalio/common/lib/time';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { runEnsureScript } from './ensure-script';
import { LOOPBACK } from './ports';
import { spawnService, type ChildService, type ExitInfo } from './processes';
import { waitForTemporal } from './temporal-readiness';

const run = promisify(execFile);
const DATABASES = { temporal: 'temporal', temporal_visibility: 'visibility' } as const;
/** How long a closed workflow's history stays queryable. */
const RETENTION = '7 days';

/** A directory with temporal-server, temporal-sql-tool and schema/postgresql (see ensure-temporal-server.sh). */
export type TemporalServerDir = string;

let serverDir: Promise<TemporalServerDir> | undefined;

/** Resolved once per process; a first build takes minutes and shows its progress on our stderr. */
export function resolveTemporalServer(): Promise<TemporalServerDir> {
  serverDir ??= runEnsureScript('ensure-temporal-server.sh', 'Temporal server');
  return serverDir;
}

/** Where Temporal's databases live: the server of a postgresql:// URL, with its credentials. */
interface PostgresTarget {
  host: string;
  port: number;
  user: string;
  password: string;
}

function targetOf(databaseUrl: string): PostgresTarget {
  const url = new URL(databaseUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
}

/**
 * Creates Temporal's two databases on the server of `databaseUrl` and brings their schemas to the binary's version
 * with temporal-sql-tool. Idempotent: a second run finds both databases and applies only newer schema versions.
 */
export async function setUpTemporalDatabases(dir: TemporalServerDir, databaseUrl: string, log: Logger): Promise<void> {
  const target = targetOf(databaseUrl);
  const tool = join(dir, 'temporal-sql-tool');
  const connection = ['--plugin', 'postgres12', '--ep', target.host, '-p', String(target.port), '-u', target.user];
  // The password goes by environment, not on a command line other users can read.
  const sqlTool = (database: string, args: string[]) =>
    run(tool, [...connection, '--db', database, ...args], { env: { ...process.env, SQL_PASSWORD: target.password } });
  for (const [database, schema] of Object.entries(DATABASES)) {
    const t0 = Date.now();
    if (!(await databaseExists(databaseUrl, database))) await sqlTool(database, ['create-database']);
    if (!(await hasSchemaVersionTable(databaseUrl, database))) await sqlTool(database, ['setup-schema', '-v', '0.0']);
    await sqlTool(database, ['update-schema', '-d', join(dir, 'schema', 'postgresql', 'v12', schema, 'versioned')]);
    log.info({ database, ms: Date.now() - t0 }, 'Temporal database ready');
  }
}

async function databaseExists(databaseUrl: string, database: string): Promise<boolean> {
  return withDatabase(databaseUrl, 'postgres', async (c) => {
    const found = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    return found.rowCount === 1;
  });
}

async function hasSchemaVersionTable(databaseUrl: string, database: string): Promise<boolean> {
  return withDatabase(databaseUrl, database, async (c) => {
    const found = await c.query<{ t: string | null }>(`SELECT to_regclass('schema_version')::text AS t`);
    return found.rows[0]?.t != null;
  });
}

async function withDatabase<T>(databaseUrl: string, database: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.href });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Temporal records membership ports in a smallint column: a higher one stops the server at start-up. */
const MAX_MEMBERSHIP_PORT = 32_767;

/** The frontend's gRPC port; the other services take the next ports, their membership ports 20 further on. */
export function temporalPorts(frontendPort: number) {
  const rpc = { FRONTEND: 0, HISTORY: 1, MATCHING: 2, WORKER: 6 } as const;
  if (frontendPort + 26 > MAX_MEMBERSHIP_PORT) {
    throw new Error(
      `Temporal port ${frontendPort} is too high: its membership ports (up to ${frontendPort + 26}) must stay at ` +
        `or below ${MAX_MEMBERSHIP_PORT}; choose a port of at most ${MAX_MEMBERSHIP_PORT - 26}`,
    );
  }
  const values: Record<string, number> = { FRONTEND_HTTP_PORT: frontendPort + 10 };
  for (const [service, offset] of Object.entries(rpc)) {
    values[`${service}_PORT`] = frontendPort + offset;
    values[`${service}_MEMBERSHIP_PORT`] = frontendPort + 20 + offset;
  }
  return values;
}

/** Fills temporal-cluster.yaml; JSON strings are valid YAML scalars, so credentials need no further escaping. */
export async function writeTemporalConfig(opts: {
  configDir: string;
  databaseUrl: string;
  frontendPort: number;
  logLevel: string;
}): Promise<void> {
  const target = targetOf(opts.databaseUrl);
  const values: Record<string, string | number> = {
    ...temporalPorts(opts.frontendPort),
    LOG_LEVEL: opts.logLevel === 'silent' || opts.logLevel === 'fatal' ? 'error' : 'warn',
    POSTGRES_ADDRESS: JSON.stringify(`${target.host}:${target.port}`),
    POSTGRES_USER: JSON.stringify(target.user),
    POSTGRES_PASSWORD: JSON.stringify(target.password),
  };
  const template = await readFile(join(__dirname, 'temporal-cluster.yaml'), 'utf8');
  const filled = template.replace(/\$\{(\w+)\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`temporal-cluster.yaml: no value for \${${name}}`);
    return String(values[name]);
  });
  await mkdir(opts.configDir, { recursive: true });
  await writeFile(join(opts.configDir, 'cluster.yaml'), filled, { mode: 0o600 });
}

export interface TemporalServer {
  address: string;
  child: ChildService;
}

/** Starts all Temporal services in one process and resolves once the frontend serves `namespace`. */
export async function startTemporalServer(opts: {
  dir: TemporalServerDir;
  configDir: string;
  frontendPort: number;
  namespace: string;
  logger: Logger;
  readyTimeoutMs?: number;
}): Promise<TemporalServer> {
  const args = ['--root', opts.configDir, '--config', '.', '--env', 'cluster', '--allow-no-auth', 'start'];
  const command = join(opts.dir, 'temporal-server');
  const child = spawnService({ name: 'temporal', command, args, cwd: opts.configDir, logger: opts.logger });
  const address = `${LOOPBACK}:${opts.frontendPort}`;
  try {
    await waitForNamespace(address, opts.namespace, child.exited, opts.readyTimeoutMs ?? 120_000);
  } catch (err) {
    await child.stop(2_000);
    throw new Error(
      `Temporal server on ${address} did not come up: ${(err as Error).message}\n${child.tail().join('\n')}`,
      { cause: err },
    );
  }
  return { address, child };
}

/**
 * Ready = the frontend answers and knows the namespace. It is registered here the first time (a fresh server has
 * none); registration takes a moment to reach the frontend's cache, hence the loop.
 */
function waitForNamespace(address: string, namespace: string, exited: Promise<ExitInfo>, timeoutMs: number) {
  return waitForTemporal(address, exited, { timeoutMs, intervalMs: 500 }, async (service) => {
    try {
      await service.describeNamespace({ namespace });
    } catch (err) {
      if ((err as { code?: number }).code !== 5) throw err; // 5: NOT_FOUND
      await service
        .registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(RETENTION) })
        .catch((e: { code?: number }) => {
          if (e.code !== 6) throw e; // 6: ALREADY_EXISTS
        });
      throw err;
    }
  });
}
