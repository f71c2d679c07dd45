/**
 * What the chaos run stands on, by role: every part it may kill is a handle with kill(signal), restart() and pid.
 * This is the single-machine stack (embedded PostgreSQL, the Temporal dev server on its file) with two workers and
 * two APIs, each on a port of its own. Workers and APIs are supervised like a service manager would: one that dies
 * is started again after a second. PostgreSQL and Temporal stay down until restart().
 */
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { Logger } from 'pino';
import { loadConfig } from '../../platform/config';
import { migrateDeploy } from '../../prisma/migrate';
import { DEFAULT_DEMO_PASSWORD } from '../../scripts/demo-org';
import { seedDemo } from '../../scripts/seed';
import { freePort, LOOPBACK } from '../../scripts/stack/ports';
import { startEmbeddedPostgres } from '../../scripts/stack/postgres';
import { spawnTsx, type ChildService } from '../../scripts/stack/processes';
import { resolveTemporalCli, startTemporalDevServer, type TemporalDevServer } from '../../scripts/stack/temporal';

const ROOT = resolve(__dirname, '..', '..');
const RESPAWN_DELAY_MS = 1_000;

export type RoleName = 'postgres' | 'temporal' | 'worker-1' | 'worker-2' | 'api-1' | 'api-2';

export interface RoleHandle {
  readonly role: RoleName;
  /** The process as of now (a new one after each restart); undefined while down. */
  readonly pid: number | undefined;
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Brings the role back and resolves once it serves again. */
  restart(): Promise<void>;
}

export interface ChaosCluster {
  apiUrls: string[];
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  demoPassword: string;
  roles: Record<RoleName, RoleHandle>;
  stop(): Promise<void>;
}

export async function startCluster(opts: { smtpUrl: string; logger: Logger }): Promise<ChaosCluster> {
  const { logger } = opts;
  const dir = await mkdtemp(join(tmpdir(), 'onnara-chaos-'));
  await chmod(dir, 0o755); // as root, PostgreSQL runs as `postgres` and must traverse this folder
  const stoppers: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const stopOne of stoppers.reverse()) await stopOne().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const bundlePath = join(dir, 'workflow-bundle.js');
    const bundled = bundleWorkflowCode({
      workflowsPath: require.resolve('../../workflows'),
      logger: quietBundler,
    }).then(({ code }) => writeFile(bundlePath, code));
    const postgres = await postgresRole(join(dir, 'postgres'), await freePort(), logger);
    stoppers.push(() => postgres.stop());
    const temporal = await temporalRole(join(dir, 'temporal.db'), await freePort(), logger);
    stoppers.push(() => temporal.stop());
    await migrateDeploy(postgres.databaseUrl);

    const apiPorts = [await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = {
      DATABASE_URL: postgres.databaseUrl,
      TEMPORAL_ADDRESS: temporal.address,
      SMTP_URL: opts.smtpUrl,
      DEMO_PASSWORD: DEFAULT_DEMO_PASSWORD,
      WORKFLOW_BUNDLE_PATH: bundlePath,
      LOG_LEVEL: 'warn',
    };
    const config = loadConfig({ ...process.env, ...env });
    await seedDemo({ config, demoPassword: DEFAULT_DEMO_PASSWORD, logger: logger.child({ component: 'seed' }) });
    await bundled;

    const services = [
      supervised('worker-1', 'worker', env, logger),
      supervised('worker-2', 'worker', env, logger),
      ...apiPorts.map((port, i) =>
        supervised(`api-${i + 1}` as RoleName, 'api', { ...env, PORT: String(port), HOST: LOOPBACK }, logger),
      ),
    ];
    for (const service of services) stoppers.push(() => service.stop());
    await Promise.all(services.map((service) => service.restart()));
    const [worker1, worker2, api1, api2] = services as [Supervised, Supervised, Supervised, Supervised];
    return {
      apiUrls: apiPorts.map((port) => `http://${LOOPBACK}:${port}`),
      databaseUrl: postgres.databaseUrl,
      temporalAddress: temporal.address,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      demoPassword: DEFAULT_DEMO_PASSWORD,
      roles: { postgres, temporal, 'worker-1': worker1, 'worker-2': worker2, 'api-1': api1, 'api-2': api2 },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

const quietBundler = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} };

async function postgresRole(dataDir: string, port: number, logger: Logger) {
  const start = () => startEmbeddedPostgres({ dataDir, port, database: 'onnara', logger });
  let server = await start();
  let up = true;
  const postmasterPid = async () => Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  let pid: number | undefined = await postmasterPid();
  return {
    role: 'postgres' as const,
    databaseUrl: server.databaseUrl,
    get pid() {
      return pid;
    },
    kill(signal: NodeJS.Signals) {
      if (pid !== undefined) process.kill(pid, signal);
      up = false;
      pid = undefined;
      return Promise.resolve();
    },
    async restart() {
      // Backends of a killed postmaster take a moment to notice and exit; until then a new one refuses to start.
      server = await retry(start, 30_000);
      pid = await postmasterPid();
      up = true;
    },
    stop: async () => {
      if (up) await server.stop();
    },
  };
}

async function temporalRole(dbFile: string, port: number, logger: Logger) {
  const cliPath = await resolveTemporalCli();
  const start = () => startTemporalDevServer({ cliPath, port, dbFile, logger });
  let server: TemporalDevServer | undefined = await start();
  return {
    role: 'temporal' as const,
    address: server.address,
    get pid() {
      return server?.pid;
    },
    async kill(signal: NodeJS.Signals) {
      if (server) process.kill(-server.pid, signal);
      await server?.exited;
      server = undefined;
    },
    async restart() {
      server = await retry(start, 30_000);
    },
    stop: async () => {
      await server?.stop();
    },
  };
}

interface Supervised extends RoleHandle {
  stop(): Promise<void>;
}

/** A worker or API process that is started again whenever it exits, until stop(). */
function supervised(role: RoleName, entry: 'worker' | 'api', env: NodeJS.ProcessEnv, logger: Logger): Supervised {
  let child: ChildService | undefined;
  let stopping = false;
  let ready: Promise<void> = Promise.resolve();
  const spawnOne = (): Promise<void> => {
    const current = spawnTsx({ name: role, file: join(ROOT, entry, 'main.ts'), env, cwd: ROOT, logger });
    child = current;
    void current.exited.then(() => {
      if (stopping || child !== current) return;
      child = undefined;
      setTimeout(() => {
        if (!stopping && child === undefined) ready = spawnOne();
      }, RESPAWN_DELAY_MS);
    });
    return entry === 'api' ? waitForHealth(env.PORT ?? '', () => child !== current) : Promise.resolve();
  };
  return {
    role,
    get pid() {
      return child?.pid;
    },
    async kill(signal: NodeJS.Signals) {
      if (child) process.kill(-child.pid, signal);
      await child?.exited;
    },
    async restart() {
      if (child === undefined) ready = spawnOne();
      await ready;
    },
    async stop() {
      stopping = true;
      await child?.stop(5_000);
    },
  };
}

/** An API serves once its health answers at all (200, or 503 while a dependency is down). */
async function waitForHealth(port: string, replaced: () => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !replaced()) {
    const status = await fetch(`http://${LOOPBACK}:${port}/api/health`, { signal: AbortSignal.timeout(4_000) }).then(
      (res) => res.status,
      () => 0,
    );
    if (status === 200 || status === 503) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function retry<T>(attempt: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
