/**
 * A timer start event of the latest version of a process: one workflow per event, started at deploy (and
 * cancelled when a newer version replaces it). At each firing it starts one instance at that start event; a
 * date fires once, a duration once after the deploy, a cycle at every repetition. A cycle whose start lies in the
 * past starts one instance for the firings it missed, then keeps its schedule.
 */
import { ApplicationFailure, continueAsNew, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import { evaluateFeel } from '../shared/feel';
import { cycleTooShort } from '../shared/engine-limits';
import { firingAt, latestDueFiring, scheduleTimer } from '../shared/timer';
import type { TimerStartInput } from '../shared/workflow-contract';
import type { Activities } from '../activities';
import { hasPatch } from './patches';

const { startTimerInstance } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/** An endless cycle continues as new after this many firings, keeping history short. */
const FIRINGS_PER_RUN = 500;

export async function runTimerStart(
  input: TimerStartInput & { firstFiring?: number; scheduledFrom?: number },
): Promise<void> {
  // A FEEL timer value of a start event has no instance variables to read: it is evaluated on its own.
  const value =
    input.timer.value.kind === 'static' ? input.timer.value.value : evaluateFeel(input.timer.value.source, {});
  if (typeof value !== 'string')
    throw ApplicationFailure.nonRetryable(
      `the timer of start event '${input.elementId}' evaluated to ${JSON.stringify(value)}, not ISO 8601 text`,
    );
  const from = input.scheduledFrom ?? Date.now();
  const schedule = scheduleTimer(input.timer.kind, value, from);
  // A FEEL cycle the deploy could not check: refused before its first firing.
  const tooShort = input.limits && cycleTooShort(schedule.intervalMs, input.limits);
  if (tooShort)
    throw ApplicationFailure.nonRetryable(
      `the timer cycle of start event '${input.elementId}' is refused: ${tooShort}`,
    );
  const first = input.firstFiring ?? 0;
  for (let n = first; n < schedule.repetitions; n += 1) {
    if (n - first >= FIRINGS_PER_RUN) {
      await continueAsNew<typeof runTimerStart>({ ...input, firstFiring: n, scheduledFrom: from });
    }
    const latest = latestDueFiring(schedule, n, Date.now());
    // Histories recorded before the catch-up started one instance per missed firing (patches.ts).
    if (latest > n && hasPatch('timer-start-catch-up')) n = latest;
    const at = firingAt(schedule, n);
    if (at > Date.now()) await sleep(at - Date.now());
    // The firing's instant makes the instance's idempotency key: a retried activity starts no second instance.
    await startTimerInstance({
      definitionId: input.definitionId,
      startElementId: input.elementId,
      firingKey: `${workflowInfo().workflowId}@${new Date(at).toISOString()}`,
    });
  }
}
