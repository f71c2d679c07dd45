/**
 * Issue 17's targets, each read from the run that just ended and marked met or not, so that docs/benchmarks.md says
 * plainly how far the engine is from them (measured in the bench, never asserted in timed tests).
 */
import type { HistoryCounts } from './headline';
import type { RunResult } from './metrics';
import type { QueueBenchResult } from './queue-bench';
import type { StorageMode } from './storage';

/** What the goals need of one storage mode's sweep. */
export interface SweptStorage {
  storage: StorageMode;
  /** A's and B's median run at each level measured. */
  levels: Array<{ concurrency: number; A: RunResult; B: RunResult }>;
  saturation: { concurrency: number };
}

export interface Goal {
  target: string;
  /** What was measured, or why it was not. */
  measured: string;
  met: boolean | undefined;
}

const ms = (v: number) => `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ms`;

function atLevel(s: SweptStorage | undefined, concurrency: number) {
  return s?.levels.find((level) => level.concurrency === concurrency);
}

function notMeasured(target: string, why: string): Goal {
  return { target, measured: `not measured: ${why}`, met: undefined };
}

/** A goal on a figure of one level of one storage mode; not measured when the run did not reach it. */
function levelGoal(
  target: string,
  s: SweptStorage | undefined,
  concurrency: number,
  read: (level: { A: RunResult; B: RunResult }) => number | undefined,
  passes: (v: number) => boolean,
  format: (v: number) => string,
): Goal {
  if (!s) return notMeasured(target, 'that storage mode did not run');
  const level = atLevel(s, concurrency);
  if (!level) return notMeasured(target, `the sweep did not run ${concurrency} in flight`);
  const value = read(level);
  if (value === undefined || Number.isNaN(value)) return notMeasured(target, 'no instance reached that step');
  return { target, measured: format(value), met: passes(value) };
}

export function issue17Goals(storages: SweptStorage[], history: HistoryCounts, queue?: QueueBenchResult): Goal[] {
  const memory = storages.find((s) => s.storage === 'memory');
  const file = storages.find((s) => s.storage === 'file');
  const saturated = (s: SweptStorage | undefined) => s?.saturation.concurrency ?? 0;
  const r = memory && atLevel(memory, saturated(memory));
  const goals: Goal[] = [
    r
      ? {
          target: 'memory, at saturation: R ≥ 0.95',
          measured: (r.A.perSecond / r.B.perSecond).toFixed(3),
          met: r.A.perSecond / r.B.perSecond >= 0.95,
        }
      : notMeasured('memory, at saturation: R ≥ 0.95', 'that storage mode did not run'),
    levelGoal(
      'memory, at saturation: A ≤ 50 CPU ms per instance (goal ≤ 42)',
      memory,
      saturated(memory),
      (l) => l.A.cpuMs.total,
      (v) => v <= 50,
      (v) => v.toFixed(1),
    ),
    {
      target: 'history events per instance ≤ 20, the same for A and B',
      measured: `A ${history.events.a}, B ${history.events.b}`,
      met: history.events.a <= 20 && history.events.a === history.events.b,
    },
    levelGoal(
      'file, at saturation: A ≤ 75 CPU ms per instance',
      file,
      saturated(file),
      (l) => l.A.cpuMs.total,
      (v) => v <= 75,
      (v) => v.toFixed(1),
    ),
    levelGoal(
      'file, 50 in flight: A start → task visible p99 < 1 s',
      file,
      50,
      (l) => l.A.startToVisible?.p99,
      (v) => v < 1000,
      ms,
    ),
    levelGoal(
      'memory, 16 in flight: A start → task visible p99 < 300 ms',
      memory,
      16,
      (l) => l.A.startToVisible?.p99,
      (v) => v < 300,
      ms,
    ),
    levelGoal(
      'memory, 16 in flight: A complete → next step p99 < 200 ms',
      memory,
      16,
      (l) => l.A.completeToNext?.p99,
      (v) => v < 200,
      ms,
    ),
  ];
  const queueTargets: Array<[string, keyof Pick<QueueBenchResult, 'myQueue' | 'claim' | 'complete'>, number]> = [
    ['"my queue" p99 < 50 ms', 'myQueue', 50],
    ['claim p99 < 100 ms', 'claim', 100],
    ['complete p99 < 100 ms', 'complete', 100],
  ];
  for (const [name, key, limit] of queueTargets) {
    const target = `work queue at 100,000 open / 1,000,000 closed: ${name}`;
    if (!queue) goals.push(notMeasured(target, 'the work-queue benchmark was skipped'));
    else if (queue.open < 100_000)
      goals.push(notMeasured(target, `the queue ran at ${queue.open.toLocaleString('en')} open tasks (--quick)`));
    else goals.push({ target, measured: ms(queue[key].p99), met: queue[key].p99 < limit });
  }
  return goals;
}

/** The goals as a markdown table. */
export function goalsTable(goals: Goal[]): string {
  const mark = (met: boolean | undefined) => (met === undefined ? '–' : met ? 'met' : '**not met**');
  return [
    '| Target (issue 17) | Measured | |',
    '|---|---|---|',
    ...goals.map((g) => `| ${g.target} | ${g.measured} | ${mark(g.met)} |`),
  ].join('\n');
}
