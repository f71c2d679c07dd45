/**
 * Runs an activity with its boundary events watching (a race of cancellation scopes). An interrupting boundary
 * that fires first cancels the activity and redirects the token to itself; a non-interrupting one starts an
 * extra token at every firing while the activity runs. When the activity ends, the watchers are cancelled.
 * Error and escalation boundaries are not watched: the thrown BPMN event unwinds to the host, which hands the
 * token to the boundary chosen when it was thrown.
 */
import { CancellationScope, isCancellation } from '@temporalio/workflow';
import type { Variables } from '../shared/feel';
import type { BoundaryEventElement } from '../shared/graph';
import { BpmnThrow } from './bpmn-throws';
import type { Leave } from './elements/behaviour';
import { everyFiring, firstFiring, isWaitable, type TriggerEnv } from './triggers';

export type HostOutcome = { leave: Leave } | { interruptedBy: string; variables: Variables };

const SETTLED = Promise.resolve();

export function runWithBoundaries(
  boundaries: BoundaryEventElement[],
  env: TriggerEnv,
  hostInstanceId: string,
  runHost: () => Promise<Leave> | Leave,
  startToken: (boundaryId: string, variables: Variables) => void,
): Promise<HostOutcome> {
  const watched = boundaries.filter((boundary) => isWaitable(boundary.trigger));
  const caught = (error: unknown): error is BpmnThrow =>
    error instanceof BpmnThrow && boundaries.some((boundary) => boundary.id === error.catcherId);
  if (watched.length === 0) return runUnwatched(runHost, caught);
  return runWatched(watched, env, hostInstanceId, runHost, startToken, caught);
}

/** The boundary a BPMN error or escalation thrown inside the host goes to, as the host's outcome. */
const thrownTo = (error: BpmnThrow): HostOutcome => ({ interruptedBy: error.catcherId, variables: error.variables });

/**
 * The host alone, built from promise reactions rather than an async function: its outcome settles in the microtask
 * tick it always did, so parallel tokens keep their command order, with fewer promises per element (each one pays
 * the Temporal SDK's stack-trace hook; docs/benchmarks.md).
 */
function runUnwatched(
  runHost: () => Promise<Leave> | Leave,
  caught: (error: unknown) => error is BpmnThrow,
): Promise<HostOutcome> {
  let leave: Promise<Leave> | Leave;
  try {
    leave = runHost();
  } catch (error) {
    if (caught(error)) return Promise.resolve(thrownTo(error));
    // A rejected promise rather than a throw: the caller meets the failure a tick later, as it always did.
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  if (!(leave instanceof Promise)) return SETTLED.then(() => ({ leave }));
  return leave.then(
    (left) => ({ leave: left }),
    (error: unknown) => {
      if (caught(error)) return thrownTo(error);
      throw error;
    },
  );
}

async function runWatched(
  watched: BoundaryEventElement[],
  env: TriggerEnv,
  hostInstanceId: string,
  runHost: () => Promise<Leave> | Leave,
  startToken: (boundaryId: string, variables: Variables) => void,
  caught: (error: unknown) => error is BpmnThrow,
): Promise<HostOutcome> {
  const host = new CancellationScope();
  const watchers = new CancellationScope();
  let interruption: { boundaryId: string; variables: Variables } | undefined;
  let watcherFailure: Error | undefined;

  const watching = watchers
    .run(() =>
      Promise.all(
        watched.map(async (boundary) => {
          const trigger = boundary.trigger;
          if (!isWaitable(trigger)) return;
          const subscriptionId = `${hostInstanceId}/${boundary.id}`;
          if (boundary.cancelActivity) {
            const variables = await firstFiring(env, boundary.id, subscriptionId, trigger);
            interruption ??= { boundaryId: boundary.id, variables };
            host.cancel();
          } else {
            await everyFiring(env, boundary.id, subscriptionId, trigger, (variables) =>
              startToken(boundary.id, variables),
            );
          }
        }),
      ),
    )
    .catch((error: unknown) => {
      if (isCancellation(error)) return;
      // A watcher that cannot run (say, a timer value that is not ISO 8601) stops the activity too.
      watcherFailure = error instanceof Error ? error : new Error(String(error));
      host.cancel();
    });

  try {
    return { leave: await host.run(async () => runHost()) };
  } catch (error) {
    if (watcherFailure !== undefined) throw watcherFailure;
    if (interruption !== undefined && isCancellation(error))
      return { interruptedBy: interruption.boundaryId, variables: interruption.variables };
    if (caught(error)) return thrownTo(error);
    throw error;
  } finally {
    watchers.cancel();
    await watching;
  }
}
