/**
 * `npm run chaos [-- --quick]`: demo-approval instances driven by bots through two APIs while workers, the Temporal
 * server, PostgreSQL and the APIs are killed at random moments; then the drain and the invariants (docs/reliability.md
 * "Chaos"). Loopback only, bounded in time, and every process it started is stopped on the way out, whatever happens.
 * Ends with `invariants: N passed, M failed` (exit 1 when M > 0). The ledger is saved in .data/chaos/ledger.json.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Client as PgClient } from 'pg';
import { createLogger } from '../../platform/logger';
import { ApiClient, pause, runBots } from './bots';
import { startChaosCluster, type ChaosCluster } from './cluster';
import { FaultBoard, injectFaults, type FaultPlan } from './faults';
import { checkInvariants } from './invariants';
import { Ledger } from './ledger';
import { startMailCounter, type MailCounter } from './mail-counter';
import { ReconcilerPasses } from './reconciler-passes';

interface Profile {
  instances: number;
  plan: FaultPlan;
  /** Faults land within this long after the bots start. */
  faultWindowMs: number;
  /** The whole run, start-up to verdict. */
  deadlineMs: number;
}

const PROFILES: Record<'full' | 'quick', Profile> = {
  full: {
    instances: 1_000,
    plan: { workerKills: 20, temporalKills: 5, postgresStops: 5, apiKills: 5 },
    faultWindowMs: 12 * 60_000,
    deadlineMs: 25 * 60_000,
  },
  quick: {
    instances: 100,
    plan: { workerKills: 5, temporalKills: 2, postgresStops: 2, apiKills: 2 },
    faultWindowMs: 60_000,
    deadlineMs: 290_000,
  },
};
/** Kept for the checks and the shutdown after the bots' deadline. */
const VERDICT_RESERVE_MS = 45_000;
const ROOT = resolve(__dirname, '..', '..');
/** Loopback ports: the balancer, then the two APIs, PostgreSQL and the mail counter; Temporal's from its own base. */
const ports = {
  app: Number(process.env.CHAOS_PORT ?? 4500),
  temporal: Number(process.env.CHAOS_TEMPORAL_PORT ?? 7800),
};

const log = createLogger('chaos', process.env.CHAOS_LOG_LEVEL ?? 'fatal');
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const profile = PROFILES[process.argv.includes('--quick') ? 'quick' : 'full'];
  const t0 = Date.now();
  const deadline = t0 + profile.deadlineMs;
  // A backstop only: the bots stop in time for the verdict; this ends a run that hangs anyway.
  setTimeout(() => void finish(1, 'the run passed its deadline'), profile.deadlineMs + 30_000).unref();
  const outDir = join(ROOT, '.data', 'chaos');
  await mkdir(outDir, { recursive: true });
  const ledger = new Ledger(join(outDir, 'ledger.json'));
  const board = new FaultBoard();

  const mail = await startMailCounter(ports.app + 4);
  onExit(mail);
  const cluster = await startChaosCluster({ smtpUrl: mail.url, ports, logger: log });
  onExit(mail, cluster);
  say(`cluster up in ${seconds(Date.now() - t0)}: ${cluster.appUrl} in front of ${cluster.apiUrls.join(', ')}`);

  const reconciler = new ReconcilerPasses(cluster, log);
  reconciler.start();
  const botsDeadline = deadline - VERDICT_RESERVE_MS;
  const drain = new DrainWatch(cluster.databaseUrl, profile.instances, ledger);
  const progress = setInterval(() => {
    say(
      `  ${seconds(Date.now() - t0)}: ${ledger.starts.size} started, ${ledger.completions.size} completed, ` +
        `${drain.ended} ended, ${board.injected.length} faults done${board.active().length ? `, down: ${board.active().join(' ')}` : ''}`,
    );
  }, 10_000);
  const api = new ApiClient([cluster.appUrl], ledger, () => board.active());
  const faultWindowMs = Math.min(profile.faultWindowMs, botsDeadline - Date.now() - 60_000);
  const faults = injectFaults({
    cluster,
    mail,
    plan: profile.plan,
    windowMs: faultWindowMs,
    board,
    stopped: () => Date.now() > botsDeadline,
  });
  const watching = drain.watch(botsDeadline);
  await runBots({
    api,
    ledger,
    password: cluster.demoPassword,
    instances: profile.instances,
    paceMs: faultWindowMs / profile.instances,
    starters: 4,
    workers: 4,
    deadline: botsDeadline,
    finished: () => drain.finished,
  });
  await faults;
  await watching;
  clearInterval(progress);
  say(`bots done in ${seconds(Date.now() - t0)}; ${board.injected.length} faults injected:`);
  for (const [kind, count] of Object.entries(countKinds(board))) say(`  ${kind}: ${count}`);
  await reconciler.finish();
  const repairs = Object.entries(countBy(reconciler.repairs.map((repair) => repair.kind)));
  say(
    `reconciler: ${reconciler.passes} passes (${reconciler.failedPasses} failed while a dependency was down), ` +
      `repairs: ${repairs.map(([kind, count]) => `${kind}×${count}`).join(' ') || 'none'}`,
  );
  for (const repair of reconciler.repairs) say(`  ${repair.kind} ${repair.instanceId}: ${repair.reason}`);

  const invariants = await checkInvariants({
    databaseUrl: cluster.databaseUrl,
    temporalAddress: cluster.temporalAddress,
    namespace: cluster.namespace,
    ledger,
    mail: mail.delivered(),
    instancesWanted: profile.instances,
    drainedInTime: drain.finished,
  });
  for (const invariant of invariants)
    say(`${invariant.passed ? 'PASS' : 'FAIL'}  ${invariant.name}: ${invariant.detail}`);
  await ledger.save({
    faults: board.injected,
    repairs: reconciler.repairs,
    invariants,
    seconds: (Date.now() - t0) / 1000,
  });
  const failed = invariants.filter((invariant) => !invariant.passed).length;
  say(`invariants: ${invariants.length - failed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

/** Polls the database (when it is up) for instances still open; finished once every wanted start has ended. */
class DrainWatch {
  ended = 0;
  finished = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly wanted: number,
    private readonly ledger: Ledger,
  ) {}

  async watch(until: number): Promise<void> {
    while (!this.finished && Date.now() < until) {
      await pause(2_000);
      const counts = await this.count().catch(() => undefined);
      if (!counts) continue;
      this.ended = counts.ended;
      this.finished = this.ledger.starts.size >= this.wanted && counts.open === 0;
    }
  }

  private async count(): Promise<{ open: number; ended: number }> {
    const client = new PgClient({ connectionString: this.databaseUrl, connectionTimeoutMillis: 2_000 });
    client.on('error', () => undefined);
    await client.connect();
    try {
      const { rows } = await client.query<{ open: number; ended: number }>(
        `SELECT count(*) FILTER (WHERE state IN ('ACTIVE', 'INCIDENT'))::int AS open,
                count(*) FILTER (WHERE state NOT IN ('ACTIVE', 'INCIDENT'))::int AS ended
           FROM "ProcessInstance" WHERE "bpmnProcessId" = 'demo-approval'`,
      );
      return rows[0] ?? { open: 0, ended: 0 };
    } finally {
      await client.end();
    }
  }
}

let cleanup: (() => Promise<void>) | undefined;

/** Whatever ends the run (its end, a signal, a crash), what it started stops first: the cluster, the mail counter. */
function onExit(mail: MailCounter, cluster?: ChaosCluster): void {
  let stopping: Promise<void> | undefined;
  cleanup = () => (stopping ??= (cluster?.stop() ?? Promise.resolve()).then(() => mail.stop()));
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => void finish(1, `stopped by ${signal}`));
}

async function finish(code: number, why?: string): Promise<void> {
  if (why) say(why);
  await cleanup?.().catch((error: unknown) => say(`could not stop everything: ${String(error)}`));
  process.exit(code);
}

function countKinds(board: FaultBoard): Record<string, string> {
  const counts: Record<string, string> = {};
  for (const fault of board.injected) {
    const inSend = board.injected.filter((f) => f.kind === fault.kind && f.duringEmailSend).length;
    const all = board.injected.filter((f) => f.kind === fault.kind);
    const longest = Math.max(...all.map((f) => f.downMs));
    counts[fault.kind] =
      `${all.length}${inSend ? ` (${inSend} during an email send)` : ''}, longest outage ${seconds(longest)}`;
  }
  return counts;
}

function countBy(keys: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

main().then(
  (code) => finish(code),
  (error: unknown) =>
    finish(1, `chaos run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
);
