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

/** A timer's schedule, and whether it counts on a legal clock that is stopped (then it must not fire yet). */
interface Scheduled {
  schedule: TimerSchedule;
  held: boolean;
}

function timerSchedule(elementId: string, trigger: EventTrigger, scope: Variables, legalTime: LegalTime): Scheduled {
  const { result: value, onStoppedClock } = legalTime.track(() => resolveValue(elementId, trigger.timer.value, scope));
  if (typeof value !== 'string') throw incident(elementId, `the timer ${trigger.timer.kind} evaluated to ${JSON.stringify(value)}, not ISO 8601 text`);
  try {
    return { schedule: scheduleTimer(trigger.timer.kind, value, Date.now()), held: onStoppedClock };
  } catch (error) {
    if (error instanceof TimerValueError) throw incident(elementId, `the timer ${trigger.timer.kind} is invalid: ${error.message}`);
    throw error;
  }
}

/**
 * Waits for the n-th firing. Returns false (without firing) when legal time changed first (the calendar, or a
 * clock stopped or resumed), so that the caller computes the schedule again. A held timer only waits for that.
 */
async function waitForFiring({ schedule, held }: Scheduled, n: number, legalTime: LegalTime): Promise<boolean> {
  const version = legalTime.version;
  if (held) {
    await condition(() => legalTime.version !== version);
    return false;
  }
  const delay = firingAt(schedule, n) - Date.now();
  if (delay <= 0) return true;
  const changed = await condition(() => legalTime.version !== version, delay);
  return !changed;
}

/** The schedule again after legal time changed, recording on the instance when the next firing moved. */
async function rescheduled(elementId: string, trigger: EventTrigger, scope: () => Variables, legalTime: LegalTime, previous: Scheduled, n: number): Promise<Scheduled> {
  const next = timerSchedule(elementId, trigger, scope(), legalTime);
  const [from, to] = [firingAt(previous.schedule, n), firingAt(next.schedule, n)];
  if (!next.held && from !== to) await legalTime.recordMove(elementId, 'timer', new Date(from).toISOString(), new Date(to).toISOString());
  return next;
}

/** Resolves when the trigger fires for the first time. */
export async function firstFiring(elementId: string, trigger: EventTrigger, scope: () => Variables, legalTime: LegalTime): Promise<void> {
  let schedule = timerSchedule(elementId, trigger, scope(), legalTime);
  while (!(await waitForFiring(schedule, 0, legalTime))) {
    schedule = await rescheduled(elementId, trigger, scope, legalTime, schedule, 0);
  }
}

/**
 * Calls onFire at every firing of the trigger (a cycle fires repeatedly) until the schedule is spent or the
 * surrounding cancellation scope is cancelled.
 */
export async function everyFiring(elementId: string, trigger: EventTrigger, scope: () => Variables, legalTime: LegalTime, onFire: () => void): Promise<void> {
  let schedule = timerSchedule(elementId, trigger, scope(), legalTime);
  for (let n = 0; n < schedule.schedule.repetitions; ) {
    if (await waitForFiring(schedule, n, legalTime)) {
      onFire();
      n += 1;
    } else {
      schedule = await rescheduled(elementId, trigger, scope, legalTime, schedule, n);
    }
  }
}
