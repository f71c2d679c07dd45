// `npm start`: the whole stack on one machine with embedded defaults, stopped in reverse order on Ctrl-C/SIGTERM.
// State lives in DATA_DIR (.data): a second `npm start` finds the same database and the same running workflows.
//
// Environment (all optional):
//   TEMPORAL_ADDRESS  use this Temporal server; else a dev server on TEMPORAL_PORT (7233), UI on TEMPORAL_UI_PORT
//                     (8233), persisted to DATA_DIR/temporal.db. TEMPORAL_CLI: its binary (else found or built).
//   TEMPORAL_NAMESPACE (default) created on the dev server when not `default`; TEMPORAL_UI_URL for an external server.
//   DATABASE_URL      use this PostgreSQL; else embedded PostgreSQL 18 in DATA_DIR/postgres on POSTGRES_PORT (54329)
//                     (as root maybe a link to a place outside the clone; see scripts/stack/postgres-placement.ts).
//   SMTP_URL          use this SMTP server; else a mail catcher on SMTP_PORT (1025), web page on MAIL_WEB_PORT (1080).
//                     MAIL_WEB_URL: a web page for the external mail server's mail, if any.
//   PORT (3000)       the API and web app. DEMO_PASSWORD (onnara-demo): password of the demo users.
//   LOG_LEVEL (info), DATA_DIR (.data, relative to the repository).
import { mkdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { loadConfig } from '../platform/config';
import { createLogger, type Logger } from '../platform/logger';
import { migrateDeploy } from '../prisma/migrate';
import { DEFAULT_DEMO_PASSWORD, demoUsers } from './demo-org';
import { seedDemo } from './seed';
import { LeftoverRegistry } from './stack/leftovers';
import { assertPortFree, LOOPBACK } from './stack/ports';
import { startEmbeddedPostgres } from './stack/postgres';
import { reachableDataDir } from './stack/postgres-placement';
import { spawnTsx, type ExitInfo } from './stack/processes';
import { startSmtpCatcher } from './stack/smtp-catcher';
import { resolveTemporalCli, startTemporalDevServer } from './stack/temporal';

const ROOT = resolve(__dirname, '..');
const HEALTH_TIMEOUT_MS = 90_000;

const port = z.coerce.number().int().min(1).max(65535);
const envSchema = z.object({
  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_UI_URL: z.string().url().optional(),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  DATABASE_URL: z.string().optional(),
  POSTGRES_PORT: port.default(54329),
  SMTP_URL: z.string().optional(),
  MAIL_WEB_URL: z.string().url().optional(),
  SMTP_PORT: port.default(1025),
  MAIL_WEB_PORT: port.default(1080),
  PORT: port.default(3000),
  DEMO_PASSWORD: z.string().min(1).default(DEFAULT_DEMO_PASSWORD),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().default('.data'),
});
type Env = z.infer<typeof envSchema>;
type Watch = (child: { exited: Promise<ExitInfo>; tail?: () => string[] }, name: string) => void;

/** Remembers what was started and stops it in reverse order, exactly once, also when a signal lands mid-start. */
class Supervisor {
  private readonly started: { name: string; stop: () => Promise<void> }[] = [];
  private inFlight: Promise<unknown> = Promise.resolve();
  private stopped?: Promise<void>;
  constructor(private readonly log: Logger) {}

  get stopping(): boolean {
    return this.stopped !== undefined;
  }

  /** Runs one start-up step; its stop is registered before anyone can observe the step as finished. */
  async step<T>(name: string, start: () => Promise<T>, stopOf?: (value: T) => Promise<void>): Promise<T> {
    if (this.stopping) throw new Error('stopping');
    const t0 = Date.now();
    const run = start().then((value) => {
      if (stopOf) this.started.push({ name, stop: () => stopOf(value) });
      return value;
    });
    this.inFlight = run.catch(() => undefined);
    const value = await run;
    this.log.info({ part: name, ms: Date.now() - t0 }, 'started');
    if (this.stopping) throw new Error('stopping');
    return value;
  }

  shutdown(reason: string): Promise<void> {
    this.stopped ??= (async () => {
      this.log.info({ reason }, 'stopping the stack');
      await this.inFlight; // a step under way finishes (and registers its stop) first
      for (const { name, stop } of this.started.reverse()) {
        const t0 = Date.now();
        try {
          await stop();
          this.log.info({ part: name, ms: Date.now() - t0 }, 'stopped');
        } catch (err) {
          this.log.error({ part: name, err }, 'failed to stop');
        }
      }
    })();
    return this.stopped;
  }
}

async function main(): Promise<void> {
  const env = envSchema.parse(process.env);
  const log = createLogger('start', env.LOG_LEVEL);
  const sup = new Supervisor(log);
  let exitCode = 0;
  let stoppingSince = 0;
  const stopAndExit = (reason: string, code: number): void => {
    // `npm start` relays a terminal Ctrl-C that we also received directly: only a later one deserves an answer.
    if (sup.stopping) {
      if (Date.now() - stoppingSince > 1_000) log.warn({ reason }, 'already stopping, please wait');
      return;
    }
    stoppingSince = Date.now();
    exitCode = code;
    void sup.shutdown(reason).then(() => {
      log.info('all stopped');
      process.exit(exitCode);
    });
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stopAndExit(signal, 0));
  process.on('uncaughtException', (err) => {
    log.fatal({ err }, 'uncaught exception');
    stopAndExit('uncaught exception', 1);
  });
  process.on('unhandledRejection', (err) => {
    log.fatal({ err }, 'unhandled rejection');
    stopAndExit('unhandled rejection', 1);
  });
  // A child that dies on its own takes the stack down with it, rather than leaving a half-working app.
  const watch: Watch = (child, name) => {
    void child.exited.then((info) => {
      if (sup.stopping) return;
      log.error({ part: name, ...info, lastOutput: child.tail?.().slice(-10) }, 'exited unexpectedly');
      stopAndExit(`${name} exited`, 1);
    });
  };

  try {
    await up(env, sup, log, watch);
  } catch (err) {
    if (sup.stopping) return; // a signal interrupted start-up; the shutdown in progress ends the process
    log.fatal({ err }, 'start-up failed');
    stopAndExit('start-up failed', 1);
  }
}

async function up(env: Env, sup: Supervisor, log: Logger, watch: Watch): Promise<void> {
  const dataDir = resolve(ROOT, env.DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  // One supervisor per data dir; children left by one that was killed hard are stopped. Registered first, so
  // released last, once every child is stopped.
  const leftovers = await sup.step(
    'data dir claim',
    async () => {
      const registry = new LeftoverRegistry(join(dataDir, 'supervisor.json'));
      await registry.claim(log);
      return registry;
    },
    (registry) => Promise.resolve(registry.release()),
  );
  // Fail fast on a busy port (e.g. a second npm start) before anything is started.
  await assertPortFree(env.PORT, 'the API', 'PORT');
  if (!env.TEMPORAL_ADDRESS) {
    await assertPortFree(env.TEMPORAL_PORT, 'Temporal', 'TEMPORAL_PORT');
    await assertPortFree(env.TEMPORAL_UI_PORT, 'the Temporal UI', 'TEMPORAL_UI_PORT');
  }
  if (!env.SMTP_URL) {
    await assertPortFree(env.SMTP_PORT, 'the SMTP catcher', 'SMTP_PORT');
    await assertPortFree(env.MAIL_WEB_PORT, 'the mail web page', 'MAIL_WEB_PORT');
  }

  let temporalAddress = env.TEMPORAL_ADDRESS;
  let temporalUiUrl = env.TEMPORAL_UI_URL;
  if (!temporalAddress) {
    const cliPath = await sup.step('temporal cli', resolveTemporalCli);
    const temporal = await sup.step(
      'temporal',
      () =>
        startTemporalDevServer({
          cliPath,
          port: env.TEMPORAL_PORT,
          uiPort: env.TEMPORAL_UI_PORT,
          dbFile: join(dataDir, 'temporal.db'),
          namespaces: [env.TEMPORAL_NAMESPACE],
          logger: log.child({ component: 'temporal' }),
        }),
      (t) => t.stop(),
    );
    leftovers.record('temporal', temporal.pid);
    watch(temporal, 'temporal');
    temporalAddress = temporal.address;
    temporalUiUrl = temporal.uiUrl ?? undefined;
  }

  let databaseUrl = env.DATABASE_URL;
  let database = 'DATABASE_URL';
  if (!databaseUrl) {
    const pgLog = log.child({ component: 'postgres' });
    const pg = await sup.step(
      'postgres',
      async () =>
        startEmbeddedPostgres({
          dataDir: await reachableDataDir(join(dataDir, 'postgres'), pgLog),
          port: env.POSTGRES_PORT,
          database: 'onnara',
          logger: pgLog,
        }),
      (p) => p.stop(),
    );
    databaseUrl = pg.databaseUrl;
    const inClone = relative(ROOT, pg.dataDir);
    database = `${LOOPBACK}:${pg.port}, data in ${inClone.startsWith('..') ? pg.dataDir : inClone}`;
  }
  const dbUrl = databaseUrl;
  await sup.step('migrate', () => migrateDeploy(dbUrl));

  let smtpUrl = env.SMTP_URL;
  let mailWebUrl = env.MAIL_WEB_URL;
  if (!smtpUrl) {
    const catcher = await sup.step(
      'smtp catcher',
      () =>
        startSmtpCatcher({
          smtpPort: env.SMTP_PORT,
          webPort: env.MAIL_WEB_PORT,
          logger: log.child({ component: 'smtp-catcher' }),
        }),
      (c) => c.stop(),
    );
    smtpUrl = catcher.smtpUrl;
    mailWebUrl = catcher.webUrl;
  }

  const childEnv: NodeJS.ProcessEnv = {
    DATABASE_URL: dbUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: env.TEMPORAL_NAMESPACE,
    SMTP_URL: smtpUrl,
    PORT: String(env.PORT),
    MAIL_WEB_URL: mailWebUrl,
    TEMPORAL_UI_URL: temporalUiUrl,
    DEMO_PASSWORD: env.DEMO_PASSWORD,
    LOG_LEVEL: env.LOG_LEVEL,
  };
  // Seeded with the configuration the worker and the API will read (their variables over this process's own).
  await sup.step('seed', () =>
    seedDemo({
      config: loadConfig({ ...process.env, ...childEnv }),
      demoPassword: env.DEMO_PASSWORD,
      logger: log.child({ component: 'seed' }),
    }),
  );
  for (const name of ['worker', 'api'] as const) {
    const child = await sup.step(
      name,
      () =>
        Promise.resolve(spawnTsx({ name, file: join(ROOT, name, 'main.ts'), env: childEnv, cwd: ROOT, logger: log })),
      async (c) => {
        await c.stop(10_000);
      },
    );
    leftovers.record(name, child.pid);
    watch(child, name);
  }

  const appUrl = `http://${LOOPBACK}:${env.PORT}`;
  await sup.step('api health', () => waitForHealth(`${appUrl}/api/health`, HEALTH_TIMEOUT_MS, () => sup.stopping));
  process.stdout.write(banner(appUrl, temporalUiUrl, mailWebUrl, database, env.DEMO_PASSWORD));
}

async function waitForHealth(url: string, timeoutMs: number, cancelled: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline && !cancelled()) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status}: ${(await res.text()).slice(0, 500)}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms (last: ${last})`);
}

function banner(
  appUrl: string,
  temporalUiUrl: string | undefined,
  mailWebUrl: string | undefined,
  database: string,
  password: string,
): string {
  const users = demoUsers.map((u) => `    ${u.username.padEnd(10)} / ${password}   ${u.displayName}`).join('\n');
  return `
  On-Nara BPS is up.

    App          ${appUrl}
    Temporal UI  ${temporalUiUrl ?? '(not available)'}
    Mail         ${mailWebUrl ?? '(external SMTP server)'}
    PostgreSQL   ${database}

  Demo logins (user / password):
${users}

  Ctrl-C stops everything.

`;
}

main().catch((err: unknown) => {
  // Only a bad environment gets here (before the logger exists): say which variable.
  console.error(err instanceof z.ZodError ? `invalid environment:\n${z.prettifyError(err)}` : err);
  process.exit(1);
});
