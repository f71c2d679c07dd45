/**
 * The bench's last printed lines, in this order (issue 17): for each storage mode run, what an instance costs at
 * saturation; then the history events of A and B; then R, last, so that `tail -1` gives it.
 */
import type { ArmKey } from './arms';
import type { StorageMode } from './storage';

/** What the headline needs of one arm's run (metrics.ts RunResult has it). */
export interface ArmPoint {
  perSecond: number;
  cpuMs: { total: number };
}

/** One storage mode's saturation point: the concurrency of arm A's highest throughput, and every arm there. */
export interface Saturation {
  storage: StorageMode;
  concurrency: number;
  /** False when A's throughput still rose at the sweep's last level: the point is then a lower bound. */
  reached: boolean;
  arms: Record<ArmKey, ArmPoint>;
  /** The Temporal server ran outside the bench (postgres): its CPU is not in the totals. */
  temporalUncounted?: boolean;
}

export interface HistoryCounts {
  events: { a: number; b: number };
  bytes: { a: number; b: number };
}

const one = (v: number) => v.toFixed(1);
const where = (s: Saturation) => `${s.concurrency} in flight${s.reached ? '' : ', still rising: a lower bound'}`;

export function cpuAtSaturationLine(s: Saturation): string {
  const { A, B, C } = s.arms;
  return (
    `CPU ms per instance at saturation (${s.storage}): A ${one(A.cpuMs.total)}, B ${one(B.cpuMs.total)}, C ${one(C.cpuMs.total)}` +
    ` (${where(s)}${s.temporalUncounted ? '; the Temporal server runs outside the bench and is not counted' : ''})`
  );
}

export function historyEventsLine(h: HistoryCounts): string {
  return (
    `History events A/B = ${h.events.a}/${h.events.b} = ${(h.events.a / h.events.b).toFixed(3)} ` +
    `(bytes ${h.bytes.a}/${h.bytes.b} = ${(h.bytes.a / h.bytes.b).toFixed(2)})`
  );
}

/** A's throughput ÷ B's at A's saturation point. */
export const ratioR = (s: Saturation): number => s.arms.A.perSecond / s.arms.B.perSecond;

/** One line, R of each storage mode in the order run: `R = 0.929 (memory: …); 0.910 (file: …)`. */
export function rLine(saturations: Saturation[]): string {
  const each = saturations.map(
    (s) =>
      `${ratioR(s).toFixed(3)} (${s.storage}: A/B = ${one(s.arms.A.perSecond)}/${one(s.arms.B.perSecond)} instances/s ` +
      `at ${where(s)}${s.reached ? ', saturation' : ''})`,
  );
  return `R = ${each.join('; ')}`;
}

export function headlineLines(saturations: Saturation[], history: HistoryCounts): string[] {
  return [...saturations.map(cpuAtSaturationLine), historyEventsLine(history), rLine(saturations)];
}
