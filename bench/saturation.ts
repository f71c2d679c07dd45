/**
 * The concurrency sweep's stopping rule and its headline point (issue 17). A closed loop's throughput rises with the
 * instances in flight until some resource saturates, then flattens or falls; what one instance costs, for sizing
 * hardware, is read at that point, not at a level where the machine still idles.
 */

/** A gain below this over the previous point counts as "no longer rising". */
export const FLAT_GAIN = 0.05;

/**
 * Whether the throughputs measured so far (at rising concurrency) show saturation: the last point fell below the one
 * before it, or each of the last two points gained less than FLAT_GAIN over its predecessor.
 */
export function isSaturated(throughputs: number[]): boolean {
  const gains = throughputs.slice(1).map((t, i) => t / (throughputs[i] as number) - 1);
  const last = gains[gains.length - 1];
  if (last === undefined) return false;
  return last < 0 || (gains.length >= 2 && gains.slice(-2).every((gain) => gain < FLAT_GAIN));
}

/** The saturation point: the index of the highest throughput (the lowest concurrency among equals). */
export function saturationIndex(throughputs: number[]): number {
  if (throughputs.length === 0) throw new Error('no throughput measured: no saturation point');
  return throughputs.reduce((best, t, i) => (t > (throughputs[best] as number) ? i : best), 0);
}
