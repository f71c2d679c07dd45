/**
 * Waiting for an event trigger inside the workflow. Timers are Temporal timers (durable, and skippable by the
 * time-skipping test server); the clock is the workflow's deterministic Date.now().
 */
import { sleep } from '@temporalio/workflow';
import type { Variables } from '../shared/feel';
import type { EventTrigger } from '../shared/graph';
import { firingAt, scheduleTimer, TimerValueError, type TimerSchedule } from '../shared/timer';
import { incident, resolveValue } from './scope';

function timerSchedule(elementId: string, trigger: EventTrigger, variables: Variables): TimerSchedule {
  const value = resolveValue(elementId, trigger.timer.value, variables);
  if (typeof value !== 'string') throw incident(elementId, `the timer ${trigger.timer.kind} evaluated to ${JSON.stringify(value)}, not ISO 8601 text`);
  try {
    return scheduleTimer(trigger.timer.kind, value, Date.now());
  } catch (error) {
    if (error instanceof TimerValueError) throw incident(elementId, `the timer ${trigger.timer.kind} is invalid: ${error.message}`);
    throw error;
  }
}

async function sleepUntil(instant: number): Promise<void> {
  const delay = instant - Date.now();
  if (delay > 0) await sleep(delay);
}

/** Resolves when the trigger fires for the first time. */
export async function firstFiring(elementId: string, trigger: EventTrigger, variables: Variables): Promise<void> {
  await sleepUntil(timerSchedule(elementId, trigger, variables).firstAt);
}

/**
 * Calls onFire at every firing of the trigger (a cycle fires repeatedly) until the schedule is spent or the
 * surrounding cancellation scope is cancelled.
 */
export async function everyFiring(elementId: string, trigger: EventTrigger, variables: Variables, onFire: () => void): Promise<void> {
  const schedule = timerSchedule(elementId, trigger, variables);
  for (let n = 0; n < schedule.repetitions; n += 1) {
    await sleepUntil(firingAt(schedule, n));
    onFire();
  }
}
