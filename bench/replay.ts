/**
 * The CPU the workflow code itself costs per instance, without a server or a database: each arm's step-by-step
 * history is replayed many times in this process (Worker.runReplayHistories) over the bundles the benchmark's
 * worker ran. Each replay run starts a replay worker (loading the bundle), so a small run is subtracted from a large
 * one and the fixed cost cancels. Other work on the machine hardly moves this number: it shows the interpreter's
 * own overhead.
 */
import type { Client as TemporalClient } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import type { ArmKey } from './arms';
import { median } from './metrics';

/** Per arm: its history replayed `copies` times, arms interleaved, the median of `rounds` rounds. */
export async function replayArms(
  temporal: TemporalClient,
  workflowIds: Record<ArmKey, string>,
  bundles: { engine: string; bare: string },
  copies: number,
  rounds: number,
): Promise<Record<ArmKey, number>> {
  const bundleOf: Record<ArmKey, string> = { A: bundles.engine, B: bundles.bare, C: bundles.engine };
  const cpu: Record<ArmKey, number[]> = { A: [], B: [], C: [] };
  for (let round = 0; round < rounds; round += 1) {
    for (const key of ['A', 'B', 'C'] as const)
      cpu[key].push(await replayCpuMs(temporal, workflowIds[key], bundleOf[key], copies));
  }
  return { A: median(cpu.A), B: median(cpu.B), C: median(cpu.C) };
}

export async function replayCpuMs(
  temporal: TemporalClient,
  workflowId: string,
  bundlePath: string,
  copies: number,
): Promise<number> {
  const history = await temporal.workflow.getHandle(workflowId).fetchHistory();
  const small = Math.max(2, Math.floor(copies / 5));
  const smallRun = await replayRun(history, workflowId, bundlePath, small);
  const largeRun = await replayRun(history, workflowId, bundlePath, copies + small);
  return Math.max(0, largeRun - smallRun) / copies;
}

/** CPU milliseconds of this process for one replay worker replaying the history n times. */
async function replayRun(history: History, workflowId: string, bundlePath: string, n: number): Promise<number> {
  const histories = Array.from({ length: n }, (_, i) => ({ workflowId: `${workflowId}-replay-${i}`, history }));
  const before = process.cpuUsage();
  for await (const result of Worker.runReplayHistories({ workflowBundle: { codePath: bundlePath } }, histories)) {
    if (result.error) throw result.error;
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}
