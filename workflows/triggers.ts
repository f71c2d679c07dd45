/**
 * Waiting for an event trigger inside the workflow. Timers are Temporal timers (durable, and skippable by the
 * time-skipping test server); the clock is the workflow's deterministic Date.now(). A timer whose value may
 * depend on legal time is computed again whenever the business calendar changes, so it moves with it.
 */
import { condition } from '@temporalio/workflow';
import type { Variables } from '../shared/feel';
import type { EventTrigger } from '../shared/graph';
import { firingAt, scheduleTimer, TimerValueError, type TimerSchedule } from '../shared/timer';
import type { LegalTime } from './legal-time';
import { incident, resolveValue } from './scope';

function timerSchedule(elementId: string, trigger: EventTrigger, scope: Variables): TimerSchedule {
  const value = resolveValue(elementId, trigger.timer.value, scope);
  if (typeof value !== 'string') throw incident(elementId, `the timer ${trigger.timer.kind} evaluated to ${JSON.stringify(value)}, not ISO 8601 text`);
  try {
    return scheduleTimer(trigger.timer.kind, value, Date.now());
  } catch (error) {
    if (error instanceof TimerValueError) throw incident(elementId, `the timer ${trigger.timer.kind} is invalid: ${error.message}`);
    throw error;
  }
}

/**
 * Waits for the n-th firing. Returns false (without firing) when the calendar changed first, so that the caller
 * computes the schedule again.
 */
async function waitForFiring(schedule: TimerSchedule, n: number, legalTime: LegalTime): Promise<boolean> {
  const version = legalTime.version;
  const delay = firingAt(schedule, n) - Date.now();
  if (delay <= 0) return true;
  const calendarChanged = await condition(() => legalTime.version !== version, delay);
  return !calendarChanged;
}

/** The schedule again after a calendar change, recording on the instance when the next firing moved. */
async function rescheduled(elementId: string, trigger: EventTrigger, scope: () => Variables, legalTime: LegalTime, previous: TimerSchedule, n: number): Promise<TimerSchedule> {
  const schedule = timerSchedule(elementId, trigger, scope());
  const [from, to] = [firingAt(previous, n), firingAt(schedule, n)];
  if (from !== to) await legalTime.recordMove(elementId, 'timer', new Date(from).toISOString(), new Date(to).toISOString());
  return schedule;
}

/** Resolves when the trigger fires for the first time. */
export async function firstFiring(elementId: string, trigger: EventTrigger, scope: () => Variables, legalTime: LegalTime): Promise<void> {
  let schedule = timerSchedule(elementId, trigger, scope());
  while (!(await waitForFiring(schedule, 0, legalTime))) {
    schedule = await rescheduled(elementId, trigger, scope, legalTime, schedule, 0);
  }
}

/**
 * Calls onFire at every firing of the trigger (a cycle fires repeatedly) until the schedule is spent or the
 * surrounding cancellation scope is cancelled.
 */
export async function everyFiring(elementId: string, trigger: EventTrigger, scope: () => Variables, legalTime: LegalTime, onFire: () => void): Promise<void> {
  let schedule = timerSchedule(elementId, trigger, scope());
  for (let n = 0; n < schedule.repetitions; ) {
    if (await waitForFiring(schedule, n, legalTime)) {
      onFire();
      n += 1;
    } else {
      schedule = await rescheduled(elementId, trigger, scope, legalTime, schedule, n);
    }
  }
}
