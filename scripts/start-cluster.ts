// `npm run start:cluster`: the cluster mode (scripts/cluster.ts) until Ctrl-C, which stops every part in reverse
// order. State lives in DATA_DIR (.data-cluster): a second start reuses the database and Temporal's schemas.
//
// Environment (all optional): PORT (3000; the API processes take the next two ports), TEMPORAL_PORT (7233; the
// other Temporal services take the next ports), POSTGRES_PORT (54329), DATABASE_URL (an existing PostgreSQL),
// SMTP_URL (an existing mail server; else a catcher on SMTP_PORT 1025, web page on MAIL_WEB_PORT 1080),
// TEMPORAL_NAMESPACE (default), DEMO_PASSWORD (onnara-demo), LOG_LEVEL (info), DATA_DIR (.data-cluster).
import { z } from 'zod';
import { createLogger } from '../platform/logger';
import { startCluster, type Cluster } from './cluster';
import { DEFAULT_DEMO_PASSWORD, demoUsers } from './demo-org';

const port = z.coerce.number().int().min(1).max(65535);
const envSchema = z.object({
  PORT: port.default(3000),
  TEMPORAL_PORT: port.default(7233),
  POSTGRES_PORT: port.default(54329),
  DATABASE_URL: z.string().url().optional(),
  SMTP_URL: z.string().optional(),
  SMTP_PORT: port.default(1025),
  MAIL_WEB_PORT: port.default(1080),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  DEMO_PASSWORD: z.string().min(1).default(DEFAULT_DEMO_PASSWORD),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().default('.data-cluster'),
});

async function main(): Promise<void> {
  const env = envSchema.parse(process.env);
  const log = createLogger('start-cluster', env.LOG_LEVEL);
  const t0 = Date.now();
  const abort = new AbortController();
  let stopping = false;
  // A signal during start-up aborts it (the start stops what it started), after it: stops the running cluster.
  const stopAndExit = (reason: string, code: number): void => {
    if (stopping) return; // `npm run` relays the terminal's Ctrl-C that we received too
    stopping = true;
    log.info({ reason }, 'stopping the cluster');
    abort.abort(new Error(`stopped by ${reason}`));
    void starting
      .then((cluster) => cluster.stop())
      .catch(() => undefined)
      .then(() => {
        log.info('all stopped');
        process.exit(code);
      });
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stopAndExit(signal, 0));

  const starting = startCluster({
    dataDir: env.DATA_DIR,
    port: env.PORT,
    temporalPort: env.TEMPORAL_PORT,
    postgresPort: env.POSTGRES_PORT,
    databaseUrl: env.DATABASE_URL,
    smtpUrl: env.SMTP_URL,
    smtpPort: env.SMTP_PORT,
    mailWebPort: env.MAIL_WEB_PORT,
    namespace: env.TEMPORAL_NAMESPACE,
    demoPassword: env.DEMO_PASSWORD,
    logLevel: env.LOG_LEVEL,
    logger: log,
    signal: abort.signal,
    // Like `npm start`: a part that dies on its own takes the cluster down rather than leave it half working.
    onExit: (role, info) => {
      log.error({ role, ...info }, 'exited unexpectedly');
      stopAndExit(`${role} exited`, 1);
    },
  });
  const cluster = await starting.catch((err: unknown) => {
    if (stopping) return undefined; // aborted: stopAndExit ends the process
    throw err;
  });
  if (cluster && !stopping) process.stdout.write(banner(cluster, env.DEMO_PASSWORD, Date.now() - t0));
}

function banner(cluster: Cluster, password: string, ms: number): string {
  const pids = Object.values(cluster.roles)
    .map((r) => `${r.role} ${r.pid === -1 ? '(external)' : r.pid}`)
    .join(', ');
  const users = demoUsers.map((u) => `    ${u.username.padEnd(10)} / ${password}   ${u.displayName}`).join('\n');
  return `
  On-Nara BPS cluster mode is up (${(ms / 1000).toFixed(0)} s).

    App          ${cluster.appUrl}  (balancing ${cluster.apiUrls.join(', ')})
    Temporal     ${cluster.temporalAddress}  (namespace ${cluster.namespace}, on PostgreSQL)
    Mail         ${cluster.mailWebUrl ?? '(external SMTP server)'}
    Processes    ${pids}

  Demo logins (user / password):
${users}

  Benchmark on this Temporal: npm run bench -- --temporal-address ${cluster.temporalAddress} --storage postgres
  Ctrl-C stops everything.

`;
}

main().catch((err: unknown) => {
  console.error(err instanceof z.ZodError ? `invalid environment:\n${z.prettifyError(err)}` : err);
  process.exit(1);
});
