/**
 * `npm run load`'s figures and pass/fail checks from the recorded answers (docs/reliability.md, "Load and fuzzing").
 * Pure functions of the samples, so the thresholds are tested without a stack.
 */
import { percentile } from './metrics';

export const OPERATIONS = ['queue', 'start', 'claim', 'complete', 'publish'] as const;
export type Operation = (typeof OPERATIONS)[number];
/** `quiet` is the idle time after the last request, sampled for memory only. */
export type Phase = 'warmup' | 'steady' | 'burst' | 'recovery' | 'quiet';

/** One request as the load driver saw it: `at` and `ms` in milliseconds from the run's start. */
export interface Outcome {
  op: Operation;
  phase: Phase;
  at: number;
  ms: number;
  /** The HTTP status, or what happened instead of an answer. */
  status: number | 'timeout' | 'network';
  retryAfter: boolean;
}

export interface RssSample {
  at: number;
  phase: Phase;
  bytes: number;
}

/** The thresholds, stated once (and printed with the checks). */
export const LIMITS = {
  /** Failures and refusals at the steady rate, as a share of its requests. */
  steadyErrorRate: 0.01,
  /** API RSS at its peak above its level after the warm-up: the burst's admitted requests are bounded. */
  rssPeakGrowthBytes: 256 * 2 ** 20,
  /**
   * API RSS after the recovery and the quiet time above its highest level up to the burst's end: V8 keeps the heap it
   * grew to (the high-water mark stays), but memory that keeps climbing at the steady rate is a leak.
   */
  rssClimbAfterBurstBytes: 32 * 2 ** 20,
  /** After the burst, a 10 s window's p99 must come back within this factor of the steady p99... */
  recoveryFactor: 1.5,
  /** ...or this many milliseconds above it, whichever is larger (a few ms are noise on a shared machine). */
  recoverySlackMs: 20,
  /** ...within this long after the burst ends. */
  recoveryWithinMs: 60_000,
  windowMs: 10_000,
} as const;

export type Verdict = 'ok' | 'by-design' | 'shed' | 'failure';

/**
 * 2xx is ok; a 4xx other than 429 is an answer by design (a claim race lost, a task already completed); 429 or 503
 * with Retry-After is overload refused politely; anything else (5xx, no Retry-After, a timeout) is a failure.
 */
export function verdict(outcome: Outcome): Verdict {
  const { status } = outcome;
  if (typeof status !== 'number') return 'failure';
  if (status >= 200 && status < 300) return 'ok';
  if ((status === 429 || status === 503) && outcome.retryAfter) return 'shed';
  if (status >= 400 && status < 500 && status !== 429) return 'by-design';
  return 'failure';
}

export interface OperationFigures {
  count: number;
  p50: number;
  p99: number;
  shed: number;
  failures: number;
}

/** Latency percentiles over the answered requests (refusals are fast and would flatter them), and the counts. */
export function figures(outcomes: Outcome[]): OperationFigures {
  const served = outcomes
    .filter((o) => verdict(o) === 'ok' || verdict(o) === 'by-design')
    .map((o) => o.ms)
    .sort((a, b) => a - b);
  return {
    count: outcomes.length,
    p50: percentile(served, 50),
    p99: percentile(served, 99),
    shed: outcomes.filter((o) => verdict(o) === 'shed').length,
    failures: outcomes.filter((o) => verdict(o) === 'failure').length,
  };
}

export interface Check {
  name: string;
  passed: boolean;
  detail: string;
}

export function checks(outcomes: Outcome[], rss: RssSample[], burstEndsAt: number): Check[] {
  return [steadyErrors(outcomes), burstAnswers(outcomes), memory(rss), recovery(outcomes, burstEndsAt)];
}

function steadyErrors(outcomes: Outcome[]): Check {
  const steady = outcomes.filter((o) => o.phase === 'steady');
  const bad = steady.filter((o) => verdict(o) === 'failure' || verdict(o) === 'shed').length;
  const rate = steady.length ? bad / steady.length : 1;
  return {
    name: 'steady error rate',
    passed: steady.length > 0 && rate < LIMITS.steadyErrorRate,
    detail: `${bad} of ${steady.length} requests failed or refused (${pct(rate)}; limit ${pct(LIMITS.steadyErrorRate)})`,
  };
}

function burstAnswers(outcomes: Outcome[]): Check {
  const during = outcomes.filter((o) => o.phase === 'burst' || o.phase === 'recovery');
  const failures = during.filter((o) => verdict(o) === 'failure');
  const kinds = [...new Set(failures.map((o) => String(o.status)))].join(', ');
  const shed = during.filter((o) => verdict(o) === 'shed').length;
  return {
    name: 'overload answered with 429/503 and Retry-After only',
    passed: during.length > 0 && failures.length === 0,
    detail:
      `${shed} refused politely, ${failures.length} failures${kinds ? ` (${kinds})` : ''} ` +
      `of ${during.length} requests in the burst and recovery`,
  };
}

function memory(rss: RssSample[]): Check {
  const warm = rss.filter((s) => s.phase === 'warmup').at(-1) ?? rss[0];
  if (!warm) return { name: 'API memory bounded', passed: false, detail: 'no RSS samples' };
  const peak = Math.max(...rss.map((s) => s.bytes));
  const upToBurstEnd = Math.max(
    ...rss.filter((s) => s.phase !== 'recovery' && s.phase !== 'quiet').map((s) => s.bytes),
  );
  const final = rss.at(-1)!.bytes;
  return {
    name: 'API memory bounded',
    passed: peak - warm.bytes <= LIMITS.rssPeakGrowthBytes && final - upToBurstEnd <= LIMITS.rssClimbAfterBurstBytes,
    detail:
      `RSS ${mib(warm.bytes)} after warm-up, peak ${mib(peak)} (limit +${mib(LIMITS.rssPeakGrowthBytes)}); ` +
      `${mib(upToBurstEnd)} at most up to the burst's end, ${mib(final)} after the recovery and quiet time ` +
      `(limit +${mib(LIMITS.rssClimbAfterBurstBytes)})`,
  };
}

/** The steady p99 and the p99 a window after the burst must come back under. */
function recoveryThreshold(outcomes: Outcome[]): { baseline: number; threshold: number } {
  const baseline = figures(outcomes.filter((o) => o.phase === 'steady')).p99;
  return { baseline, threshold: Math.max(baseline * LIMITS.recoveryFactor, baseline + LIMITS.recoverySlackMs) };
}

/**
 * Milliseconds from the burst's end to the end of the first 10 s window (sliding by 1 s) whose p99 is back under the
 * threshold with no failures; undefined if none ends within LIMITS.recoveryWithinMs.
 */
export function recoveredAfterMs(outcomes: Outcome[], burstEndsAt: number): number | undefined {
  const { threshold } = recoveryThreshold(outcomes);
  const after = outcomes.filter((o) => o.phase === 'recovery');
  for (let start = burstEndsAt; start + LIMITS.windowMs <= burstEndsAt + LIMITS.recoveryWithinMs; start += 1000) {
    const window = after.filter((o) => o.at >= start && o.at < start + LIMITS.windowMs);
    const { p99, failures, count } = figures(window);
    if (count > 0 && failures === 0 && p99 <= threshold) return start + LIMITS.windowMs - burstEndsAt;
  }
  return undefined;
}

function recovery(outcomes: Outcome[], burstEndsAt: number): Check {
  const { baseline, threshold } = recoveryThreshold(outcomes);
  const recovered = recoveredAfterMs(outcomes, burstEndsAt);
  const bound = `${threshold.toFixed(0)} ms (steady p99 ${baseline.toFixed(0)} ms)`;
  return {
    name: 'latency back to baseline after the burst',
    passed: recovered !== undefined,
    detail:
      recovered === undefined
        ? `p99 stayed above ${bound} for ${LIMITS.recoveryWithinMs / 1000} s`
        : `a 10 s window's p99 ≤ ${bound} ${(recovered / 1000).toFixed(0)} s after the burst`,
  };
}

const pct = (share: number) => `${(share * 100).toFixed(2)}%`;
export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
