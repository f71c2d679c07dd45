/**
 * What one measured run yields, and where each number comes from: latencies from the bot's clocks, PostgreSQL
 * statements from pg_stat_statements (calls, per database role, BEGIN/COMMIT included) and transactions from
 * pg_stat_database, history events and bytes from Temporal's DescribeWorkflowExecution of a sample.
 */
import type { Client as TemporalClient } from '@temporalio/client';
import { Client } from 'pg';
import type { Sample } from './driver';
import { cpuDelta, type CpuSnapshot, type MachineSnapshot, type Part } from './cpu';
import { PG_ROLES } from './stack';

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

export interface RunResult {
  completed: number;
  perSecond: number;
  errors: number;
  startToVisible?: Percentiles;
  completeToNext?: Percentiles;
  endToEnd: Percentiles;
  /** CPU milliseconds per completed instance, by part, and their sum. */
  cpuMs: Record<Part | 'total', number>;
  /** PostgreSQL statements per completed instance, by who sent them, and transactions committed. */
  pg: { worker: number; api: number; botPolls: number; total: number; commits: number };
  botPollsPerInstance: number;
  /** Cores' worth of CPU that processes outside the stack used during the window, and that the hypervisor stole. */
  machine: { othersCores: number; stealCores: number };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

export function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

export class PgCounters {
  constructor(
    private readonly adminUrl: string,
    private readonly database: string,
  ) {}

  async reset(): Promise<{ commits: number }> {
    return this.query(async (c) => {
      await c.query('SELECT pg_stat_statements_reset()');
      return { commits: await this.commits(c) };
    });
  }

  async read(): Promise<{ byRole: Record<string, number>; commits: number }> {
    return this.query(async (c) => {
      const { rows } = await c.query<{ role: string; calls: string }>(
        `SELECT r.rolname AS role, sum(s.calls) AS calls FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
          WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = $1) GROUP BY r.rolname`,
        [this.database],
      );
      return {
        byRole: Object.fromEntries(rows.map((row) => [row.role, Number(row.calls)])),
        commits: await this.commits(c),
      };
    });
  }

  private async commits(c: Client): Promise<number> {
    // Cumulative statistics are cached per transaction; this call is outside one, so it reads fresh values.
    const { rows } = await c.query<{ n: string }>('SELECT xact_commit AS n FROM pg_stat_database WHERE datname = $1', [
      this.database,
    ]);
    return Number(rows[0]?.n ?? 0);
  }

  private async query<T>(fn: (c: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: this.adminUrl });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }
}

export function summarise(input: {
  samples: Sample[];
  errors: number;
  window: { from: number; to: number };
  cpu: { before: CpuSnapshot; after: CpuSnapshot };
  machine: { before: MachineSnapshot; after: MachineSnapshot };
  pg: { before: { commits: number }; after: { byRole: Record<string, number>; commits: number } };
  botPolls: number;
}): RunResult {
  const { from, to } = input.window;
  const inWindow = input.samples.filter((s) => s.end >= from && s.end <= to);
  // The rate from the first to the last completion in the window: whole completions over a short window would
  // quantise it (12 or 13 in 2 s is 6.0 or 6.5/s). Per-instance costs are the window's totals over rate × window.
  const ends = inWindow.map((s) => s.end).sort((a, b) => a - b);
  const windowSeconds = (to - from) / 1000;
  const perSecond =
    ends.length >= 2
      ? (ends.length - 1) / (((ends[ends.length - 1] as number) - (ends[0] as number)) / 1000)
      : ends.length / windowSeconds;
  const n = Math.max(perSecond * windowSeconds, 1);
  const cpu = cpuDelta(input.cpu.before, input.cpu.after);
  const per = (v: number) => v / n;
  const role = (name: string) => per(input.pg.after.byRole[name] ?? 0);
  const withTask = inWindow.filter((s) => s.visible !== undefined);
  const ours = cpu.temporal + cpu.worker + cpu.api + cpu.postgres + cpu.smtp;
  const windowMs = to - from;
  const pg = { worker: role(PG_ROLES.worker), api: role(PG_ROLES.api), botPolls: role(PG_ROLES.botPolls) };
  return {
    completed: inWindow.length,
    perSecond,
    errors: input.errors,
    startToVisible: withTask.length ? percentiles(withTask.map((s) => (s.visible as number) - s.start)) : undefined,
    completeToNext: withTask.length
      ? percentiles(withTask.map((s) => (s.completed as number) - (s.completeCall as number)))
      : undefined,
    endToEnd: percentiles(inWindow.map((s) => s.end - s.start)),
    cpuMs: {
      temporal: per(cpu.temporal),
      worker: per(cpu.worker),
      api: per(cpu.api),
      postgres: per(cpu.postgres),
      smtp: per(cpu.smtp),
      total: per(ours),
    },
    pg: {
      ...pg,
      total: pg.worker + pg.api + pg.botPolls,
      commits: per(input.pg.after.commits - input.pg.before.commits),
    },
    botPollsPerInstance: per(input.botPolls),
    machine: {
      othersCores: Math.max(0, input.machine.after.busyMs - input.machine.before.busyMs - ours) / windowMs,
      stealCores: (input.machine.after.stealMs - input.machine.before.stealMs) / windowMs,
    },
  };
}

/** The median of each number over several runs (each run's own percentiles, then their median). */
export function medianRun(runs: RunResult[]): RunResult {
  const pick = <T>(f: (r: RunResult) => T) => runs.map(f);
  const med = (f: (r: RunResult) => number) => median(pick(f));
  const medP = (f: (r: RunResult) => Percentiles | undefined): Percentiles | undefined =>
    runs.every((r) => f(r))
      ? { p50: med((r) => f(r)!.p50), p95: med((r) => f(r)!.p95), p99: med((r) => f(r)!.p99) }
      : undefined;
  const cpuParts = ['temporal', 'worker', 'api', 'postgres', 'smtp', 'total'] as const;
  const pgParts = ['worker', 'api', 'botPolls', 'total', 'commits'] as const;
  return {
    completed: med((r) => r.completed),
    perSecond: med((r) => r.perSecond),
    errors: pick((r) => r.errors).reduce((a, b) => a + b, 0),
    startToVisible: medP((r) => r.startToVisible),
    completeToNext: medP((r) => r.completeToNext),
    endToEnd: medP((r) => r.endToEnd) as Percentiles,
    cpuMs: Object.fromEntries(cpuParts.map((k) => [k, med((r) => r.cpuMs[k])])) as RunResult['cpuMs'],
    pg: Object.fromEntries(pgParts.map((k) => [k, med((r) => r.pg[k])])) as RunResult['pg'],
    botPollsPerInstance: med((r) => r.botPollsPerInstance),
    machine: { othersCores: med((r) => r.machine.othersCores), stealCores: med((r) => r.machine.stealCores) },
  };
}

export interface HistoryStats {
  events: number;
  bytes: number;
  sampled: number;
  /** Event types of one instance, in order (activity names for scheduled activities). */
  eventTypes: string[];
}

/** History length and size of a sample of completed instances (medians), and one history's event types. */
export async function historyStats(temporal: TemporalClient, ids: string[]): Promise<HistoryStats> {
  const described = await Promise.all(ids.map((id) => temporal.workflow.getHandle(id).describe()));
  const first = ids[0];
  return {
    events: median(described.map((d) => d.historyLength)),
    bytes: median(described.map((d) => d.historySize ?? NaN)),
    sampled: ids.length,
    eventTypes: first ? await eventTypes(temporal, first) : [],
  };
}

export async function eventTypes(temporal: TemporalClient, id: string): Promise<string[]> {
  const history = await temporal.workflow.getHandle(id).fetchHistory();
  return (history.events ?? []).map((event) => {
    const attributes = Object.keys(event).find(
      (key) => key.endsWith('EventAttributes') && event[key as keyof typeof event],
    );
    const key = (attributes ?? 'unknown').replace(/EventAttributes$/, '');
    const name = key.charAt(0).toUpperCase() + key.slice(1);
    const activity = event.activityTaskScheduledEventAttributes?.activityType?.name;
    return activity ? `${name}(${activity})` : name;
  });
}
