/**
 * The engine's limits on what a model may ask of it (docs/reliability.md, "Engine limits"). Configured once
 * (platform/config.ts) and carried to the interpreter in each instance's input, so a run applies the limits it
 * started with; instances started before they existed carry none and run as they always did.
 */
import { Duration } from 'luxon';

export interface EngineLimits {
  /** The shortest period a timer cycle may repeat at. */
  minTimerCycleMs: number;
  /** The most items a multi-instance activity may run for. */
  maxMultiInstanceItems: number;
}

export const DEFAULT_ENGINE_LIMITS: EngineLimits = { minTimerCycleMs: 60_000, maxMultiInstanceItems: 10_000 };

/** A period as people write it: PT1M rather than 60000 ms. */
export function isoPeriod(ms: number): string {
  return Duration.fromMillis(ms).rescale().toISO() ?? `${ms} ms`;
}

/** Why a cycle repeating every `intervalMs` is refused, or undefined when it is within the limit. */
export function cycleTooShort(intervalMs: number | undefined, limits: EngineLimits): string | undefined {
  if (intervalMs === undefined || intervalMs >= limits.minTimerCycleMs) return undefined;
  return `the cycle repeats every ${isoPeriod(intervalMs)}, more often than the engine's minimum period of ${isoPeriod(limits.minTimerCycleMs)}; choose a longer period (MIN_TIMER_CYCLE_SECONDS)`;
}

/** Why a multi-instance collection of `size` items is refused, or undefined when it is within the limit. */
export function collectionTooLarge(size: number, limits: EngineLimits): string | undefined {
  if (size <= limits.maxMultiInstanceItems) return undefined;
  return `the inputCollection has ${size} items, more than the engine's maximum of ${limits.maxMultiInstanceItems} (MAX_MULTI_INSTANCE_ITEMS); split the work or fix the variable, then resolve the incident`;
}
