import { goalsTable, issue17Goals, type SweptStorage } from '../../bench/goals';
import type { RunResult } from '../../bench/metrics';
import type { QueueBenchResult } from '../../bench/queue-bench';

const percentiles = (p99: number) => ({ p50: p99 / 2, p95: p99 * 0.9, p99 });
const run = (perSecond: number, cpuMs: number, visibleP99: number, nextP99: number) =>
  ({
    perSecond,
    cpuMs: { total: cpuMs },
    startToVisible: percentiles(visibleP99),
    completeToNext: percentiles(nextP99),
  }) as unknown as RunResult;
const memory: SweptStorage = {
  storage: 'memory',
  levels: [
    { concurrency: 16, A: run(25, 72, 340, 288), B: run(30, 55, 200, 150) },
    { concurrency: 32, A: run(31, 48, 700, 400), B: run(32, 46, 500, 300) },
  ],
  saturation: { concurrency: 32 },
};
const file: SweptStorage = {
  storage: 'file',
  levels: [
    { concurrency: 16, A: run(17, 97, 501, 300), B: run(19, 83, 300, 200) },
    { concurrency: 50, A: run(16, 99, 990, 400), B: run(18, 85, 800, 300) },
  ],
  saturation: { concurrency: 16 },
};
const history = { events: { a: 19, b: 19 }, bytes: { a: 6458, b: 4164 } };
const timing = (p99: number) => ({ p50: p99 / 2, p99, apiCpuMs: 1, dbMs: 1 });
const queue = (open: number) =>
  ({ open, closed: open * 10, myQueue: timing(11), claim: timing(18), complete: timing(120) }) as QueueBenchResult;

describe("issue 17's goals, read from a bench run", () => {
  it('marks each target met or not from the level it names', () => {
    const goals = issue17Goals([memory, file], history, queue(100_000));
    const byTarget = Object.fromEntries(goals.map((g) => [g.target, [g.measured, g.met]]));
    expect(byTarget).toEqual({
      'memory, at saturation: R ≥ 0.95': ['0.969', true],
      'memory, at saturation: A ≤ 50 CPU ms per instance (goal ≤ 42)': ['48.0', true],
      'history events per instance ≤ 20, the same for A and B': ['A 19, B 19', true],
      'file, at saturation: A ≤ 75 CPU ms per instance': ['97.0', false],
      'file, 50 in flight: A start → task visible p99 < 1 s': ['990 ms', true],
      'memory, 16 in flight: A start → task visible p99 < 300 ms': ['340 ms', false],
      'memory, 16 in flight: A complete → next step p99 < 200 ms': ['288 ms', false],
      'work queue at 100,000 open / 1,000,000 closed: "my queue" p99 < 50 ms': ['11 ms', true],
      'work queue at 100,000 open / 1,000,000 closed: claim p99 < 100 ms': ['18 ms', true],
      'work queue at 100,000 open / 1,000,000 closed: complete p99 < 100 ms': ['120 ms', false],
    });
  });

  it('says why a target was not measured instead of passing or failing it', () => {
    const shortFile = { ...file, levels: file.levels.slice(0, 1) };
    const goals = issue17Goals([memory, shortFile], { events: { a: 19, b: 21 }, bytes: history.bytes }, queue(10_000));
    const measured = (prefix: string) =>
      goals.filter((g) => g.target.startsWith(prefix)).map((g) => [g.measured, g.met]);
    expect(measured('file, 50')).toEqual([['not measured: the sweep did not run 50 in flight', undefined]]);
    expect(measured('history')).toEqual([['A 19, B 21', false]]);
    expect(measured('work queue')[0]).toEqual([
      'not measured: the queue ran at 10,000 open tasks (--quick)',
      undefined,
    ]);
    expect(issue17Goals([memory], history).find((g) => g.target.startsWith('file, at'))?.measured).toBe(
      'not measured: that storage mode did not run',
    );
  });

  it('writes them as a table that says plainly what is not met', () => {
    const table = goalsTable(issue17Goals([memory, file], history, queue(100_000)));
    expect(table).toContain('| file, at saturation: A ≤ 75 CPU ms per instance | 97.0 | **not met** |');
    expect(table).toContain('| memory, at saturation: R ≥ 0.95 | 0.969 | met |');
  });
});
