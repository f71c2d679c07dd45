/**
 * Runs an activity with its boundary events watching (a race of cancellation scopes). An interrupting boundary
 * that fires first cancels the activity and redirects the token to itself; a non-interrupting one starts an
 * extra token at every firing while the activity runs. When the activity ends, the watchers are cancelled.
 */
import { CancellationScope, isCancellation } from '@temporalio/workflow';
import type { Variables } from '../shared/feel';
import type { BoundaryEventElement } from '../shared/graph';
import type { Leave } from './elements/behaviour';
import type { LegalTime } from './legal-time';
import { everyFiring, firstFiring } from './triggers';

export type HostOutcome = { leave: Leave } | { interruptedBy: string };

export async function runWithBoundaries(
  boundaries: BoundaryEventElement[],
  scope: () => Variables,
  legalTime: LegalTime,
  runHost: () => Promise<Leave> | Leave,
  startToken: (boundaryId: string) => void,
): Promise<HostOutcome> {
  if (boundaries.length === 0) return { leave: await runHost() };
  const host = new CancellationScope();
  const watchers = new CancellationScope();
  let interruptedBy: string | undefined;
  let watcherFailure: Error | undefined;

  const watching = watchers
    .run(() =>
      Promise.all(
        boundaries.map(async (boundary) => {
          if (boundary.cancelActivity) {
            await firstFiring(boundary.id, boundary.trigger, scope, legalTime);
            interruptedBy ??= boundary.id;
            host.cancel();
          } else {
            await everyFiring(boundary.id, boundary.trigger, scope, legalTime, () => startToken(boundary.id));
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
    if (interruptedBy !== undefined && isCancellation(error)) return { interruptedBy };
    throw error;
  } finally {
    watchers.cancel();
    await watching;
  }
}
