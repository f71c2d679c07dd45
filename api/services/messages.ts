/** Publishing messages and broadcasting signals from outside; the engine correlates them (engine/correlation.ts). */
import { z } from 'zod';
import type { Variables } from '../../shared/feel';
import { AppError } from '../../shared/app-error';
import * as correlation from '../../engine/correlation';
import { InstanceStartError } from '../../engine/instances';
import type { Caller } from '../auth/ability';
import { engineDeps, type ServiceDeps } from '../deps';
import { assertMayStartByEvent } from './process-access';

function asApiError(error: unknown): unknown {
  if (error instanceof correlation.DeliveryError || error instanceof InstanceStartError) {
    return new AppError(
      'DEPENDENCY_UNAVAILABLE',
      `${error.message}. The process engine (Temporal) did not take every delivery; try again shortly.`,
    );
  }
  return error;
}

/** Where a published message went: the instances it reached, those it started, and whether it waits for more. */
export const publishedMessageAnswer = z.object({
  messageId: z.string(),
  correlatedInstances: z.array(z.string()),
  startedInstances: z.array(z.string()),
  buffered: z.boolean().describe('It has a timeToLive and waits for subscriptions opened later'),
});

/** Where a broadcast signal went. */
export const broadcastSignalAnswer = z.object({
  signalId: z.string(),
  deliveredInstances: z.array(z.string()),
  startedInstances: z.array(z.string()),
});

export async function publishMessage(
  deps: ServiceDeps,
  caller: Caller,
  input: { name: string; correlationKey: string; variables: Variables; timeToLiveMs: number; messageId?: string },
): Promise<z.input<typeof publishedMessageAnswer>> {
  const { principal, ability } = caller;
  if (!ability.can('publish', 'Message'))
    throw new AppError('FORBIDDEN', 'Only BPR analysts and administrators publish messages.');
  await assertMayStartByEvent(deps, caller, { kind: 'MESSAGE', name: input.name });
  try {
    const result = await correlation.publishMessage(engineDeps(deps), { ...input, publishedBy: principal });
    return {
      messageId: result.messageId,
      correlatedInstances: result.correlatedInstanceIds,
      startedInstances: result.startedInstanceIds,
      buffered: result.buffered,
    };
  } catch (error) {
    throw asApiError(error);
  }
}

export async function broadcastSignal(
  deps: ServiceDeps,
  caller: Caller,
  input: { name: string; variables: Variables },
): Promise<z.input<typeof broadcastSignalAnswer>> {
  const { principal, ability } = caller;
  if (!ability.can('publish', 'Signal'))
    throw new AppError('FORBIDDEN', 'Only BPR analysts and administrators broadcast signals.');
  await assertMayStartByEvent(deps, caller, { kind: 'SIGNAL', name: input.name });
  try {
    const result = await correlation.broadcastSignal(engineDeps(deps), { ...input, broadcastBy: principal });
    return {
      signalId: result.signalId,
      deliveredInstances: result.deliveredInstanceIds,
      startedInstances: result.startedInstanceIds,
    };
  } catch (error) {
    throw asApiError(error);
  }
}
