/**
 * `npm run load`: the API under a steady mixed load, then a 3x burst, then its recovery (docs/reliability.md, "Load
 * and fuzzing"). The stack is the bench's (bench/stack.ts: PostgreSQL, Temporal dev server, SMTP catcher, worker)
 * plus the real API process (api/main.ts) with its default limits, driven over HTTP. Options:
 *   --quick          about 3 minutes: 10 s warm-up, 45 s steady, 20 s burst, 65 s recovery (then 20 s idle)
 *   --rate <n>       steady requests per second (default 20); the burst is three times as many
 *   --steady <s>     seconds at the steady rate (default 600, quick 45)
 * Prints latency per operation and phase, the backlog and the API's RSS over time, then each check and last the line
 * `load: N passed, M failed`; exits 1 when a check failed. Every process it starts is stopped on exit or Ctrl-C.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Client as PgClient } from 'pg';
import { createLogger } from '../platform/logger';
import { startApiStack } from './api-stack';
import { checks, figures, mib, OPERATIONS, type Outcome, type Phase, type RssSample } from './load-checks';
import { LoadTraffic, type Callers } from './load-traffic';

const PASSWORD = 'load-password';
const CLERKS = ['clerk1', 'clerk3', 'lead1'];
const ANALYST = 'analyst1';
const BURST_FACTOR = 3;
const SAMPLE_MS = 5000;
/** Idle seconds after the last answer before the final RSS sample: memory is judged with nothing in flight. */
const QUIET_S = 20;

const { values: args } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, rate: { type: 'string' }, steady: { type: 'string' } },
});
const quick = args.quick ?? false;
const rate = Number(args.rate ?? 20);
const seconds = {
  warmup: quick ? 10 : 30,
  steady: Number(args.steady ?? (quick ? 45 : 600)),
  burst: quick ? 20 : 60,
  recovery: quick ? 65 : 90,
};

interface BacklogSample {
  at: number;
  phase: Phase;
  openTasks: number;
  activeInstances: number;
}

async function main(): Promise<number> {
  console.log(
    `load: ${rate} req/s for ${seconds.steady} s, then ${rate * BURST_FACTOR} req/s for ${seconds.burst} s, ` +
      `then ${rate} req/s for ${seconds.recovery} s. Starting the stack...`,
  );
  const stack = await startApiStack(createLogger('load', 'warn'), PASSWORD);
  try {
    const clerks = await Promise.all(
      CLERKS.map(async (username) => ({ username, token: await stack.token(username) })),
    );
    const callers: Callers = { clerks, analyst: await stack.token(ANALYST) };
    return await drive(stack.baseUrl, callers, stack.databaseUrl, stack.apiPid);
  } finally {
    await stack.stop();
  }
}

async function drive(baseUrl: string, callers: Callers, databaseUrl: string, apiPid: number): Promise<number> {
  const traffic = new LoadTraffic(baseUrl, callers, performance.now());
  const db = new PgClient({ connectionString: databaseUrl });
  await db.connect();
  const rss: RssSample[] = [];
  const backlog: BacklogSample[] = [];
  let phase: Phase = 'warmup';
  const sample = async () => {
    const at = traffic.now();
    rss.push({ at, phase, bytes: rssBytes(apiPid) });
    const { rows } = await db.query<{ open: string; active: string }>(
      `SELECT (SELECT count(*) FROM "UserTask" WHERE state = 'CREATED') AS open,
              (SELECT count(*) FROM "ProcessInstance" WHERE state = 'ACTIVE') AS active`,
    );
    backlog.push({ at, phase, openTasks: Number(rows[0]!.open), activeInstances: Number(rows[0]!.active) });
  };
  const sampler = setInterval(() => void sample().catch(() => undefined), SAMPLE_MS);
  const run = async (next: Phase, perSecond: number, durationS: number) => {
    phase = next;
    traffic.set(next, perSecond);
    console.log(`[${(traffic.now() / 1000).toFixed(0)} s] ${next}: ${perSecond} req/s for ${durationS} s`);
    await new Promise((r) => setTimeout(r, durationS * 1000));
  };
  let burstEndsAt: number;
  try {
    await run('warmup', rate, seconds.warmup);
    await run('steady', rate, seconds.steady);
    await run('burst', rate * BURST_FACTOR, seconds.burst);
    burstEndsAt = traffic.now();
    await run('recovery', rate, seconds.recovery);
    await traffic.stop();
    phase = 'quiet';
    await new Promise((r) => setTimeout(r, QUIET_S * 1000));
    await sample();
  } finally {
    clearInterval(sampler);
    await db.end();
  }
  report(traffic.outcomes, rss, backlog);
  const results = checks(traffic.outcomes, rss, burstEndsAt);
  for (const check of results) console.log(`${check.passed ? 'PASS' : 'FAIL'} ${check.name}: ${check.detail}`);
  const failed = results.filter((c) => !c.passed).length;
  console.log(`load: ${results.length - failed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

function report(outcomes: Outcome[], rss: RssSample[], backlog: BacklogSample[]): void {
  console.log(
    '\nLatency of answered requests (ms), per operation and phase: count p50 p99 | refused 429/503 | failures',
  );
  for (const phase of ['steady', 'burst', 'recovery'] as const) {
    for (const op of OPERATIONS) {
      const f = figures(outcomes.filter((o) => o.phase === phase && o.op === op));
      if (f.count === 0) continue;
      console.log(
        `  ${phase.padEnd(8)} ${op.padEnd(8)} ${String(f.count).padStart(6)} ${f.p50.toFixed(0).padStart(6)} ` +
          `${f.p99.toFixed(0).padStart(6)} | ${f.shed} | ${f.failures}`,
      );
    }
  }
  console.log('\nOver time (s): API RSS, open tasks, active instances');
  const step = Math.ceil(backlog.length / 30); // about 30 lines, however long the run
  for (const b of backlog.filter((_, i) => i % step === 0 || i === backlog.length - 1)) {
    const memory = rss.find((s) => s.at === b.at);
    console.log(
      `  ${(b.at / 1000).toFixed(0).padStart(5)} ${b.phase.padEnd(8)} ${memory ? mib(memory.bytes) : '?'} ` +
        `${b.openTasks} ${b.activeInstances}`,
    );
  }
  console.log('');
}

/** Resident memory of the API process (VmRSS), 0 once it has gone. */
function rssBytes(pid: number): number {
  try {
    const kib = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Number(kib ?? 0) * 1024;
  } catch {
    return 0;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log('load: 0 passed, 1 failed');
    process.exit(1);
  },
);
