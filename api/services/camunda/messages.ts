/** Messages and signals in Camunda's shapes, over the same services as /api/messages and /api/signals. */
import { z } from 'zod';
import type { Variables } from '../../../shared/feel';
import { AppError } from '../../../shared/app-error';
import { keyFor, keysFor } from '../../../engine/camunda-keys';
import type { Caller } from '../../auth/ability';
import type { ServiceDeps } from '../../deps';
import { broadcastSignal, publishMessage } from '../messages';
import { DEFAULT_TENANT, keyAnswer, tenantId } from './search';

export const publicationAnswer = z.object({ messageKey: keyAnswer, tenantId });
export const correlationAnswer = z.object({ messageKey: keyAnswer, processInstanceKey: keyAnswer, tenantId });
export const broadcastAnswer = z.object({ signalKey: keyAnswer, tenantId });

export async function publishCamundaMessage(
  deps: ServiceDeps,
  caller: Caller,
  input: { name: string; correlationKey: string; variables: Variables; timeToLiveMs: number; messageId?: string },
): Promise<z.input<typeof publicationAnswer>> {
  const published = await publishMessage(deps, caller, input);
  return { messageKey: await keyFor(deps.prisma, 'MESSAGE', published.messageId), tenantId: DEFAULT_TENANT };
}

/**
 * Publishes without keeping the message and answers the first instance it reached (a waiting one, else one it
 * started); a message nothing waits for is refused as Camunda refuses it, 404, and is not kept.
 */
export async function correlateCamundaMessage(
  deps: ServiceDeps,
  caller: Caller,
  input: { name: string; correlationKey: string; variables: Variables },
): Promise<z.input<typeof correlationAnswer>> {
  const published = await publishMessage(deps, caller, { ...input, timeToLiveMs: 0 });
  const [instanceId] = [...published.correlatedInstances, ...published.startedInstances];
  if (!instanceId) {
    throw new AppError(
      'NOT_FOUND',
      `No process waits for message '${input.name}' with correlation key '${input.correlationKey}', and none starts with it.`,
    );
  }
  const [messageKeys, instanceKeys] = await Promise.all([
    keysFor(deps.prisma, 'MESSAGE', [published.messageId]),
    keysFor(deps.prisma, 'PROCESS_INSTANCE', [instanceId]),
  ]);
  return {
    messageKey: messageKeys.get(published.messageId)!,
    processInstanceKey: instanceKeys.get(instanceId)!,
    tenantId: DEFAULT_TENANT,
  };
}

export async function broadcastCamundaSignal(
  deps: ServiceDeps,
  caller: Caller,
  input: { signalName: string; variables: Variables },
): Promise<z.input<typeof broadcastAnswer>> {
  const broadcast = await broadcastSignal(deps, caller, { name: input.signalName, variables: input.variables });
  return { signalKey: await keyFor(deps.prisma, 'SIGNAL', broadcast.signalId), tenantId: DEFAULT_TENANT };
}
