// The cluster mode as a library (`npm run start:cluster` is scripts/start-cluster.ts; the chaos run drives it too):
// PostgreSQL, a production Temporal server on it, the SMTP catcher, two workers and two API processes behind one
// balancer port, all on loopback. Every part is a role with a handle that kills and restarts it; see
// docs/reliability.md "Cluster mode".
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { Logger } from 'pino';
import { loadConfig } from '../platform/config';
import { migrateDeploy } from '../prisma/migrate';
import { DEFAULT_DEMO_PASSWORD } from './demo-org';
import { seedDemo } from './seed';
import { startBalancer, type Balancer } from './stack/balancer';
import { LeftoverRegistry } from './stack/leftovers';
import { assertPortFree, LOOPBACK } from './stack/ports';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './stack/postgres';
import { spawnTsx, type ChildService, type ExitInfo } from './stack/processes';
import {
  resolveTemporalServer,
  setUpTemporalDatabases,
  startTemporalServer,
  temporalPorts,
  writeTemporalConfig,
} from './stack/temporal-server';

const ROOT = join(__dirname, '..');
const READY_TIMEOUT_MS = 120_000;

/** In start order; stop() goes the other way. */
export const ROLES = ['postgres', 'temporal', 'smtp', 'worker-1', 'worker-2', 'api-1', 'api-2'] as const;
export type Role = (typeof ROLES)[number];

export interface RoleHandle {
  readonly role: Role;
  /** The process id (PostgreSQL: its postmaster), or -1 while it is not running or runs outside the cluster. */
  readonly pid: number;
  readonly running: boolean;
  /** Sends `signal` (SIGKILL unless told) to the process and its children; resolves once it has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same ports and data (stopping it first if it still runs); resolves once it serves. */
  restart(): Promise<void>;
}

export interface ClusterOptions {
  /** PostgreSQL's data, Temporal's configuration, the workflow bundle; relative to the repository. */
  dataDir?: string;
  /** The one port of the API (the balancer); the API processes listen on apiPorts. */
  port?: number;
  apiPorts?: [number, number];
  /** Temporal's frontend; its other services take the next ports (scripts/stack/temporal-server.ts). */
  temporalPort?: number;
  postgresPort?: number;
  /** An existing PostgreSQL instead of the embedded one (its user must be allowed to create databases). */
  databaseUrl?: string;
  /** An existing mail server instead of the catcher. */
  smtpUrl?: string;
  smtpPort?: number;
  mailWebPort?: number;
  namespace?: string;
  demoPassword?: string;
  logLevel?: string;
  /** More environment for the workers and APIs (e.g. NOTIFICATION_SCAN_SECONDS). */
  env?: Record<string, string>;
  /** Aborts a start under way: what was started is stopped and startCluster rejects. */
  signal?: AbortSignal;
  /** A role's process ended without kill(), restart() or stop() asking for it. */
  onExit?: (role: Role, info: ExitInfo) => void;
  logger: Logger;
}

export interface Cluster {
  roles: Record<Role, RoleHandle>;
  /** The balancer: what users, bots and load drivers call. */
  appUrl: string;
  /** Each API process directly, in role order (api-1, api-2). */
  apiUrls: [string, string];
  temporalAddress: string;
  namespace: string;
  databaseUrl: string;
  smtpUrl: string;
  /** The catcher's web page and JSON API (/api/messages); undefined with an external mail server. */
  mailWebUrl?: string;
  /** Stops every role in reverse start order, then the balancer. */
  stop(): Promise<void>;
}

/** What one start of a role's process gives its handle. */
interface Running {
  pid: number;
  exited: Promise<ExitInfo>;
  kill: (signal: NodeJS.Signals) => Promise<unknown>;
  stop: () => Promise<unknown>;
}

class ProcessRole implements RoleHandle {
  private current?: Running;
  private expectedExit = false;

  constructor(
    readonly role: Role,
    private readonly launch: () => Promise<Running>,
    private readonly onExit?: ClusterOptions['onExit'],
  ) {}

  get pid(): number {
    return this.current?.pid ?? -1;
  }
  get running(): boolean {
    return this.current !== undefined;
  }

  async start(): Promise<void> {
    const running = await this.launch();
    this.current = running;
    this.expectedExit = false;
    void running.exited.then((info) => {
      if (this.current !== running) return;
      this.current = undefined;
      if (!this.expectedExit) this.onExit?.(this.role, info);
    });
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const running = this.current;
    if (!running) return;
    this.expectedExit = true;
    await running.kill(signal);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const running = this.current;
    if (!running) return;
    this.expectedExit = true;
    await running.stop();
    await running.exited;
  }
}

/** A part the cluster did not start (DATABASE_URL, SMTP_URL): nothing to kill or restart. */
class ExternalRole implements RoleHandle {
  readonly pid = -1;
  readonly running = false;
  constructor(readonly role: Role) {}
  kill(): Promise<void> {
    return Promise.reject(new Error(`${this.role} runs outside the cluster; it cannot be killed from here`));
  }
  restart(): Promise<void> {
    return Promise.reject(new Error(`${this.role} runs outside the cluster; it cannot be restarted from here`));
  }
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const log = options.logger;
  const dataDir = join(ROOT, options.dataDir ?? '.data-cluster');
  const port = options.port ?? 3000;
  const apiPorts = options.apiPorts ?? [port + 1, port + 2];
  const temporalPort = options.temporalPort ?? 7233;
  const smtpPort = options.smtpPort ?? 1025;
  const mailWebPort = options.mailWebPort ?? 1080;
  const namespace = options.namespace ?? 'default';
  const logLevel = options.logLevel ?? 'info';
  const demoPassword = options.demoPassword ?? DEFAULT_DEMO_PASSWORD;

  // Fail fast on a busy port, naming it, before anything is started.
  const ports = new Map<number, string>([
    [port, 'the API balancer'],
    [apiPorts[0], 'api-1'],
    [apiPorts[1], 'api-2'],
    ...Object.entries(temporalPorts(temporalPort)).map(([name, p]): [number, string] => [p, `Temporal (${name})`]),
  ]);
  if (!options.smtpUrl) ports.set(smtpPort, 'the SMTP catcher').set(mailWebPort, 'the mail web page');
  const started: Array<{ name: string; stop: () => Promise<unknown> }> = [];
  const stop = async () => {
    for (const { name, stop: stopOne } of started.reverse()) {
      await stopOne().catch((err: unknown) => log.error({ part: name, err }, 'failed to stop'));
    }
    started.length = 0;
  };
  const roles = {} as Record<Role, RoleHandle>;
  // One supervisor per data dir; processes left by one that was killed hard are stopped first (PostgreSQL is
  // adopted instead, by scripts/stack/postgres.ts).
  const leftovers = new LeftoverRegistry(join(dataDir, 'supervisor.json'));
  const startRole = async (role: Role, launch: () => Promise<Running>) => {
    options.signal?.throwIfAborted();
    const t0 = Date.now();
    const recorded = async () => {
      const running = await launch();
      if (role !== 'postgres') leftovers.record(role, running.pid);
      return running;
    };
    const handle = new ProcessRole(role, recorded, options.onExit);
    roles[role] = handle;
    await handle.start();
    started.push({ name: role, stop: () => handle.stop() });
    log.info({ part: role, pid: handle.pid, ms: Date.now() - t0 }, 'started');
  };

  try {
    await mkdir(dataDir, { recursive: true });
    await leftovers.claim(log);
    started.push({ name: 'data dir claim', stop: () => Promise.resolve(leftovers.release()) });
    for (const [p, what] of ports) await assertPortFree(p, what, 'the cluster options');

    // Bundled once while the servers start: both workers, and every restart, load it in seconds.
    const bundlePath = join(dataDir, 'workflow-bundle.js');
    const bundled = bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: undefined }).then(
      ({ code }) => writeFile(bundlePath, code),
    );
    bundled.catch(() => undefined); // awaited below; a failure is reported there

    let databaseUrl = options.databaseUrl;
    if (databaseUrl) roles.postgres = new ExternalRole('postgres');
    else {
      const pgOptions = {
        dataDir: join(dataDir, 'postgres'),
        port: options.postgresPort ?? 54329,
        database: 'onnara',
        logger: log.child({ component: 'postgres' }),
      };
      let pg: EmbeddedPostgres | undefined;
      await startRole('postgres', async () => {
        pg = await startEmbeddedPostgres(pgOptions);
        return postgresProcess(pg);
      });
      databaseUrl = pg!.databaseUrl;
    }
    const dbUrl = databaseUrl;
    await migrateDeploy(dbUrl);

    const serverDir = await resolveTemporalServer();
    await setUpTemporalDatabases(serverDir, dbUrl, log.child({ component: 'temporal-sql-tool' }));
    const configDir = join(dataDir, 'temporal');
    await writeTemporalConfig({ configDir, databaseUrl: dbUrl, frontendPort: temporalPort, logLevel });
    let temporalAddress = '';
    await startRole('temporal', async () => {
      const server = await startTemporalServer({
        dir: serverDir,
        configDir,
        frontendPort: temporalPort,
        namespace,
        logger: log,
      });
      temporalAddress = server.address;
      return server.child;
    });

    let smtpUrl = options.smtpUrl;
    let mailWebUrl: string | undefined;
    if (smtpUrl) roles.smtp = new ExternalRole('smtp');
    else {
      smtpUrl = `smtp://${LOOPBACK}:${smtpPort}`;
      mailWebUrl = `http://${LOOPBACK}:${mailWebPort}`;
      const webUrl = mailWebUrl;
      await startRole('smtp', async () => {
        const child = spawnTsx({
          name: 'smtp',
          file: join(ROOT, 'scripts', 'stack', 'smtp-catcher.ts'),
          env: { SMTP_PORT: String(smtpPort), MAIL_WEB_PORT: String(mailWebPort), LOG_LEVEL: logLevel },
          cwd: ROOT,
          logger: log,
        });
        await untilReady(child, options.signal, () => answers(`${webUrl}/api/messages`));
        return child;
      });
    }

    const childEnv: Record<string, string> = {
      DATABASE_URL: dbUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: namespace,
      SMTP_URL: smtpUrl,
      ...(mailWebUrl ? { MAIL_WEB_URL: mailWebUrl } : {}),
      DEMO_PASSWORD: demoPassword,
      LOG_LEVEL: logLevel,
      WORKFLOW_BUNDLE_PATH: bundlePath,
      ...options.env,
    };
    await seedDemo({
      config: loadConfig({ ...process.env, ...childEnv }),
      demoPassword,
      logger: log.child({ component: 'seed' }),
    });
    await bundled;

    const taskQueue = childEnv.TEMPORAL_TASK_QUEUE ?? 'bps';
    for (const role of ['worker-1', 'worker-2'] as const) {
      await startRole(role, async () => {
        const child = spawnTsx({
          name: role,
          file: join(ROOT, 'worker', 'main.ts'),
          env: childEnv,
          cwd: ROOT,
          logger: log,
        });
        await untilReady(child, options.signal, () =>
          pollsWorkflowTasks(temporalAddress, namespace, taskQueue, child.pid),
        );
        return child;
      });
    }
    const apiUrls = apiPorts.map((p) => `http://${LOOPBACK}:${p}`) as [string, string];
    for (const [i, role] of (['api-1', 'api-2'] as const).entries()) {
      await startRole(role, async () => {
        const env = { ...childEnv, PORT: String(apiPorts[i]), HOST: LOOPBACK };
        const child = spawnTsx({ name: role, file: join(ROOT, 'api', 'main.ts'), env, cwd: ROOT, logger: log });
        await untilReady(child, options.signal, () => answers(`${apiUrls[i]}/api/health`));
        return child;
      });
    }

    const balancer: Balancer = await startBalancer({
      host: LOOPBACK,
      port,
      targets: apiPorts.map((p) => ({ host: LOOPBACK, port: p })),
      logger: log.child({ component: 'balancer' }),
    });
    started.push({ name: 'balancer', stop: () => balancer.close() });

    return {
      roles,
      appUrl: balancer.url,
      apiUrls,
      temporalAddress,
      namespace,
      databaseUrl: dbUrl,
      smtpUrl,
      mailWebUrl,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * PostgreSQL runs detached under pg_ctl (scripts/stack/postgres.ts), so it is watched by its postmaster's pid and
 * killed by signal; a restart runs pg_ctl again on the same data dir, which recovers from an immediate stop.
 */
function postgresProcess(pg: EmbeddedPostgres): Running {
  const pid = postmasterPid(pg.dataDir);
  const exited = new Promise<ExitInfo>((resolve) => {
    const timer = setInterval(() => {
      if (!isAlive(pid)) {
        clearInterval(timer);
        resolve({ code: null, signal: null });
      }
    }, 200);
  });
  return {
    pid,
    exited,
    kill: async (signal) => {
      if (isAlive(pid)) process.kill(pid, signal);
      await exited;
    },
    stop: () => pg.stop(),
  };
}

function postmasterPid(dataDir: string): number {
  return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Any HTTP answer: the process listens (its health may still report a dependency down). */
async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

/** TASK_QUEUE_TYPE_WORKFLOW of Temporal's API. */
const WORKFLOW_TASK_QUEUE = 1;

/** A worker is ready once it polls for workflow tasks; the SDK names a poller `<pid>@<host>`. */
async function pollsWorkflowTasks(address: string, namespace: string, taskQueue: string, pid: number) {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address, connectTimeout: 1_000 });
    const { pollers } = await connection.workflowService.describeTaskQueue({
      namespace,
      taskQueue: { name: taskQueue },
      taskQueueType: WORKFLOW_TASK_QUEUE,
    });
    return pollers.some((poller) => poller.identity?.startsWith(`${pid}@`));
  } catch {
    return false;
  } finally {
    await connection?.close();
  }
}

/** Waits for `ready`; a child that exits first, or never gets ready, is stopped and reported with its last output. */
async function untilReady(
  child: ChildService,
  abort: AbortSignal | undefined,
  ready: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exited: ExitInfo | undefined;
  void child.exited.then((info) => {
    exited = info;
  });
  while (!exited && !abort?.aborted && Date.now() < deadline) {
    if (await ready()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  await child.stop(2_000);
  abort?.throwIfAborted();
  const why = exited ? `exited (code ${exited.code}, signal ${exited.signal})` : `not ready in ${READY_TIMEOUT_MS} ms`;
  throw new Error(`${child.name} ${why}:\n${child.tail().slice(-15).join('\n')}`);
}
