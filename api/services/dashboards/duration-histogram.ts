/**
 * Durations kept as histograms (the dashboard aggregate tables): bucket b holds durations d with
 * floor(ln(1 + d) / ln(1.1)) = b, the same formula as the database function "dashboardDurationBucket". A
 * percentile is read as the middle of the bucket that holds it, so it is within 5% of the exact value.
 */
import { z } from 'zod';

const GROWTH = 1.1;

/** One bucket of a histogram: how many durations fell in it and their sum. */
export interface HistogramBucket {
  bucket: number;
  count: number;
  durationMsSum: number;
}

/** Durations in milliseconds; null when nothing was counted. */
export const durationSummary = z.object({
  median: z.number().nullable(),
  p90: z.number().nullable(),
  mean: z.number().nullable(),
  count: z.number().int().min(0),
});
export type DurationSummary = z.infer<typeof durationSummary>;

/** The bucket of a duration, in milliseconds. */
export function bucketOf(durationMs: number): number {
  return Math.floor(Math.log(1 + Math.max(durationMs, 0)) / Math.log(GROWTH));
}

/** The duration a bucket stands for: the geometric middle of its bounds, in whole milliseconds. */
export function bucketValue(bucket: number): number {
  return Math.round(Math.sqrt(GROWTH ** bucket * GROWTH ** (bucket + 1)) - 1);
}

/** The nearest-rank percentile (as SQL's percentile_disc) of the durations a histogram holds. */
function percentile(sorted: HistogramBucket[], total: number, fraction: number): number {
  const rank = Math.max(1, Math.ceil(fraction * total));
  let seen = 0;
  // The rank never exceeds the total, so some bucket holds it.
  const holding = sorted.find(({ count }) => (seen += count) >= rank);
  return bucketValue(holding?.bucket ?? 0);
}

export function summarize(buckets: HistogramBucket[]): DurationSummary {
  const sorted = [...buckets].filter(({ count }) => count > 0).sort((a, b) => a.bucket - b.bucket);
  const count = sorted.reduce((total, { count }) => total + count, 0);
  if (count === 0) return { median: null, p90: null, mean: null, count: 0 };
  const sum = sorted.reduce((total, { durationMsSum }) => total + durationMsSum, 0);
  return {
    median: percentile(sorted, count, 0.5),
    p90: percentile(sorted, count, 0.9),
    mean: Math.round(sum / count),
    count,
  };
}
