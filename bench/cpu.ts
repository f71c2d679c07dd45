/**
 * CPU time per process from /proc/<pid>/stat (utime + stime, in clock ticks). For a server the whole process tree
 * counts: live descendants (PostgreSQL backends) and, through cutime/cstime, the ones already reaped. For the
 * bench process itself only its own time counts: its children are the worker and the servers, counted apart.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export type Part = 'temporal' | 'worker' | 'api' | 'postgres' | 'smtp';
export type CpuSnapshot = Record<Part, number>;

const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim() || 100);

interface Stat {
  pid: number;
  ppid: number;
  own: number;
  reaped: number;
}

function readStat(pid: number): Stat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // exited meanwhile
  }
  // The command name may contain spaces and parentheses: fields are counted from the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const n = (i: number) => Number(fields[i - 3]); // proc(5) numbers fields from 1; fields[0] is field 3
  return { pid, ppid: n(4), own: n(14) + n(15), reaped: n(16) + n(17) };
}

function allStats(): Stat[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => readStat(Number(name)) ?? []);
}

/** Milliseconds of CPU used so far by the tree under root (or root alone). */
function treeMs(stats: Stat[], root: number, withDescendants: boolean): number {
  if (!withDescendants) return (stats.find((s) => s.pid === root)?.own ?? 0) * TICK_MS;
  const children = new Map<number, Stat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  let ticks = 0;
  const stack = stats.filter((s) => s.pid === root);
  while (stack.length) {
    const s = stack.pop() as Stat;
    ticks += s.own + s.reaped;
    stack.push(...(children.get(s.pid) ?? []));
  }
  return ticks * TICK_MS;
}

/** A part without a pid (a Temporal cluster the bench did not start) counts 0. */
export function cpuSnapshot(pids: Omit<CpuSnapshot, 'api' | 'temporal'> & { temporal?: number }): CpuSnapshot {
  const stats = allStats();
  return {
    temporal: pids.temporal === undefined ? 0 : treeMs(stats, pids.temporal, true),
    worker: treeMs(stats, pids.worker, true),
    api: treeMs(stats, process.pid, false),
    postgres: treeMs(stats, pids.postgres, true),
    smtp: treeMs(stats, pids.smtp, true),
  };
}

export function cpuDelta(before: CpuSnapshot, after: CpuSnapshot): CpuSnapshot {
  return {
    temporal: after.temporal - before.temporal,
    worker: after.worker - before.worker,
    api: after.api - before.api,
    postgres: after.postgres - before.postgres,
    smtp: after.smtp - before.smtp,
  };
}

/** Machine-wide busy and stolen CPU (/proc/stat), to tell how much of the machine other work took meanwhile. */
export interface MachineSnapshot {
  busyMs: number;
  stealMs: number;
}

export function machineSnapshot(): MachineSnapshot {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = cpu;
  return { busyMs: (user + nice + system + irq + softirq) * TICK_MS, stealMs: steal * TICK_MS };
}
