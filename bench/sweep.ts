/**
 * One storage mode's concurrency sweep (issue 17): at each level of instances in flight, every arm measured in
 * turn (arms interleaved, `runs` times), until arm A's throughput stops rising (saturation.ts); then the saturation
 * point, where the headline is read.
 */
import type { Client as TemporalClient } from '@temporalio/client';
import { arms, type ArmContext, type ArmKey } from './arms';
import { cpuSnapshot, machineSnapshot } from './cpu';
import { MAX_INSTANCE_ERRORS, startLoop, type TaskFinder } from './driver';
import type { Saturation } from './headline';
import { historyStats, medianRun, PgCounters, summarise, type HistoryStats, type RunResult } from './metrics';
import { printRun } from './report';
import { isSaturated, saturationIndex } from './saturation';
import type { BenchStack } from './stack';
import type { StorageMode } from './storage';

export const ARM_ORDER: ArmKey[] = ['A', 'B', 'C'];

/** What a sweep needs of the running stack. */
export interface Session {
  stack: BenchStack;
  ctx: ArmContext;
  finder: TaskFinder;
  temporal: TemporalClient;
}

export interface SweepOptions {
  /** Instances in flight, rising; the sweep may stop before the last. */
  levels: number[];
  /** The sweep goes on to this level even past saturation: the reference load is measured either way. */
  reachAtLeast: number;
  runs: number;
  seconds: number;
  warmupSeconds: number;
}

export interface LevelResult {
  concurrency: number;
  runs: RunResult[];
  median: RunResult;
}

export interface StorageReport {
  storage: StorageMode;
  /** Per arm, the levels measured, in the order run. */
  results: Record<ArmKey, LevelResult[]>;
  saturation: Saturation;
  /** Histories of instances that ran under load at the saturation point (medians of a sample). */
  history: Record<ArmKey, HistoryStats>;
  seconds: { setup: number; sweep: number };
  /** The running cluster of the postgres mode, as it describes itself. */
  cluster?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One measured run: start the closed loop, wait for the previous run's instances to end and for steady state,
 * read the counters around a window of `seconds`, then stop starting. Returns without waiting for the instances
 * in flight: the next run ramps up meanwhile, and waits for them before its own window opens.
 */
async function measure(s: Session, key: ArmKey, concurrency: number, seconds: number, previous: Promise<void>) {
  const { stack, finder } = s;
  const loop = startLoop(arms[key], s.ctx, finder, concurrency);
  const rampStart = performance.now();
  await previous;
  // Steady state: every bot has finished at least one instance (and half a second has passed).
  while (loop.samples.length < concurrency || performance.now() - rampStart < 500) {
    if (performance.now() - rampStart > 300_000 || loop.errors.length > MAX_INSTANCE_ERRORS) {
      await loop.stop();
      throw new Error(`arm ${key} did not reach steady state at ${concurrency} in flight: ${loop.errors[0] ?? ''}`);
    }
    await sleep(20);
  }
  const pg = new PgCounters(stack.adminUrl, 'bench');
  const pgBefore = await pg.reset();
  const before = { cpu: cpuSnapshot(stack.pids), machine: machineSnapshot(), polls: finder.polls };
  const from = performance.now();
  await sleep(seconds * 1000);
  const to = performance.now();
  const after = { cpu: cpuSnapshot(stack.pids), machine: machineSnapshot(), polls: finder.polls };
  const pgAfter = await pg.read();
  const drained = loop.stop();
  const result = summarise({
    samples: loop.samples,
    errors: loop.errors.length,
    window: { from, to },
    cpu: { before: before.cpu, after: after.cpu },
    machine: { before: before.machine, after: after.machine },
    pg: { before: pgBefore, after: pgAfter },
    botPolls: after.polls - before.polls,
  });
  if (loop.errors.length) console.warn(`  ${key}: ${loop.errors.length} instance(s) failed, e.g. ${loop.errors[0]}`);
  const ids = loop.samples.filter((x) => x.end >= from && x.end <= to).map((x) => x.id);
  return { result, ids, drained };
}

export async function sweepStorage(s: Session, o: SweepOptions, setupSeconds: number): Promise<StorageReport> {
  const storage = s.stack.storage;
  const started = performance.now();
  // Warm-up: each arm once through ramp-up and one short window, mid-sweep; discarded.
  const warmupLevel = o.levels[Math.floor(o.levels.length / 2)] as number;
  let previous: Promise<void> = Promise.resolve();
  for (const key of ARM_ORDER) previous = (await measure(s, key, warmupLevel, o.warmupSeconds, previous)).drained;
  console.log(`[${storage}] Warm-up done. Measuring ${o.seconds} s per run, arms interleaved, in steady state.`);

  const results: Record<ArmKey, LevelResult[]> = { A: [], B: [], C: [] };
  /** Instances that ended inside each level's last window, per arm: the histories sampled at saturation. */
  const ids: Record<ArmKey, string[][]> = { A: [], B: [], C: [] };
  let saturated = false;
  for (const level of o.levels) {
    const runs: Record<ArmKey, RunResult[]> = { A: [], B: [], C: [] };
    for (let run = 1; run <= o.runs; run += 1) {
      for (const key of ARM_ORDER) {
        const measured = await measure(s, key, level, o.seconds, previous);
        previous = measured.drained;
        runs[key].push(measured.result);
        if (run === o.runs) ids[key].push(measured.ids);
        printRun(storage, run, level, key, measured.result);
      }
    }
    for (const key of ARM_ORDER)
      results[key].push({ concurrency: level, runs: runs[key], median: medianRun(runs[key]) });
    saturated ||= isSaturated(results.A.map((x) => x.median.perSecond));
    if (saturated && level >= o.reachAtLeast) {
      console.log(`[${storage}] A's throughput stopped rising by ${level} in flight: the sweep ends here.`);
      break;
    }
  }
  await previous;
  if (!saturated)
    console.log(`[${storage}] A's throughput still rose at the sweep's last level: the headline is a lower bound.`);

  const at = saturationIndex(results.A.map((x) => x.median.perSecond));
  const point = (key: ArmKey) => (results[key][at] as LevelResult).median;
  const sampled = (key: ArmKey) => (ids[key][at] ?? []).slice(0, 10);
  return {
    storage,
    results,
    saturation: {
      storage,
      concurrency: (results.A[at] as LevelResult).concurrency,
      reached: saturated,
      arms: { A: point('A'), B: point('B'), C: point('C') },
      temporalUncounted: s.stack.pids.temporal === undefined,
    },
    history: {
      A: await historyStats(s.temporal, sampled('A')),
      B: await historyStats(s.temporal, sampled('B')),
      C: await historyStats(s.temporal, sampled('C')),
    },
    seconds: { setup: setupSeconds, sweep: (performance.now() - started) / 1000 },
  };
}
