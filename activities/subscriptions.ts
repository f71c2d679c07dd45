/**
 * Message and signal subscriptions of waiting elements, and the messages and signals processes throw. Opening a
 * message subscription also looks in the buffer: a message published earlier with a time to live that has not
 * reached this instance yet is returned at once (and recorded as correlated, so it never comes twice).
 */
import type { Variables } from '../shared/feel';
import type { CarriesHistory, MessageDelivery, OpenSubscriptionInput } from '../shared/workflow-contract';
import {
  broadcastSignal,
  lockSubscriptions,
  publishMessage,
  type BroadcastSignalResult,
  type PublishMessageResult,
} from '../engine/correlation';
import type { ActivityDeps } from './deps';

export interface CloseSubscriptionInput extends CarriesHistory {
  elementInstanceId: string;
}

export interface PublishMessageActivityInput {
  /** Stable across retries (e.g. derived from the element instance): the message is published once. */
  messageId: string;
  name: string;
  correlationKey: string;
  variables: Variables;
  timeToLiveMs: number;
}

export interface BroadcastSignalActivityInput {
  /** Stable across retries: the signal is broadcast once. */
  signalId: string;
  name: string;
  variables: Variables;
}

export function createSubscriptionActivities(deps: ActivityDeps) {
  const { prisma, now } = deps;
  return {
    /** Opens (idempotently) the subscription; for a message, returns a buffered one that matches, if any. */
    async openSubscription(input: OpenSubscriptionInput): Promise<MessageDelivery | undefined> {
      const kind = input.kind === 'message' ? 'MESSAGE' : 'SIGNAL';
      const correlationKey = input.kind === 'message' ? (input.correlationKey ?? '') : null;
      return prisma.$transaction(async (tx) => {
        await lockSubscriptions(tx, input.kind, input.name, correlationKey ?? undefined);
        const at = now();
        const subscription = await tx.eventSubscription.upsert({
          where: {
            processInstanceId_elementInstanceId: {
              processInstanceId: input.instanceId,
              elementInstanceId: input.elementInstanceId,
            },
          },
          update: {},
          create: {
            processInstanceId: input.instanceId,
            elementInstanceId: input.elementInstanceId,
            elementId: input.elementId,
            kind,
            name: input.name,
            correlationKey,
            createdAt: at,
          },
        });
        if (correlationKey === null) return undefined;
        const matching = { name: input.name, correlationKey };
        // A retry finds what the first attempt took (or what a publish delivered meanwhile: the instance ignores a
        // second delivery of the same message id).
        const taken = await tx.messageCorrelation.findFirst({
          where: {
            processInstanceId: input.instanceId,
            correlatedAt: { gte: subscription.createdAt },
            message: matching,
          },
          orderBy: { correlatedAt: 'asc' },
          include: { message: true },
        });
        if (taken) return toDelivery(taken.message);
        const buffered = await tx.bufferedMessage.findFirst({
          where: {
            ...matching,
            expiresAt: { gt: at },
            correlations: { none: { processInstanceId: input.instanceId } },
          },
          orderBy: [{ publishedAt: 'asc' }, { id: 'asc' }],
        });
        if (!buffered) return undefined;
        await tx.messageCorrelation.create({
          data: { messageId: buffered.id, processInstanceId: input.instanceId, correlatedAt: at },
        });
        return toDelivery(buffered);
      });
    },

    async closeSubscription(input: CloseSubscriptionInput): Promise<void> {
      await prisma.eventSubscription.deleteMany({
        where: { processInstanceId: input.instanceId, elementInstanceId: input.elementInstanceId },
      });
    },

    /** A message a process throws (a message throw or end event published by the engine). */
    async publishMessage(input: PublishMessageActivityInput): Promise<PublishMessageResult> {
      return publishMessage(deps, input);
    },

    /** A signal a process throws (a signal throw or end event). */
    async broadcastSignal(input: BroadcastSignalActivityInput): Promise<BroadcastSignalResult> {
      return broadcastSignal(deps, input);
    },
  };
}

function toDelivery(message: {
  id: string;
  name: string;
  correlationKey: string;
  variables: unknown;
}): MessageDelivery {
  return {
    messageId: message.id,
    name: message.name,
    correlationKey: message.correlationKey,
    variables: message.variables as Variables,
  };
}
