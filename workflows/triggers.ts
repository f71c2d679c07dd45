/**
 * Waiting for an event trigger inside the workflow. Timers are Temporal timers (durable, and skippable by the
 * time-skipping test server); the clock is the workflow's deterministic Date.now(). A timer whose value may
 * depend on legal time is computed again whenever the business calendar changes, so it moves with it. Messages
 * and signals wait on subscriptions (event-waits.ts); conditions are re-evaluated whenever variables change.
 */
import { condition } from '@temporalio/workflow';
import type { Variables } from '../shared/feel';
import type { EventTrigger } from '../shared/graph';
import { cycleTooShort, type EngineLimits } from '../shared/engine-limits';
import { firingAt, latestDueFiring, scheduleTimer, TimerValueError, type TimerSchedule } from '../shared/timer';
import type { EventWaits } from './event-waits';
import type { LegalTime } from './legal-time';
import { evaluate, resolveValue } from './feel-mappings';
import { incident } from './incidents';
import { hasPatch } from './patches';
import type { Suspension } from './suspension';

/** What waiting for a trigger needs of the running instance. */
export interface TriggerEnv {
  instanceId: string;
  feelScope(): Variables;
  legalTime: LegalTime;
  events: EventWaits;
  anchors: TimerAnchors;
  suspension: Suspension;
  /** The instance's limits; absent in instances started before there were any. */
  limits: EngineLimits | undefined;
}

/** When a timer was armed and how often it has fired: what a timer needs to go on after continue-as-new. */
export interface TimerAnchor {
  armedAt: number;
  fired: number;
}

/** The live timers' anchors by wait (the subscription id), carried over when the instance continues as new. */
export class TimerAnchors {
  private readonly anchors = new Map<string, TimerAnchor>();

  arm(key: string): TimerAnchor {
    const anchor = this.anchors.get(key) ?? { armedAt: Date.now(), fired: 0 };
    this.anchors.set(key, anchor);
    return anchor;
  }

  release(key: string): void {
    this.anchors.delete(key);
  }

  entries(): Array<[string, TimerAnchor]> {
    return [...this.anchors.entries()];
  }

  restore(entries: Array<[string, TimerAnchor]>): void {
    for (const [key, anchor] of entries) this.anchors.set(key, { ...anchor });
  }
}

/** The triggers a watcher can wait for; errors, escalations and compensation are thrown, not waited for. */
export type WaitableTrigger = Extract<EventTrigger, { kind: 'timer' | 'message' | 'signal' | 'conditional' }>;

export function isWaitable(trigger: EventTrigger): trigger is WaitableTrigger {
  return (
    trigger.kind === 'timer' ||
    trigger.kind === 'message' ||
    trigger.kind === 'signal' ||
    trigger.kind === 'conditional'
  );
}

type TimerTrigger = Extract<EventTrigger, { kind: 'timer' }>;

/** A timer's schedule, and whether it counts on a legal clock that is stopped (then it must not fire yet). */
interface Scheduled {
  schedule: TimerSchedule;
  held: boolean;
}

function timerSchedule(elementId: string, trigger: TimerTrigger, env: TriggerEnv, from = Date.now()): Scheduled {
  const { result: value, onStoppedClock } = env.legalTime.track(() =>
    resolveValue(elementId, trigger.timer.value, env.feelScope()),
  );
  if (typeof value !== 'string')
    throw incident(
      elementId,
      `the timer ${trigger.timer.kind} evaluated to ${JSON.stringify(value)}, not ISO 8601 text`,
    );
  let schedule: TimerSchedule;
  try {
    schedule = scheduleTimer(trigger.timer.kind, value, from);
  } catch (error) {
    if (error instanceof TimerValueError)
      throw incident(elementId, `the timer ${trigger.timer.kind} is invalid: ${error.message}`);
    throw error;
  }
  // One incident, raised before the first firing, rather than a flood of firings.
  const tooShort = env.limits && cycleTooShort(schedule.intervalMs, env.limits);
  if (tooShort) throw incident(elementId, `the timer cycle '${value}' is refused: ${tooShort}`);
  return { schedule, held: onStoppedClock };
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
async function rescheduled(
  elementId: string,
  trigger: TimerTrigger,
  env: TriggerEnv,
  previous: Scheduled,
  n: number,
): Promise<Scheduled> {
  const next = timerSchedule(elementId, trigger, env);
  const [from, to] = [firingAt(previous.schedule, n), firingAt(next.schedule, n)];
  if (!next.held && from !== to)
    await env.legalTime.recordMove(elementId, 'timer', new Date(from).toISOString(), new Date(to).toISOString());
  return next;
}

/**
 * Calls onFire at each firing of a timer (a cycle fires repeatedly), at most `limit` times. The schedule counts
 * from when the wait `key` was first armed, so a timer carried over by continue-as-new keeps its instants.
 */
async function timerFirings(
  elementId: string,
  key: string,
  trigger: TimerTrigger,
  env: TriggerEnv,
  limit: number,
  onFire: () => void,
): Promise<void> {
  const anchor = env.anchors.arm(key);
  try {
    let schedule = timerSchedule(elementId, trigger, env, anchor.armedAt);
    while (anchor.fired < Math.min(limit, schedule.schedule.repetitions)) {
      if (await waitForFiring(schedule, anchor.fired, env.legalTime)) {
        // A firing that came due while the instance is suspended happens on resume, once.
        if (env.suspension.suspended) await env.suspension.resumed();
        anchor.fired = catchUp(schedule.schedule, anchor.fired) + 1;
        onFire();
      } else {
        schedule = await rescheduled(elementId, trigger, env, schedule, anchor.fired);
      }
    }
  } finally {
    env.anchors.release(key);
  }
}

/** The firing to fire now for the n-th: the latest one due, so that missed firings fire once together. */
function catchUp(schedule: TimerSchedule, n: number): number {
  const latest = latestDueFiring(schedule, n, Date.now());
  // Histories recorded before the catch-up fired every missed instant (patches.ts).
  return latest > n && hasPatch('timer-cycle-catch-up') ? latest : n;
}

/** Zeebe accepts strings and numbers as correlation keys; numbers correlate by their text. */
function correlationKeyOf(
  elementId: string,
  trigger: Extract<EventTrigger, { kind: 'message' }>,
  scope: Variables,
): string {
  const key = resolveValue(elementId, trigger.correlationKey, scope);
  if (typeof key === 'string') return key;
  if (typeof key === 'number') return String(key);
  throw incident(
    elementId,
    `the correlation key of message '${trigger.messageName}' evaluated to ${JSON.stringify(key)}; it must be a string or a number`,
  );
}

/** Evaluates a condition; a FEEL error is kept for the caller to raise (a condition() predicate must not throw). */
function holds(elementId: string, source: string, env: TriggerEnv, failure: { error?: Error }): boolean {
  try {
    return evaluate(elementId, source, env.feelScope()) === true;
  } catch (error) {
    failure.error = error instanceof Error ? error : new Error(String(error));
    return true;
  }
}

async function conditionBecomes(elementId: string, source: string, env: TriggerEnv, wanted: boolean): Promise<void> {
  const failure: { error?: Error } = {};
  await condition(() => holds(elementId, source, env, failure) === wanted || failure.error !== undefined);
  if (failure.error !== undefined) throw failure.error;
}

/**
 * Resolves when the trigger fires for the first time, with the variables it carried (a message's or signal's).
 * `subscriptionId` names the subscription row (unique per waiting element instance). `onWaiting` is called once
 * nothing but the event itself is awaited (the subscription is open), so the wait could be carried over.
 */
export async function firstFiring(
  env: TriggerEnv,
  elementId: string,
  subscriptionId: string,
  trigger: WaitableTrigger,
  onWaiting: () => void = () => undefined,
): Promise<Variables> {
  switch (trigger.kind) {
    case 'timer':
      onWaiting();
      await timerFirings(elementId, subscriptionId, trigger, env, 1, () => undefined);
      return {};
    case 'message':
      return env.events.waitFor(
        env.instanceId,
        {
          elementId,
          elementInstanceId: subscriptionId,
          kind: 'message',
          name: trigger.messageName,
          correlationKey: correlationKeyOf(elementId, trigger, env.feelScope()),
        },
        onWaiting,
      );
    case 'signal':
      return env.events.waitFor(
        env.instanceId,
        { elementId, elementInstanceId: subscriptionId, kind: 'signal', name: trigger.signalName },
        onWaiting,
      );
    case 'conditional':
      onWaiting();
      await conditionBecomes(elementId, trigger.condition, env, true);
      return {};
  }
}

/**
 * Calls onFire at every firing until the surrounding cancellation scope is cancelled (or a timer's schedule is
 * spent): a cycle fires repeatedly, a message or signal each time one arrives, a condition each time it becomes true.
 */
export async function everyFiring(
  env: TriggerEnv,
  elementId: string,
  subscriptionId: string,
  trigger: WaitableTrigger,
  onFire: (variables: Variables) => void,
): Promise<void> {
  if (trigger.kind === 'timer')
    return timerFirings(elementId, subscriptionId, trigger, env, Infinity, () => onFire({}));
  for (;;) {
    onFire(await firstFiring(env, elementId, subscriptionId, trigger));
    if (trigger.kind === 'conditional') await conditionBecomes(elementId, trigger.condition, env, false);
  }
}
