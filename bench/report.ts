/** The console output (each run, the summaries, the headline last) and docs/benchmarks.md with its plot. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { arms, type ArmKey } from './arms';
import { dashboardsSection } from './dashboards-section';
import type { QuietRun } from './driver';
import type { Environment } from './environment';
import { goalsTable, issue17Goals, type Goal } from './goals';
import { headlineLines, ratioR } from './headline';
import type { Percentiles, RunResult } from './metrics';
import { throughputSvg } from './plot';
import { FLAT_GAIN } from './saturation';
import type { QueueBenchResult } from './queue-bench';
import { STORAGE_LABELS, type SkippedStorage, type StorageMode } from './storage';
import type { LevelResult, StorageReport } from './sweep';

export interface BenchReport {
  env: Environment;
  options: { quick: boolean; seconds: number; levels: number[]; reachAtLeast: number; runs: number; pollMs: number };
  workerOptions: Record<string, unknown>;
  pgFsync: boolean;
  /** Each storage mode run, in order. */
  storages: StorageReport[];
  skipped: SkippedStorage[];
  /** One instance per arm driven a step at a time (on the first storage mode): the exact history length. */
  quiet: Record<ArmKey, QuietRun>;
  /** Workflow-code CPU per instance: the step-by-step histories replayed `copies` times in the bench process. */
  replay: { copies: number; rounds: number; cpuMs: Record<ArmKey, number> };
  queue?: QueueBenchResult;
  seconds: number;
  /** Seconds spent on the history checks and on the work queue (each storage mode's own are in its report). */
  phases: { histories: number; queue: number };
}

const DOCS = join(__dirname, '..', 'docs');
const KEYS: ArmKey[] = ['A', 'B', 'C'];
const COLORS: Record<ArmKey, string> = { A: '#1f77b4', B: '#d62728', C: '#7f7f7f' };
/** Below this many completions in a window, its rate (first to last completion) is rough. */
const FEW_COMPLETIONS = 5;
const DASHES: Record<StorageMode, string | undefined> = { memory: undefined, file: '7 4', postgres: '2 3' };
const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '–' : v < 10 ? v.toFixed(1) : v.toFixed(0));
const pct = (p: Percentiles | undefined) => (p ? `${ms(p.p50)} / ${ms(p.p95)} / ${ms(p.p99)}` : '–');
const num = (v: number, digits = 1) => v.toFixed(digits);

function phases(r: BenchReport): string {
  const each = r.storages.map(
    (s) => `${s.storage}: start-up ${num(s.seconds.setup, 0)} s, sweep ${num(s.seconds.sweep, 0)} s`,
  );
  return `whole run ${num(r.seconds, 0)} s (${each.join('; ')}; history checks ${num(r.phases.histories, 0)} s, work queue ${num(r.phases.queue, 0)} s; shut-downs)`;
}

/** The saturation point's full results of one arm. */
function atSaturation(s: StorageReport, key: ArmKey): RunResult {
  return (s.results[key].find((x) => x.concurrency === s.saturation.concurrency) as LevelResult).median;
}

/** The most CPU other processes used in any run, in cores. */
function othersCores(r: BenchReport): number {
  return Math.max(
    0,
    ...r.storages.flatMap((s) => KEYS.flatMap((key) => s.results[key].map((x) => x.median.machine.othersCores))),
  );
}

function historyCounts(r: BenchReport) {
  return {
    events: { a: r.quiet.A.events, b: r.quiet.B.events },
    bytes: { a: r.quiet.A.bytes, b: r.quiet.B.bytes },
  };
}

/** Issue 17's targets, read from this run. */
function goals(r: BenchReport): Goal[] {
  const swept = r.storages.map((s) => ({
    storage: s.storage,
    levels: s.results.A.map((a, i) => ({
      concurrency: a.concurrency,
      A: a.median,
      B: (s.results.B[i] as LevelResult).median,
    })),
    saturation: s.saturation,
  }));
  return issue17Goals(swept, historyCounts(r), r.queue);
}

function saturationWords(s: StorageReport): string {
  return s.saturation.reached
    ? `saturation at ${s.saturation.concurrency} in flight`
    : `A still rising at the sweep's last level; highest at ${s.saturation.concurrency} in flight, a lower bound`;
}

export function printRun(storage: StorageMode, run: number, level: number, key: ArmKey, r: RunResult): void {
  console.log(
    `[${storage}] run ${run}  ${String(level).padStart(3)} in flight  ${key}  ${num(r.perSecond).padStart(5)}/s  ` +
      `visible p50 ${ms(r.startToVisible?.p50)}  complete→next p50 ${ms(r.completeToNext?.p50)}  ` +
      `end-to-end p50 ${ms(r.endToEnd.p50)} p99 ${ms(r.endToEnd.p99)} ms  CPU ms/inst ${num(r.cpuMs.total)} ` +
      `(T ${num(r.cpuMs.temporal)} W ${num(r.cpuMs.worker)} API ${num(r.cpuMs.api)} PG ${num(r.cpuMs.postgres)} SMTP ${num(r.cpuMs.smtp)})  ` +
      `${num(r.pg.total)} stmts/inst  others ${num(r.machine.othersCores, 2)} cores${r.errors ? `  ${r.errors} errors` : ''}` +
      (r.completed < FEW_COMPLETIONS
        ? `  only ${r.completed} completed in the window: a rough rate (see --duration)`
        : ''),
  );
}

function printStorageSummary(r: BenchReport, s: StorageReport): void {
  const line = (cells: string[]) => console.log(cells.join('  '));
  console.log(
    `\n== ${STORAGE_LABELS[s.storage]} (${s.storage}): medians of ${r.options.runs} run(s) of ${r.options.seconds} s; PostgreSQL fsync ${r.pgFsync ? 'on' : 'off'}; ${saturationWords(s)} ==`,
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
    for (const { concurrency, median: m } of s.results[key]) {
      line([
        key,
        String(concurrency),
        num(m.perSecond),
        pct(m.startToVisible),
        pct(m.completeToNext),
        pct(m.endToEnd),
        `${s.saturation.temporalUncounted ? '–' : num(m.cpuMs.temporal)}+${num(m.cpuMs.worker)}+${num(m.cpuMs.api)}+${num(m.cpuMs.postgres)}+${num(m.cpuMs.smtp)} = ${num(m.cpuMs.total)}`,
        `${num(m.pg.worker)}+${num(m.pg.api)}+${num(m.pg.botPolls)} = ${num(m.pg.total)}`,
        num(m.machine.othersCores, 2),
      ]);
    }
  }
  const [a, b] = [atSaturation(s, 'A'), atSaturation(s, 'B')];
  console.log(
    `B/A CPU per instance at ${s.saturation.concurrency} in flight = ${num(b.cpuMs.total)}/${num(a.cpuMs.total)} = ${(b.cpuMs.total / a.cpuMs.total).toFixed(3)}, ` +
      'the ratio R tends to when both arms are CPU-bound (less sensitive than R to other work on the machine).',
  );
  for (const key of KEYS)
    console.log(
      `history ${key} under load at ${s.saturation.concurrency} in flight: ${s.history[key].events} events, ${s.history[key].bytes} bytes (median of ${s.history[key].sampled})`,
    );
}

export function printSummary(r: BenchReport): void {
  for (const s of r.storages) printStorageSummary(r, s);
  console.log('');
  const rp = r.replay.cpuMs;
  console.log(
    `workflow code CPU per instance (history replayed ${r.replay.copies} times, median of ${r.replay.rounds}): A ${num(rp.A)} ms, B ${num(rp.B)} ms, C ${num(rp.C)} ms`,
  );
  for (const key of KEYS)
    console.log(
      `history ${key}: ${r.quiet[key].events} events, ${r.quiet[key].bytes} bytes (one instance, step by step)`,
    );
  const q = r.queue;
  if (q) {
    console.log(
      `work queue (${q.open.toLocaleString('en')} open / ${q.closed.toLocaleString('en')} closed, ${q.iterations} calls each): ` +
        `my queue p50 ${ms(q.myQueue.p50)} p99 ${ms(q.myQueue.p99)} ms (API CPU ${ms(q.myQueue.apiCpuMs)}, PostgreSQL ${ms(q.myQueue.dbMs)} ms per call); claim p50 ${ms(q.claim.p50)} p99 ${ms(q.claim.p99)} ms; ` +
        `complete p50 ${ms(q.complete.p50)} p99 ${ms(q.complete.p99)} ms`,
    );
  }
  console.log(`docs/benchmarks.md written; ${phases(r)}.`);
  if (othersCores(r) > 0.25)
    console.log(
      `Note: other processes used up to ${num(othersCores(r), 2)} cores during the runs; throughput and latency carry that noise.`,
    );
  for (const s of r.skipped) console.log(`Storage ${s.storage}: skipped, ${s.reason}.`);
  console.log('');
  for (const goal of goals(r))
    console.log(`${goal.met === undefined ? '–' : goal.met ? 'met    ' : 'NOT MET'}  ${goal.target}: ${goal.measured}`);
  console.log('');
  for (const text of headlineLines(
    r.storages.map((s) => s.saturation),
    historyCounts(r),
  ))
    console.log(text);
}

export function writeDocs(r: BenchReport): void {
  const svg = throughputSvg(
    'Throughput against concurrency, per arm and storage mode',
    r.storages.flatMap((s) =>
      KEYS.map((key) => ({
        label: `${arms[key].label} · ${s.storage}`,
        color: COLORS[key],
        dash: DASHES[s.storage],
        saturation: key === 'A' ? s.saturation.concurrency : undefined,
        points: s.results[key].map(({ concurrency, runs, median }) => {
          const values = runs.map((x) => x.perSecond);
          return [concurrency, median.perSecond, Math.min(...values), Math.max(...values)] as [
            number,
            number,
            number,
            number,
          ];
        }),
      })),
    ),
  );
  writeFileSync(join(DOCS, 'benchmarks-throughput.svg'), svg);
  const file = join(DOCS, 'benchmarks.md');
  const dashboards = dashboardsSection(file);
  writeFileSync(file, dashboards ? `${markdown(r).trimEnd()}\n\n${dashboards}` : markdown(r));
}

function headlineBullets(r: BenchReport): string {
  const storages = r.storages.map((s) => {
    const [a, b, c] = KEYS.map((key) => atSaturation(s, key)) as [RunResult, RunResult, RunResult];
    return (
      `- **${STORAGE_LABELS[s.storage]} (\`${s.storage}\`), ${saturationWords(s)}: R = A ÷ B = ${num(a.perSecond)} ÷ ${num(b.perSecond)} ` +
      `completed instances/s = ${ratioR(s.saturation).toFixed(3)}; CPU ms per instance A ${num(a.cpuMs.total)}, B ${num(b.cpuMs.total)}, ` +
      `C ${num(c.cpuMs.total)}**${s.saturation.temporalUncounted ? ' (the Temporal server runs outside the bench: not counted)' : ''}; ` +
      `start → task visible p99 ${ms(a.startToVisible?.p99)} ms (A).`
    );
  });
  const skipped = r.skipped.map((s) => `- ${STORAGE_LABELS[s.storage]} (\`${s.storage}\`): skipped, ${s.reason}.`);
  const h = historyCounts(r);
  return [
    ...storages,
    ...skipped,
    `- **History events per instance A/B = ${h.events.a}/${h.events.b} = ${(h.events.a / h.events.b).toFixed(3)}**; history bytes A/B = ${h.bytes.a}/${h.bytes.b} = ${(h.bytes.a / h.bytes.b).toFixed(2)}.`,
  ].join('\n');
}

function markdown(r: BenchReport): string {
  const e = r.env;
  const o = r.options;
  const others = othersCores(r);
  const eachRow = (row: (s: StorageReport, key: ArmKey, level: LevelResult) => string) =>
    r.storages.flatMap((s) => KEYS.flatMap((key) => s.results[key].map((level) => row(s, key, level)))).join('\n');
  const sweepTable = (s: StorageReport) => {
    const rows = s.results.A.map(({ concurrency }) => {
      const cells = KEYS.map((key) => {
        const m = (s.results[key].find((x) => x.concurrency === concurrency) as LevelResult).median;
        const visible = arms[key].hasTask ? ` | ${ms(m.startToVisible?.p99)}` : '';
        return `${num(m.perSecond)} | ${num(m.cpuMs.total)}${visible}`;
      });
      const mark =
        concurrency !== s.saturation.concurrency ? '' : s.saturation.reached ? ' **(saturation)**' : ' **(highest)**';
      return `| ${concurrency}${mark} | ${cells.join(' | ')} |`;
    });
    return `### ${STORAGE_LABELS[s.storage]} (\`${s.storage}\`)

${s.saturation.reached ? `A's throughput had stopped rising when the sweep ended at ${s.results.A[s.results.A.length - 1]?.concurrency} in flight; the saturation point, A's highest throughput, is ${s.saturation.concurrency}.` : `A's throughput still rose at the sweep's last level (${s.saturation.concurrency}): the figures there are a lower bound of saturation.`}${s.saturation.temporalUncounted ? ' The Temporal server runs outside the bench: its CPU is not counted.' : ''}

| in flight | A inst/s | A CPU ms/inst | A start → visible p99 ms | B inst/s | B CPU ms/inst | B start → visible p99 ms | C inst/s | C CPU ms/inst |
|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}
`;
  };
  const longest = Math.max(r.quiet.A.eventTypes.length, r.quiet.B.eventTypes.length);
  const eventRows = Array.from({ length: longest }, (_, i) => {
    const [a, b] = [r.quiet.A.eventTypes[i] ?? '', r.quiet.B.eventTypes[i] ?? ''];
    return `| ${i + 1} | ${a} | ${b} | ${a === b ? '' : '≠'} |`;
  }).join('\n');
  const q = r.queue;
  return `# Benchmarks

Generated by \`npm run bench${o.quick ? ' -- --quick' : ''}\` (bench/run.ts) on ${e.date}, and replaced on every run: every number
below was measured in that one run, on one PostgreSQL and one Temporal server per storage mode, on the machine
described. Compare arms only within one storage mode of one run.

## Headline

Read at saturation: each storage mode's sweep raises the instances in flight (${o.levels.join(', ')}) until arm A's
throughput stops rising (less than +${FLAT_GAIN * 100} % over the previous level twice, or a fall)${o.reachAtLeast ? `, but not before ${o.reachAtLeast} in flight, the load at which issue 17 states the durable default's latency goal,` : ''} and the headline is taken where A's
throughput was highest.

${headlineBullets(r)}${
    others > 0.25
      ? `
- **Other processes on this machine used up to ${num(others, 2)} cores during the runs** (see "other load" below): the
  throughput and latency figures carry that noise.`
      : ''
  }
${q ? `- Work queue at ${q.open.toLocaleString('en')} open tasks: "my queue" p99 ${ms(q.myQueue.p99)} ms.\n` : ''}
Issue 17's targets, read from this run (measured here, never asserted in tests):

${goalsTable(goals(r))}

## What the cost work changed, and why

- *Task completion holds no database connection while the workflow works.* It used to run inside a transaction
  holding the task's lock across the Temporal update, so every completion in flight held a pooled connection and the
  pool ran dry at 32 in flight. Now one conditional update takes a short lease on the row (hand-overs are refused
  while it lasts; a crashed API's lease runs out), and the update runs outside any transaction. A job's terminal
  command (complete, fail, throw error) works the same way.
- *Fewer statements per step.* The task row is written in one statement (the org unit found by subquery, a retry
  inserting nothing) instead of two look-ups and Prisma's upsert transaction.
- *Fewer statements and transactions per instance.* A start reads the version it runs and who may start it in one
  query, and takes the definition's graph, forms and sensitive variables from memory: a deployed definition never
  changes, so each process keeps the ones it has read by id (engine/deployed-definitions.ts). That also spares a task
  completion its instance and definition reads, and an answer its masking query. The element history a step carries
  is written by the statement of the projection that runs at that step (the task row, the instance's end), or inside
  its transaction (a task completion), instead of by a statement and a transaction of its own; a completion replaces
  the instance's variables and reads the ones it replaced in one statement; a mail's row and an idempotency key's row
  are written or found in one statement. Per demo instance, counting the statements the services send (not those
  of triggers; \`npm run bench:statements\` lists them all): the API 15 → 10 and the worker 14 → 10, in 19 → 11
  transactions. Arm B shares the activities and the completion path, so it has the completion, mail and definition
  savings too (API 8 → 6, worker 12 → 10); the history savings are interpreter overhead removed. The audit chain, the
  pending start with its reconciler, and authorization on the object are as before.
- *Work queues read only open tasks.* Partial indexes hold the open tasks alone, in the queues' due-date order, so a
  queue stays an index range however many closed tasks pile up; the time left of a whole page comes from one walk of
  the calendar rather than one per task.
- *The bench survives a failing instance and leaves nothing behind*: a failed instance is counted and printed, and
  every process it started is killed on any exit, Ctrl-C included.
- *The workflow sandbox evaluates FEEL, luxon and the calendar once per worker thread, not once per instance.* The
  preload list named the packages, and the bundler dropped them as free of side effects (luxon's entry would have
  been its CommonJS build, which no workflow uses, anyway): every instance evaluated the FEEL parser, luxon and the
  holiday tables anew, and parsed each expression twice (syntax check, then evaluation). One module,
  worker/workflow-preload.ts, now imports them as the workflows do, and a test reads the bundle to keep it so. Most of
  the workflow CPU left is the SDK's own work per promise and per call into the sandbox (its promise hook for stack
  traces, a watchdog thread per call), which arm B pays too: an interpreter that awaits less would pay less of it.
- *The interpreter creates fewer promises per step.* The Temporal SDK records a stack trace for every promise that
  workflow code creates, and after the preload fix that hook was the largest single cost of replaying an instance. A
  scope with no event sub-process start to watch no longer runs a watcher (a cancellation scope and a Promise.all
  over nothing), and an element with no boundary event to watch settles through one promise reaction instead of an
  async function awaiting its behaviour. Both keep every microtask tick where it was, so parallel tokens emit their
  commands in the same order and the stored histories replay unchanged, with no patch (a patch would cost every
  instance two history events): a replay of the demo creates 125 promises instead of 140 (all 46 stored histories:
  5,819 instead of 6,515), and its workflow CPU fell from about 10.9 to 9.7 ms (median of six interleaved replays x30,
  on the shared machine). The other promises are the SDK's own (local activities, cancellation scopes, conditions)
  or the awaits that order one element after another: removing those would move parallel tokens' commands.
- *Stack traces in the workflow sandbox keep three frames.* The hook above captures a stack trace for every promise
  and maps each frame through the bundle's source map, so its cost grows with the frames kept: keeping three of
  V8's default ten saved about a seventh of the demo's replay CPU (13.8 → 11.9 ms per replay, mean of four
  interleaved rounds of 100 replays).
  A preloaded module (shared/sandbox-stack-traces.ts) sets the limit before the SDK freezes the sandbox; three frames
  still name where an error was thrown. Arm B's bundle preloads the same module, so R still compares workflow code.
- *A start is one statement.* An unclassified start writes its index row, the history of its start variables and its
  audit row in one data-modifying WITH (engine/instance-row.ts) instead of a transaction of five statements: all or
  nothing as before, with the audit chain's head held for that one statement. A classified start, which also
  registers its document and need-to-know list, keeps its transaction.
- *The durable default's SQLite file is in WAL mode.* The dev server writes through one connection, and SQLite's
  default rollback journal syncs the journal and the database file at every commit, so under load every step of
  every instance queued behind those syncs (the server's log showed its own queue processors timing out). A
  write-ahead-log commit is one sync of the log, and \`synchronous\` stays FULL: a committed write survives a
  kill -9 or a power cut as before. npm start and the bench pass \`--sqlite-pragma journal_mode=wal\`
  (scripts/stack/temporal.ts).
- *A start's first workflow task is dispatched sooner.* On the file at 50 in flight, the start call took 89 ms
  (median), and then the instance's first workflow task waited 750 ms from scheduled to started (3.5 s at p99, read
  from the workflow histories) before running in 140 ms: most of start → visible. Two things held it. The dev server
  split each task queue into four partitions, as a cluster spreads a queue over matching hosts, so a task often landed
  in a partition where no poll waited; and the SDK polls for new instances' first tasks with two of its ten workflow
  task polls (the other eight serve the sticky queue of cached instances). Now the dev server writes new tasks to one
  partition (\`matching.numTaskqueueWritePartitions=1\`; reads stay at four, so tasks an earlier version wrote to the
  others are still polled), and the engine's worker, and arm B's, poll 16 at a time, half for new instances
  (worker/create-worker.ts). The wait fell to 400 ms (median; 670 ms at p99). Either change alone did less: more polls
  over four partitions halved the median but cost every arm about 4 % more CPU at saturation in memory, over
  interleaved runs; over one partition they cost none.

## Machine and software

| | |
|---|---|
| CPU | ${e.cpu}, ${e.cores} cores, shared by every process below; load average at the start ${e.loadAverage} |
| Memory, OS | ${e.memoryGiB} GiB, ${e.os} |
| Node.js | ${e.node} |
| Temporal | SDK ${e.temporalSdk}; ${e.temporalServer}; storage modes run: ${r.storages.map((s) => `${s.storage} (${s.cluster ?? STORAGE_LABELS[s.storage]})`).join(', ')}; the dev server headless, in WAL mode on its file, one write partition per task queue |
| PostgreSQL | ${e.postgres}, fsync ${r.pgFsync ? 'on' : 'off'}, pg_stat_statements loaded |
| Prisma | ${e.prisma} over @prisma/adapter-pg (pg pool defaults) |
| Worker | one child process: the engine's worker (worker/create-worker.ts, arms A and C) and a second worker for arm B on its own task queue, sharing one connection; both with 16 workflow task polls, half for new instances (WORKFLOW_TASK_POLLING), otherwise SDK defaults, as resolved: \`${JSON.stringify(r.workerOptions.engine)}\` |
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
that ended inside it. Each storage mode gets a fresh stack (its own PostgreSQL, worker and SMTP catcher); a warm-up
per arm first, then at each level of the sweep ${o.runs} run(s) per arm, arms interleaved, medians reported.

- *Storage modes*: \`memory\`, the dev server in memory; \`file\`, the dev server on its SQLite file, what \`npm start\`
  runs (the durable default); \`postgres\`, a running Temporal server on PostgreSQL named with \`--temporal-address\` (or
  \`BENCH_TEMPORAL_ADDRESS\`): the bench does not start one, and its CPU is not counted.
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

## Saturation sweep

![Throughput against concurrency, per arm and storage mode; the ring marks A's saturation point](benchmarks-throughput.svg)

${r.storages.map(sweepTable).join('\n')}
## Throughput and latency

| storage | arm | in flight | runs | instances/s, median (each run) | start → visible ms p50 / p95 / p99 | complete → next ms p50 / p95 / p99 | end to end ms p50 / p95 / p99 | failed |
|---|---|---|---|---|---|---|---|---|
${eachRow((s, key, { concurrency: c, median: m, runs }) => `| ${s.storage} | ${key} | ${c} | ${runs.length} | **${num(m.perSecond)}** (${runs.map((x) => num(x.perSecond)).join(', ')}) | ${pct(m.startToVisible)} | ${pct(m.completeToNext)} | ${pct(m.endToEnd)} | ${m.errors} |`)}

## CPU milliseconds per completed instance

The processes share ${e.cores} cores: "cores busy" = total CPU per instance × instances/s; "other load" is what the
rest of the machine used during the window.

| storage | arm | in flight | Temporal server | worker | API + bot | PostgreSQL | SMTP catcher | total | cores busy | other load, cores |
|---|---|---|---|---|---|---|---|---|---|---|
${eachRow((s, key, { concurrency: c, median: m }) => `| ${s.storage} | ${key} | ${c} | ${s.saturation.temporalUncounted ? '–' : num(m.cpuMs.temporal)} | ${num(m.cpuMs.worker)} | ${num(m.cpuMs.api)} | ${num(m.cpuMs.postgres)} | ${num(m.cpuMs.smtp)} | **${num(m.cpuMs.total)}** | ${num((m.cpuMs.total * m.perSecond) / 1000, 2)} | ${num(m.machine.othersCores, 2)} |`)}

## PostgreSQL statements per completed instance

| storage | arm | in flight | worker | API (start, complete) | bot's polls | total | commits |
|---|---|---|---|---|---|---|---|
${eachRow((s, key, { concurrency: c, median: m }) => `| ${s.storage} | ${key} | ${c} | ${num(m.pg.worker)} | ${num(m.pg.api)} | ${num(m.pg.botPolls)} (${num(m.botPollsPerInstance)} polls) | **${num(m.pg.total)}** | ${num(m.pg.commits)} |`)}

## Temporal history per instance

| | A interpreter | B bare | C start → end |
|---|---|---|---|
| events, one instance step by step | ${r.quiet.A.events} | ${r.quiet.B.events} | ${r.quiet.C.events} |
| bytes, one instance step by step | ${r.quiet.A.bytes} | ${r.quiet.B.bytes} | ${r.quiet.C.bytes} |
${r.storages
  .map(
    (s) =>
      `| events under load (${s.storage}, ${s.saturation.concurrency} in flight), median of ${s.history.A.sampled} | ${s.history.A.events} | ${s.history.B.events} | ${s.history.C.events} |\n` +
      `| bytes under load (${s.storage}), median | ${s.history.A.bytes} | ${s.history.B.bytes} | ${s.history.C.bytes} |`,
  )
  .join('\n')}
| workflow code CPU ms per instance (replay ×${r.replay.copies}, median of ${r.replay.rounds}) | ${num(r.replay.cpuMs.A)} | ${num(r.replay.cpuMs.B)} | ${num(r.replay.cpuMs.C)} |

*Workflow code CPU*: the step-by-step history of each arm replayed ${r.replay.copies} times in the bench process with
\`Worker.runReplayHistories\`, over the bundles the worker ran (a smaller replay subtracted, so that loading the bundle
does not count; ${r.replay.rounds} round(s), arms interleaved): the SDK's and the workflow's own work per instance, without
server, database or activities. The step-by-step instances and the replays ran on the first storage mode (${r.storages[0]?.storage}); they
do not depend on it.

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
| my queue | \`listQueue\` (CASL where, first page of 200 in due-date order from the open-task index, the page's time left from one calendar walk) | ${ms(q.myQueue.p50)} | ${ms(q.myQueue.p99)} | ${ms(q.myQueue.apiCpuMs)} | ${ms(q.myQueue.dbMs)} |
| claim | \`claimTask\` | ${ms(q.claim.p50)} | ${ms(q.claim.p99)} | ${ms(q.claim.apiCpuMs)} | ${ms(q.claim.dbMs)} |
| complete | the projection write of \`completeUserTask\` (activities/user-tasks.ts) | ${ms(q.complete.p50)} | ${ms(q.complete.p99)} | ${ms(q.complete.apiCpuMs)} | ${ms(q.complete.dbMs)} |

`;
}
