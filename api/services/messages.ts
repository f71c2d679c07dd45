/** Publishing messages and broadcasting signals from outside (platform/correlation.ts does the work). */
import type { Variables } from '../../shared/feel';
import { AppError } from '../../shared/app-error';
import { broadcastSignal, DeliveryError, publishMessage, type CorrelationDeps } from '../../platform/correlation';
import { InstanceStartError } from '../../platform/instances';
import type { AppAbility, Principal } from '../auth/ability';
import type { AppDeps } from '../deps';

function correlationDeps({ prisma, temporal, logger, config }: AppDeps): CorrelationDeps {
  return { prisma, temporal, logger, taskQueue: config.TEMPORAL_TASK_QUEUE };
}

function asApiError(error: unknown): unknown {
  if (error instanceof DeliveryError || error instanceof InstanceStartError) {
    return new AppError(
      'DEPENDENCY_UNAVAILABLE',
      `${error.message}. The process engine (Temporal) did not take every delivery; try again shortly.`,
    );
  }
  return error;
}

export async function publishMessageAs(
  deps: AppDeps,
  ability: AppAbility,
  principal: Principal,
  input: { name: string; correlationKey: string; variables: Variables; timeToLiveMs: number },
) {
  if (!ability.can('publish', 'Message'))
    throw new AppError('FORBIDDEN', 'Only BPR analysts and administrators publish messages.');
  try {
    const result = await publishMessage(correlationDeps(deps), { ...input, publishedBy: principal });
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

export async function broadcastSignalAs(
  deps: AppDeps,
  ability: AppAbility,
  principal: Principal,
  input: { name: string; variables: Variables },
) {
  if (!ability.can('publish', 'Signal'))
    throw new AppError('FORBIDDEN', 'Only BPR analysts and administrators broadcast signals.');
  try {
    const result = await broadcastSignal(correlationDeps(deps), { ...input, broadcastBy: principal });
    return {
      signalId: result.signalId,
      deliveredInstances: result.deliveredInstanceIds,
      startedInstances: result.startedInstanceIds,
    };
  } catch (error) {
    throw asApiError(error);
  }
}
