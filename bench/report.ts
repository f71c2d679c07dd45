/** The console output (each run, the summary, the headline last) and docs/benchmarks.md with its plot. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { arms, type ArmKey } from './arms';
import { dashboardsSection } from './dashboards-section';
import type { QuietRun } from './driver';
import type { Environment } from './environment';
import type { HistoryStats, Percentiles, RunResult } from './metrics';
import { throughputSvg } from './plot';
import type { QueueBenchResult } from './queue-bench';

export interface BenchReport {
  env: Environment;
  options: {
    quick: boolean;
    seconds: number;
    levels: number[];
    headline: number;
    runs: number;
    runsAt: (level: number) => number;
    serverMode: 'memory' | 'sqlite';
    pollMs: number;
  };
  workerOptions: Record<string, unknown>;
  pgFsync: boolean;
  results: Record<ArmKey, Array<{ concurrency: number; runs: RunResult[]; median: RunResult }>>;
  /** Histories of instances that ran under load (medians of a sample). */
  history: Record<ArmKey, HistoryStats>;
  /** One instance per arm driven a step at a time: the exact history length. */
  quiet: Record<ArmKey, QuietRun>;
  /** Workflow-code CPU per instance: the step-by-step histories replayed `copies` times in the bench process. */
  replay: { copies: number; rounds: number; cpuMs: Record<ArmKey, number> };
  queue?: QueueBenchResult;
  seconds: number;
  /** Seconds spent starting the stack, measuring the arms, on the history checks and on the work queue. */
  phases: { setup: number; runs: number; histories: number; queue: number };
}

const DOCS = join(__dirname, '..', 'docs');
const KEYS: ArmKey[] = ['A', 'B', 'C'];
const COLORS: Record<ArmKey, string> = { A: '#1f77b4', B: '#d62728', C: '#7f7f7f' };
const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '–' : v < 10 ? v.toFixed(1) : v.toFixed(0));
const pct = (p: Percentiles | undefined) => (p ? `${ms(p.p50)} / ${ms(p.p95)} / ${ms(p.p99)}` : '–');
const num = (v: number, digits = 1) => v.toFixed(digits);

function phases(r: BenchReport): string {
  const p = r.phases;
  return `whole run ${num(r.seconds, 0)} s (start-up ${num(p.setup, 0)} s, arms ${num(p.runs, 0)} s, history checks ${num(p.histories, 0)} s, work queue ${num(p.queue, 0)} s; then shut-down)`;
}

function serverMode(r: BenchReport): string {
  return r.options.serverMode === 'memory' ? 'Temporal dev server, in memory' : 'Temporal dev server, SQLite file';
}

function headline(r: BenchReport) {
  const at = (key: ArmKey) => r.results[key].find((x) => x.concurrency === r.options.headline)?.median as RunResult;
  const [a, b] = [at('A'), at('B')];
  const others = Math.max(...KEYS.flatMap((key) => r.results[key].map((x) => x.median.machine.othersCores)));
  return {
    a,
    b,
    R: a.perSecond / b.perSecond,
    /** B's CPU per instance ÷ A's: the throughput ratio two CPU-bound arms would reach alone on the machine. */
    cpuR: b.cpuMs.total / a.cpuMs.total,
    others,
    events: { a: r.quiet.A.events, b: r.quiet.B.events, ratio: r.quiet.A.events / r.quiet.B.events },
    bytes: { a: r.quiet.A.bytes, b: r.quiet.B.bytes, ratio: r.quiet.A.bytes / r.quiet.B.bytes },
  };
}

export function printRun(run: number, level: number, key: ArmKey, r: RunResult): void {
  console.log(
    `run ${run}  ${String(level).padStart(3)} in flight  ${key}  ${num(r.perSecond).padStart(5)}/s  ` +
      `visible p50 ${ms(r.startToVisible?.p50)}  complete→next p50 ${ms(r.completeToNext?.p50)}  ` +
      `end-to-end p50 ${ms(r.endToEnd.p50)} p99 ${ms(r.endToEnd.p99)} ms  CPU ms/inst ${num(r.cpuMs.total)} ` +
      `(T ${num(r.cpuMs.temporal)} W ${num(r.cpuMs.worker)} API ${num(r.cpuMs.api)} PG ${num(r.cpuMs.postgres)} SMTP ${num(r.cpuMs.smtp)})  ` +
      `${num(r.pg.total)} stmts/inst  others ${num(r.machine.othersCores, 2)} cores${r.errors ? `  ${r.errors} errors` : ''}`,
  );
}

export function printSummary(r: BenchReport): void {
  const h = headline(r);
  const line = (cells: string[]) => console.log(cells.join('  '));
  console.log(
    `\n== Summary: medians of up to ${r.options.runs} runs of ${r.options.seconds} s (${serverMode(r)}; PostgreSQL fsync ${r.pgFsync ? 'on' : 'off'}) ==`,
  );
  line([
    'arm',
    'in flight',
    'inst/s',
    'start→visible p50/95/99 ms',
    'complete→next p50/95/99 ms',
    'end-to-end p50/95/99 ms',
    'CPU ms/inst temporal+worker+api+pg+smtp = total',
    'PG stmts/inst worker+api+bot = total',
    'other load, cores',
  ]);
  for (const key of KEYS) {
    for (const { concurrency, median: m } of r.results[key]) {
      line([
        key,
        String(concurrency),
        num(m.perSecond),
        pct(m.startToVisible),
        pct(m.completeToNext),
        pct(m.endToEnd),
        `${num(m.cpuMs.temporal)}+${num(m.cpuMs.worker)}+${num(m.cpuMs.api)}+${num(m.cpuMs.postgres)}+${num(m.cpuMs.smtp)} = ${num(m.cpuMs.total)}`,
        `${num(m.pg.worker)}+${num(m.pg.api)}+${num(m.pg.botPolls)} = ${num(m.pg.total)}`,
        num(m.machine.othersCores, 2),
      ]);
    }
  }
  const rp = r.replay.cpuMs;
  console.log(
    `workflow code CPU per instance (history replayed ${r.replay.copies} times, median of ${r.replay.rounds}): A ${num(rp.A)} ms, B ${num(rp.B)} ms, C ${num(rp.C)} ms`,
  );
  for (const key of KEYS) {
    console.log(
      `history ${key}: ${r.quiet[key].events} events, ${r.quiet[key].bytes} bytes (one instance, step by step); ` +
        `under load ${r.history[key].events} events, ${r.history[key].bytes} bytes (median of ${r.history[key].sampled})`,
    );
  }
  const q = r.queue;
  if (q) {
    console.log(
      `work queue (${q.open.toLocaleString('en')} open / ${q.closed.toLocaleString('en')} closed, ${q.iterations} calls each): ` +
        `my queue p50 ${ms(q.myQueue.p50)} p99 ${ms(q.myQueue.p99)} ms (API CPU ${ms(q.myQueue.apiCpuMs)}, PostgreSQL ${ms(q.myQueue.dbMs)} ms per call); claim p50 ${ms(q.claim.p50)} p99 ${ms(q.claim.p99)} ms; ` +
        `complete p50 ${ms(q.complete.p50)} p99 ${ms(q.complete.p99)} ms`,
    );
  }
  console.log(`docs/benchmarks.md written; ${phases(r)}.`);
  console.log(
    `CPU per instance at ${r.options.headline} in flight: A ${num(h.a.cpuMs.total)} ms, B ${num(h.b.cpuMs.total)} ms; B/A = ${h.cpuR.toFixed(3)}, ` +
      'the ratio R tends to when both arms are CPU-bound (less sensitive than R to other work on the machine).',
  );
  if (h.others > 0.25)
    console.log(
      `Note: other processes used up to ${num(h.others, 2)} cores during the runs; throughput and latency carry that noise.`,
    );
  console.log(
    `\nR = A/B = ${num(h.a.perSecond)}/${num(h.b.perSecond)} instances/s = ${h.R.toFixed(3)} at ${r.options.headline} in flight (${serverMode(r)})`,
  );
  console.log(
    `History events A/B = ${h.events.a}/${h.events.b} = ${h.events.ratio.toFixed(3)} (bytes ${h.bytes.a}/${h.bytes.b} = ${h.bytes.ratio.toFixed(2)})`,
  );
}

export function writeDocs(r: BenchReport): void {
  const svg = throughputSvg(
    `Throughput against concurrency (${serverMode(r)})`,
    KEYS.map((key) => ({
      label: arms[key].label,
      color: COLORS[key],
      points: r.results[key].map(({ concurrency, runs, median }) => {
        const values = runs.map((x) => x.perSecond);
        return [concurrency, median.perSecond, Math.min(...values), Math.max(...values)] as [
          number,
          number,
          number,
          number,
        ];
      }),
    })),
  );
  writeFileSync(join(DOCS, 'benchmarks-throughput.svg'), svg);
  const file = join(DOCS, 'benchmarks.md');
  const dashboards = dashboardsSection(file);
  writeFileSync(file, dashboards ? `${markdown(r).trimEnd()}\n\n${dashboards}` : markdown(r));
}

function markdown(r: BenchReport): string {
  const h = headline(r);
  const e = r.env;
  const o = r.options;
  const eachArm = (row: (key: ArmKey, concurrency: number, m: RunResult, runs: RunResult[]) => string) =>
    KEYS.flatMap((key) =>
      r.results[key].map(({ concurrency, median, runs }) => row(key, concurrency, median, runs)),
    ).join('\n');
  const longest = Math.max(r.quiet.A.eventTypes.length, r.quiet.B.eventTypes.length);
  const eventRows = Array.from({ length: longest }, (_, i) => {
    const [a, b] = [r.quiet.A.eventTypes[i] ?? '', r.quiet.B.eventTypes[i] ?? ''];
    return `| ${i + 1} | ${a} | ${b} | ${a === b ? '' : '≠'} |`;
  }).join('\n');
  const q = r.queue;
  return `# Benchmarks

Generated by \`npm run bench${o.quick ? ' -- --quick' : ''}\` (bench/run.ts) on ${e.date}, and replaced on every run: every number
below was measured in that one run, on one Temporal server and one PostgreSQL, on the machine described. Compare
arms only within one run.

## Headline

- **R = A ÷ B = ${num(h.a.perSecond)} ÷ ${num(h.b.perSecond)} completed instances/s = ${h.R.toFixed(3)}** at ${o.headline} instances in flight (${serverMode(r)}).
- **History events per instance A/B = ${h.events.a}/${h.events.b} = ${h.events.ratio.toFixed(3)}**; history bytes A/B = ${h.bytes.a}/${h.bytes.b} = ${h.bytes.ratio.toFixed(2)}.
- CPU per completed instance, all processes, at ${o.headline} in flight: A ${num(h.a.cpuMs.total)} ms, B ${num(h.b.cpuMs.total)} ms; B/A = ${h.cpuR.toFixed(3)}, the
  ratio R tends to when both arms are CPU-bound, and less sensitive than R to other work on the machine.${
    h.others > 0.25
      ? `
- **Other processes on this machine used up to ${num(h.others, 2)} cores during the runs** (see "other load" below): the
  throughput and latency figures carry that noise.`
      : ''
  }
${q ? `- Work queue at ${q.open.toLocaleString('en')} open tasks: "my queue" p99 ${ms(q.myQueue.p99)} ms.\n` : ''}
Targets from issue 6 (measured here, never asserted in tests): R ≥ 0.95; arm A ≥ 45 instances/s on 2 cores on the
in-memory dev server; p99 start → task visible < 300 ms; "my queue" p99 < 50 ms at 100,000 open tasks.

## Machine and software

| | |
|---|---|
| CPU | ${e.cpu}, ${e.cores} cores, shared by every process below; load average at the start ${e.loadAverage} |
| Memory, OS | ${e.memoryGiB} GiB, ${e.os} |
| Node.js | ${e.node} |
| Temporal | SDK ${e.temporalSdk}; ${e.temporalServer}; \`temporal server start-dev\` ${o.serverMode === 'memory' ? 'in memory' : 'on its SQLite file'}, headless |
| PostgreSQL | ${e.postgres}, fsync ${r.pgFsync ? 'on' : 'off'}, pg_stat_statements loaded |
| Prisma | ${e.prisma} over @prisma/adapter-pg (pg pool defaults) |
| Worker | one child process: the engine's worker (worker/create-worker.ts, arms A and C) and a second worker for arm B on its own task queue, sharing one connection; SDK defaults, as resolved: \`${JSON.stringify(r.workerOptions.engine)}\` |
| Mail | the real SMTP catcher (scripts/stack/smtp-catcher.ts) in a child process; nodemailer without pooling, as worker/main.ts |

## The arms

- **A**: \`processes/demo-approval.bpmn\` run by the interpreter (\`runProcess\`), started with \`api/services/instances.ts\` \`startInstance\`.
- **B**: \`bench/bare-workflow.ts\`, the same shape hand-written as the Temporal samples would (same activities and
  activity options, same task-row writes, same \`completeTask\` update with a validator, the gateway as an \`if\`),
  started with the same database writes as \`startInstance\`.
- **C**: \`bench/start-end.bpmn\` (none start → none end) on the interpreter: the fixed cost of one instance.

The bench process stands in for the API (it calls the service functions directly, without HTTP) and for a bot that
finds each task row (one indexed query for all waiting instances every ${o.pollMs} ms, through its own database role) and
completes it as clerk1 with \`api/services/tasks.ts\` \`completeTask\` (the API's path to the Temporal update),
approving, so the service task sends the email. No think time. A closed loop keeps N instances in flight; once
every bot has finished an instance the counters are read around a window of ${o.seconds} s. Instances/s is the rate
from the first to the last completion inside the window (whole completions over a short window would quantise it);
costs per instance are the window's totals divided by that rate × the window; latencies are those of the instances
that ended inside it. A warm-up per arm first; then ${o.runs} runs per arm and concurrency${o.quick ? ' (quick mode: at the headline concurrency; one run at the others)' : ''},
arms interleaved, medians reported.

- *start → visible*: \`startInstance\` called → the bot first sees the open task row (includes up to one poll interval).
- *complete → next*: \`completeTask\` called → it returns; the update completes in the workflow task that schedules
  the service task, so this is the time until the next step is under way.
- *end to end*: start called → the workflow's result is received (\`handle.result()\`).
- *CPU*: utime + stime from \`/proc/<pid>/stat\` before and after the window for each process tree (PostgreSQL: the
  postmaster and its backends; the bench process: itself only), divided by the instances completed in the window.
  *Other load*: CPU that processes outside this stack used meanwhile (\`/proc/stat\`), in cores.
- *PostgreSQL statements*: \`pg_stat_statements\` calls in the bench database (BEGIN/COMMIT included), by database
  role (worker, API, the bot's polls); commits from \`pg_stat_database.xact_commit\`.
- *History*: \`historyLength\` and \`historySizeBytes\` from DescribeWorkflowExecution. The headline counts one instance
  per arm driven a step at a time (its task completed only once the workflow is idle): under load an update can
  share a workflow task with an activity result and save three events by chance, so counts under load vary.

![Throughput against concurrency](benchmarks-throughput.svg)

## Throughput and latency

| arm | in flight | runs | instances/s, median (each run) | start → visible ms p50 / p95 / p99 | complete → next ms p50 / p95 / p99 | end to end ms p50 / p95 / p99 | failed |
|---|---|---|---|---|---|---|---|
${eachArm((key, c, m, runs) => `| ${key} | ${c} | ${runs.length} | **${num(m.perSecond)}** (${runs.map((x) => num(x.perSecond)).join(', ')}) | ${pct(m.startToVisible)} | ${pct(m.completeToNext)} | ${pct(m.endToEnd)} | ${m.errors} |`)}

## CPU milliseconds per completed instance

The processes share ${e.cores} cores: "cores busy" = total CPU per instance × instances/s; "other load" is what the
rest of the machine used during the window.

| arm | in flight | Temporal server | worker | API + bot | PostgreSQL | SMTP catcher | total | cores busy | other load, cores |
|---|---|---|---|---|---|---|---|---|---|
${eachArm((key, c, m) => `| ${key} | ${c} | ${num(m.cpuMs.temporal)} | ${num(m.cpuMs.worker)} | ${num(m.cpuMs.api)} | ${num(m.cpuMs.postgres)} | ${num(m.cpuMs.smtp)} | **${num(m.cpuMs.total)}** | ${num((m.cpuMs.total * m.perSecond) / 1000, 2)} | ${num(m.machine.othersCores, 2)} |`)}

## PostgreSQL statements per completed instance

| arm | in flight | worker | API (start, complete) | bot's polls | total | commits |
|---|---|---|---|---|---|---|
${eachArm((key, c, m) => `| ${key} | ${c} | ${num(m.pg.worker)} | ${num(m.pg.api)} | ${num(m.pg.botPolls)} (${num(m.botPollsPerInstance)} polls) | **${num(m.pg.total)}** | ${num(m.pg.commits)} |`)}

## Temporal history per instance

| | A interpreter | B bare | C start → end |
|---|---|---|---|
| events, one instance step by step | ${r.quiet.A.events} | ${r.quiet.B.events} | ${r.quiet.C.events} |
| bytes, one instance step by step | ${r.quiet.A.bytes} | ${r.quiet.B.bytes} | ${r.quiet.C.bytes} |
| events under load, median of ${r.history.A.sampled} | ${r.history.A.events} | ${r.history.B.events} | ${r.history.C.events} |
| bytes under load, median | ${r.history.A.bytes} | ${r.history.B.bytes} | ${r.history.C.bytes} |
| workflow code CPU ms per instance (replay ×${r.replay.copies}, median of ${r.replay.rounds}) | ${num(r.replay.cpuMs.A)} | ${num(r.replay.cpuMs.B)} | ${num(r.replay.cpuMs.C)} |

*Workflow code CPU*: the step-by-step history of each arm replayed ${r.replay.copies} times in the bench process with
\`Worker.runReplayHistories\`, over the bundles the worker ran (a smaller replay subtracted, so that loading the bundle
does not count; ${r.replay.rounds} round(s), arms interleaved): the SDK's and the workflow's own work per instance, without
server, database or activities.

The step-by-step instances, event by event (≠ marks a difference):

| # | A | B | |
|---|---|---|---|
${eventRows}

${queueSection(q)}Duration: ${phases(r)}.
`;
}

function queueSection(q: QueueBenchResult | undefined): string {
  if (!q) return '## Work queue\n\nNot measured in this run (--skip-queue).\n\n';
  return `## Work queue

${q.open.toLocaleString('en')} open tasks across ${q.groups} groups and ${q.closed.toLocaleString('en')} closed ones${q.open < 100_000 ? ' (quick mode: a tenth of the full size)' : ''}, seeded with
generate_series (the migration's indexes dropped for the load, rebuilt, the tables analysed: ${num(q.seedSeconds)} s, while the
worker started). A civil servant of one group, who sees ${q.visibleToUser.toLocaleString('en')} open tasks; ${q.iterations} calls of each, one at a time,
after ${Math.min(20, q.iterations)} warm-up calls.

| operation | what runs | p50 ms | p99 ms | API process CPU ms per call | PostgreSQL execution ms per call |
|---|---|---|---|---|---|
| my queue | \`listQueue\` (CASL where, first page of 200 in due-date order, each task's time left) | ${ms(q.myQueue.p50)} | ${ms(q.myQueue.p99)} | ${ms(q.myQueue.apiCpuMs)} | ${ms(q.myQueue.dbMs)} |
| claim | \`claimTask\` | ${ms(q.claim.p50)} | ${ms(q.claim.p99)} | ${ms(q.claim.apiCpuMs)} | ${ms(q.claim.dbMs)} |
| complete | the projection write of \`completeUserTask\` (activities/user-tasks.ts) | ${ms(q.complete.p50)} | ${ms(q.complete.p99)} | ${ms(q.complete.apiCpuMs)} | ${ms(q.complete.dbMs)} |

`;
}
