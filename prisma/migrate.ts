/**
 * Database migrations, offline. The ONE place that holds this workaround (docs/offline-setup.md, "Prisma").
 *
 * Why: no Prisma 7 CLI (7.0-7.10) can run migrations without downloading its native schema-engine binary from
 * Prisma's CDN, which these machines (and a government network) cannot reach: migrate has no engine or adapter
 * option in 7.x. Prisma 6.19.3, installed beside it as the npm alias `prisma6`, can: its WebAssembly schema engine
 * runs `migrate deploy|status|dev` through a driver adapter. prisma/migrations/ and the `_prisma_migrations` table
 * stay exactly what the vendor's tools write, so a machine that has the native engine can switch to
 * `prisma migrate deploy` (Prisma 7) at any time and drop this file.
 *
 * This file is three things:
 *  - a library: `migrateDeploy(databaseUrl)` for the dev-stack starter and Jest's global setup;
 *  - a CLI: `tsx prisma/migrate.ts deploy | status | dev --name <name>` (DATABASE_URL from the environment);
 *  - the Prisma 6 config (its default export), handed to the prisma6 CLI as `--config prisma/migrate.ts`. That
 *    config works around the five defects listed in docs/offline-setup.md; each is marked "Defect n" below.
 * The prisma6 CLI runs in a child process, so its patches (defect 4) never touch the caller's process.
 * Prisma 6.19.3's engine takes the project's @prisma/adapter-pg 7.x as is: no 6.x adapter is needed, and neither is
 * a 6.x client (`dev` runs with --skip-generate; Prisma 7's client comes from `npm run db:generate`).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import type { PrismaConfig } from 'prisma6/config'; // type only: the package takes 0.6 s to load

const ROOT = path.resolve(__dirname, '..');
const SCHEMA_FILE = path.join(ROOT, 'prisma', 'schema.prisma');
const MIGRATIONS_DIR = path.join(ROOT, 'prisma', 'migrations');
const THIS_FILE = path.join(ROOT, 'prisma', 'migrate.ts');

// ── Library ─────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Applies pending migrations from prisma/migrations/. Idempotent. When every migration folder is already recorded
 * as applied it returns after one query (tens of ms) instead of starting the Prisma 6 CLI (2-4 s). Like Prisma's
 * own deploy through an adapter, it does not create the database. Prisma's output is captured and included in
 * the error when it fails.
 */
export async function migrateDeploy(databaseUrl: string): Promise<void> {
  if (await allMigrationsApplied(databaseUrl)) return;
  await runPrisma6(['migrate', 'deploy'], databaseUrl, 'capture');
}

/** True when `_prisma_migrations` lists every local migration folder as finished and not rolled back. */
async function allMigrationsApplied(databaseUrl: string): Promise<boolean> {
  const local = await localMigrationNames();
  const { connectionString, schema } = splitSchemaParam(databaseUrl);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM ${quoteIdent(schema)}._prisma_migrations
        WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Set(rows.map((row) => row.migration_name));
    return local.every((name) => applied.has(name));
  } catch (error) {
    // 42P01: no _prisma_migrations table yet; 3F000: the schema itself does not exist yet.
    if (isPgError(error) && (error.code === '42P01' || error.code === '3F000')) return false;
    throw error;
  } finally {
    await client.end();
  }
}

async function localMigrationNames(): Promise<string[]> {
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
}

/**
 * Runs the prisma6 CLI with this file as its config, on a temporary copy of the schema (defect 5). The copy's path
 * goes to the config through PRISMA6_SCHEMA: the CLI stops parsing `prisma migrate status --schema X` at the first
 * word, so its pre-flight check would read prisma/schema.prisma (no engineType) and try to download a query engine.
 */
async function runPrisma6(args: string[], databaseUrl: string, output: 'inherit' | 'capture'): Promise<number> {
  const tempDir = await mkdtemp(path.join(os.tmpdir(), 'onnara-migrate-'));
  try {
    const schemaCopy = path.join(tempDir, 'schema.prisma');
    await writeFile(schemaCopy, toPrisma6Schema(await readFile(SCHEMA_FILE, 'utf8')));
    const cli = require.resolve('prisma6/build/index.js', { paths: [ROOT] });
    const child = spawn(process.execPath, [cli, '--config', THIS_FILE, ...args], {
      cwd: ROOT,
      stdio: output === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PRISMA6_SCHEMA: schemaCopy,
        CHECKPOINT_DISABLE: '1', // no telemetry request to a host these machines cannot reach
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
      },
    });
    let captured = '';
    child.stdout?.on('data', (chunk: Buffer) => (captured += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (captured += chunk.toString()));
    const code = await new Promise<number>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (exitCode) => resolve(exitCode ?? 1));
    });
    if (code !== 0 && output === 'capture') {
      throw new Error(`prisma ${args.join(' ')} failed with exit code ${code}:\n${captured}`);
    }
    return code;
  } finally {
    await rm(tempDir, { recursive: true, force: true });
  }
}

/**
 * Defect 5: without `url` in the datasource (Prisma 7 forbids it there) the prisma6 CLI can't read the schema, and
 * without `engineType = "client"` it fetches a native query engine before any migrate command; either way it
 * ends in a download. (It then warns that the url is not used: the adapter is. Harmless.)
 */
function toPrisma6Schema(schema: string): string {
  return schema
    .replace(/^(\s*datasource\s+\w+\s*\{)/m, '$1\n  url = env("DATABASE_URL")')
    .replace(/^(\s*generator\s+\w+\s*\{)/gm, '$1\n  engineType = "client"');
}

/** Prisma's `?schema=` URL parameter names the PostgreSQL schema; `pg` does not know it. */
function splitSchemaParam(databaseUrl: string): { connectionString: string; schema: string } {
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get('schema') ?? 'public';
  url.searchParams.delete('schema');
  return { connectionString: url.toString(), schema };
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function isPgError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

// ── Prisma 6 config (loaded by the prisma6 CLI child process only) ──────────────────────────────────────────

type JsEngineConfig = Extract<PrismaConfig, { engine: 'js' }>;
type MigrationAdapterFactory = Awaited<ReturnType<JsEngineConfig['adapter']>>;
type SqlDriverAdapter = Awaited<ReturnType<MigrationAdapterFactory['connect']>>;

/** What the patches below need from adapter-pg's (internal) queryable: its one I/O method. */
interface PgQueryableInternals {
  performIO(query: unknown): Promise<pg.QueryResult>;
}

/** Connects adapter-pg to one database, with defects 1, 2 and 4 worked around. */
async function connectAdapter(databaseUrl: string): Promise<SqlDriverAdapter> {
  const { connectionString, schema } = splitSchemaParam(databaseUrl);
  // Migration scripts name tables unqualified, and adapter-pg only reports `schema` to the engine: without the
  // search_path, `?schema=x` would put the tables in public while Prisma looks for them in x.
  // Defect 4 (second half): allowExitOnIdle, so that an idle pool does not keep the process alive.
  const pool = new pg.Pool({
    connectionString,
    options: `-c search_path=${quoteIdent(schema)}`,
    allowExitOnIdle: true,
  });
  const adapter = (await new PrismaPg(pool, { schema, disposeExternalPool: true }).connect()) as SqlDriverAdapter;
  reportCharAsText(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => reportCharAsText(await startTransaction(...args));
  // Defect 2: adapter-pg splits scripts on every `;`, breaking `DO $$ ... $$` blocks and string literals. A query
  // without parameters goes over PostgreSQL's simple protocol, which runs the whole script as one implicit
  // transaction, as Prisma's native engine does; executeRaw keeps adapter-pg's error mapping.
  adapter.executeScript = async (script) => {
    await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
  };
  return adapter;
}

/**
 * Defect 1 (prisma/orm#27403): adapter-pg has no column type for PostgreSQL's internal `"char"` (oid 18), which
 * the engine reads from the catalogs; its values arrive as text, so report the column as text (oid 25).
 */
function reportCharAsText<T extends object>(queryable: T): T {
  const internals = queryable as unknown as Partial<PgQueryableInternals>;
  const performIO = internals.performIO?.bind(queryable);
  if (!performIO) throw new Error('prisma/migrate.ts: @prisma/adapter-pg has no performIO any more; update the patch');
  internals.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
    return result;
  };
  return queryable;
}

/**
 * Defect 3: adapter-pg's own shadow database, given a connection string, is the main database (the URL wins over
 * its `database` option), and it drops the database before closing the pool. Create a uniquely named one and
 * drop it `WITH (FORCE)` after the pool is closed. The role needs CREATEDB, as with Prisma's native engine.
 */
async function connectShadowAdapter(databaseUrl: string): Promise<SqlDriverAdapter> {
  const name = `prisma_shadow_${randomBytes(8).toString('hex')}`;
  await adminQuery(databaseUrl, `CREATE DATABASE ${quoteIdent(name)}`);
  const shadowUrl = new URL(databaseUrl);
  shadowUrl.pathname = `/${name}`;
  const adapter = await connectAdapter(shadowUrl.toString());
  const dispose = adapter.dispose.bind(adapter);
  adapter.dispose = async () => {
    await dispose();
    await adminQuery(databaseUrl, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  };
  return adapter;
}

async function adminQuery(databaseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: splitSchemaParam(databaseUrl).connectionString });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Defect 4: the wasm engine starts 10 s and 60 s timers and never clears them, so the CLI hangs for a minute
 * after finishing. Timers of 10 s or more started in this (CLI child) process are unref'd: they still fire
 * while the process has work, but no longer keep it alive.
 */
function unrefLongTimers(): void {
  const original = globalThis.setTimeout;
  const patched = (...args: Parameters<typeof setTimeout>): NodeJS.Timeout => {
    const timer = original(...args);
    if ((args[1] ?? 0) >= 10_000) timer.unref();
    return timer;
  };
  globalThis.setTimeout = Object.assign(patched, original);
}

const prisma6Config: PrismaConfig = {
  experimental: { adapter: true },
  engine: 'js',
  schema: process.env.PRISMA6_SCHEMA, // set by runPrisma6 for the child; unset (and unused) elsewhere
  migrations: { path: MIGRATIONS_DIR },
  adapter: () => {
    const databaseUrl = requireDatabaseUrl();
    unrefLongTimers();
    return Promise.resolve({
      provider: 'postgres',
      adapterName: '@prisma/adapter-pg',
      connect: () => connectAdapter(databaseUrl),
      connectToShadowDb: () => connectShadowAdapter(databaseUrl),
    });
  },
};
export default prisma6Config;

// ── CLI ─────────────────────────────────────────────────────────────────────────────────────────────────────

function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error('DATABASE_URL is not set: export DATABASE_URL=postgresql://user:password@host:5432/database');
  }
  return url;
}

const USAGE = 'usage: tsx prisma/migrate.ts deploy | status | dev --name <migration_name>';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'deploy' && command !== 'status' && command !== 'dev') {
    console.error(USAGE);
    return 2;
  }
  const databaseUrl = requireDatabaseUrl();
  switch (command) {
    case 'deploy':
      return runPrisma6(['migrate', 'deploy'], databaseUrl, 'inherit');
    case 'status':
      return runPrisma6(['migrate', 'status'], databaseUrl, 'inherit');
    case 'dev': {
      const nameAt = rest.indexOf('--name');
      const name = nameAt >= 0 ? rest[nameAt + 1] : undefined;
      // Without --name, `migrate dev` waits for a prompt.
      if (!name) {
        console.error(USAGE);
        return 2;
      }
      // `migrate dev` on a database with pending migrations applies them and then fails: deploy first.
      const deployed = await runPrisma6(['migrate', 'deploy'], databaseUrl, 'inherit');
      if (deployed !== 0) return deployed;
      // --skip-generate: otherwise Prisma 6 would write a 6.x client; `npm run db:generate` is Prisma 7's.
      return runPrisma6(['migrate', 'dev', '--name', name, '--skip-generate'], databaseUrl, 'inherit');
    }
  }
}

// Run as a CLI only when executed directly, not when imported or loaded by the prisma6 CLI as its config.
if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
