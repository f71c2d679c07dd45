/**
 * What the chaos run stands on: the cluster mode (scripts/cluster.ts), fresh in its own data dir, with the run's
 * mail counter as its mail server. Workers and APIs are supervised the way a service manager would: one that exits
 * on its own (a worker whose Temporal server vanished) is started again; a fault's kill restarts its part itself.
 */
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { loadConfig } from '../../platform/config';
import { startCluster, type Cluster, type Role } from '../../scripts/cluster';
import { DEFAULT_DEMO_PASSWORD } from '../../scripts/demo-org';

const ROOT = resolve(__dirname, '..', '..');
const DATA_DIR = '.data-chaos';
const RESPAWN_DELAY_MS = 1_000;
const SUPERVISED: Role[] = ['worker-1', 'worker-2', 'api-1', 'api-2'];

export interface ChaosPorts {
  /** The balancer; the two APIs and PostgreSQL take the next three. */
  app: number;
  /** Temporal's frontend; its other services take the next ports (scripts/stack/temporal-server.ts). */
  temporal: number;
}

export async function startChaosCluster(opts: { smtpUrl: string; ports: ChaosPorts; logger: Logger }) {
  await rm(join(ROOT, DATA_DIR), { recursive: true, force: true }); // every run starts from nothing
  let stopping = false;
  const started: { cluster?: Cluster } = {}; // a role can exit while the cluster is still starting
  const respawn = (role: Role) => {
    const handle = started.cluster?.roles[role];
    if (stopping || !handle || !SUPERVISED.includes(role)) return;
    setTimeout(() => {
      if (!stopping && !handle.running) handle.restart().catch(() => respawn(role));
    }, RESPAWN_DELAY_MS);
  };
  const { app, temporal } = opts.ports;
  const cluster = await startCluster({
    dataDir: DATA_DIR,
    port: app,
    apiPorts: [app + 1, app + 2],
    postgresPort: app + 3,
    temporalPort: temporal,
    smtpUrl: opts.smtpUrl,
    demoPassword: DEFAULT_DEMO_PASSWORD,
    logLevel: 'warn',
    onExit: respawn,
    logger: opts.logger,
  });
  started.cluster = cluster;
  // The workers' task queue, as they read it: from the environment they inherit, else the default.
  const { TEMPORAL_TASK_QUEUE } = loadConfig({ ...process.env, DATABASE_URL: cluster.databaseUrl });
  return {
    ...cluster,
    taskQueue: TEMPORAL_TASK_QUEUE,
    demoPassword: DEFAULT_DEMO_PASSWORD,
    stop: () => {
      stopping = true;
      return cluster.stop();
    },
  };
}

export type ChaosCluster = Awaited<ReturnType<typeof startChaosCluster>>;
