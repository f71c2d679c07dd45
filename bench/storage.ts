/**
 * Where the Temporal server keeps its state during a bench run; every result names it (issue 17):
 *   memory    the dev server in memory;
 *   file      the dev server on its SQLite file: what `npm start` runs, the durable default;
 *   postgres  a Temporal server on PostgreSQL that already runs (the cluster shape), named by --temporal-address or
 *             BENCH_TEMPORAL_ADDRESS. The bench does not start one; without an address it says so and skips it.
 */
export const STORAGE_MODES = ['memory', 'file', 'postgres'] as const;
export type StorageMode = (typeof STORAGE_MODES)[number];

/** The Temporal server of one storage mode: a dev server the bench starts, or a running cluster's frontend. */
export type TemporalTarget = { storage: 'memory' | 'file' } | { storage: 'postgres'; address: string };

export interface SkippedStorage {
  storage: StorageMode;
  reason: string;
}

export const STORAGE_LABELS: Record<StorageMode, string> = {
  memory: 'Temporal dev server in memory',
  file: 'Temporal dev server on its SQLite file',
  postgres: 'Temporal server on PostgreSQL',
};

export const CLUSTER_ADDRESS_ENV = 'BENCH_TEMPORAL_ADDRESS';

/**
 * The storage modes to run, in order, and the reason for each one left out. Without a list: memory and file, and
 * postgres when a cluster is named. postgres without a cluster is never run, and always reported as skipped.
 */
export function planStorage(
  requested: StorageMode[] | undefined,
  clusterAddress: string | undefined,
): { targets: TemporalTarget[]; skipped: SkippedStorage[] } {
  const modes = requested ?? ['memory', 'file', ...(clusterAddress ? (['postgres'] as const) : [])];
  const targets = modes.flatMap((storage): TemporalTarget[] => {
    if (storage !== 'postgres') return [{ storage }];
    return clusterAddress ? [{ storage, address: clusterAddress }] : [];
  });
  const skipped: SkippedStorage[] = [];
  if (!targets.some((t) => t.storage === 'postgres'))
    skipped.push({
      storage: 'postgres',
      reason:
        requested && !requested.includes('postgres')
          ? 'not in --storage'
          : `no Temporal server on PostgreSQL is configured (pass --temporal-address host:port or set ${CLUSTER_ADDRESS_ENV} to a running cluster's frontend; the bench does not start one)`,
    });
  return { targets, skipped };
}

/** `--storage memory,file`: known modes, each once. */
export function parseStorageList(list: string): StorageMode[] {
  const modes = list.split(',').map((s) => s.trim());
  const unknown = modes.filter((m) => !(STORAGE_MODES as readonly string[]).includes(m));
  if (unknown.length)
    throw new Error(`--storage: unknown mode ${unknown.join(', ')} (known: ${STORAGE_MODES.join(', ')})`);
  if (new Set(modes).size !== modes.length) throw new Error(`--storage: a mode is listed twice in ${list}`);
  return modes as StorageMode[];
}

/** What a Temporal cluster says of itself (GetClusterInfo). */
export interface ClusterInfo {
  serverVersion: string;
  persistenceStore: string;
  visibilityStore: string;
}

/** Why the named cluster cannot stand for the postgres mode, or undefined when it keeps its state in PostgreSQL. */
export function clusterProblem(address: string, info: ClusterInfo): string | undefined {
  if (/^postgres/i.test(info.persistenceStore)) return undefined;
  return `the Temporal server at ${address} keeps its state in ${info.persistenceStore || 'an unnamed store'}, not PostgreSQL`;
}

export function describeCluster(address: string, info: ClusterInfo): string {
  return `Temporal server ${info.serverVersion} at ${address} (persistence ${info.persistenceStore}, visibility ${info.visibilityStore})`;
}
