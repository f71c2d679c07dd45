// Temporal's single-process dev server (`temporal server start-dev`: SQLite, in memory or in a file, with web UI).
// The CLI comes from scripts/ensure-temporal-cli.sh (built from the Go proxy: no vendor CDN needed).
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import { runEnsureScript } from './ensure-script';
import { LOOPBACK } from './ports';
import { spawnService, type ExitInfo } from './processes';
import { waitForTemporal } from './temporal-readiness';

export interface TemporalOptions {
  cliPath: string;
  port: number;
  /** Web UI port; omit for --headless. */
  uiPort?: number;
  /** SQLite file that survives restarts (and kill -9); omit for in-memory. */
  dbFile?: string;
  /** Created at launch besides `default`. */
  namespaces?: string[];
  /** e.g. { ProcessKey: 'Keyword' }, registered at launch. */
  searchAttributes?: Record<string, string>;
  logger: Logger;
  readyTimeoutMs?: number;
}

export interface TemporalDevServer {
  address: string;
  uiUrl: string | null;
  pid: number;
  exited: Promise<ExitInfo>;
  stop: () => Promise<void>;
  /** SIGKILL without warning, for durability tests (then start again on the same dbFile). */
  kill9: () => Promise<void>;
}

/**
 * The file in write-ahead-log mode. SQLite's default rollback journal syncs the journal and the database on every
 * commit, and the dev server commits all its writes through one connection, so under load every step of every
 * instance queued behind those syncs. A WAL commit is one sync of the log (synchronous stays FULL): a committed write
 * survives a kill -9 and a power cut as before, and the file mode's throughput rose by a third (docs/benchmarks.md).
 */
const SQLITE_FILE_PRAGMAS = ['--sqlite-pragma', 'journal_mode=wal'];

/**
 * New tasks go to one partition of each task queue, not four. Partitions spread a queue over matching hosts; the dev
 * server is one host, and with four a task often landed in a partition where no poll waited, and waited itself:
 * at 50 instances in flight on the file a start's first workflow task waited 750 ms (median) to be started, 3.5 s
 * at p99 (docs/benchmarks.md). Reads stay at four, so tasks an earlier version wrote to the others are still polled.
 */
const ONE_WRITE_PARTITION = ['--dynamic-config-value', 'matching.numTaskqueueWritePartitions=1'];

let cliPath: Promise<string> | undefined;

/** Path of the `temporal` CLI, resolved once per process (the script may build it, see runEnsureScript). */
export function resolveTemporalCli(): Promise<string> {
  cliPath ??= runEnsureScript('ensure-temporal-cli.sh', 'Temporal CLI');
  return cliPath;
}

export async function startTemporalDevServer(opts: TemporalOptions): Promise<TemporalDevServer> {
  const { logger } = opts;
  const namespaces = ['default', ...(opts.namespaces ?? []).filter((n) => n !== 'default')];
  if (opts.dbFile) await mkdir(dirname(opts.dbFile), { recursive: true });
  const args = [
    'server',
    'start-dev',
    '--ip',
    LOOPBACK,
    '--port',
    String(opts.port),
    ...(opts.uiPort === undefined ? ['--headless'] : ['--ui-port', String(opts.uiPort)]),
    ...(opts.dbFile ? ['--db-filename', opts.dbFile, ...SQLITE_FILE_PRAGMAS] : []),
    ...ONE_WRITE_PARTITION,
    ...namespaces.slice(1).flatMap((n) => ['--namespace', n]),
    ...Object.entries(opts.searchAttributes ?? {}).flatMap(([k, t]) => ['--search-attribute', `${k}=${t}`]),
    '--log-level',
    'warn',
    '--log-format',
    'json',
  ];
  const t0 = Date.now();
  const child = spawnService({ name: 'temporal', command: opts.cliPath, args, logger });
  const address = `${LOOPBACK}:${opts.port}`;
  try {
    await waitUntilServing(address, namespaces, child.exited, opts.readyTimeoutMs ?? 60_000);
  } catch (err) {
    await child.stop(2_000);
    throw new Error(
      `Temporal dev server on ${address} did not come up: ${(err as Error).message}\n` +
        `command: ${opts.cliPath} ${args.join(' ')}\n${child.tail().join('\n')}`,
      { cause: err },
    );
  }
  const uiUrl = opts.uiPort === undefined ? null : `http://${LOOPBACK}:${opts.uiPort}`;
  logger.info(
    { address, uiUrl, dbFile: opts.dbFile ?? ':memory:', pid: child.pid, ms: Date.now() - t0 },
    'Temporal dev server ready',
  );
  return {
    address,
    uiUrl,
    pid: child.pid,
    exited: child.exited,
    stop: async () => {
      await child.stop(15_000);
    }, // gives SQLite time to close cleanly
    kill9: async () => {
      await child.kill9();
    },
  };
}

/** Ready = the frontend answers and every namespace is registered (workers fail on a missing one). */
function waitUntilServing(address: string, namespaces: string[], exited: Promise<ExitInfo>, timeoutMs: number) {
  return waitForTemporal(address, exited, { timeoutMs, intervalMs: 250 }, async (service) => {
    for (const namespace of namespaces) await service.describeNamespace({ namespace });
  });
}
