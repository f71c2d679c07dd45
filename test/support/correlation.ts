/** Messages and signals reaching instances as an external system would send them, through the correlation module. */
import type { Variables } from '../../shared/feel';
import { broadcastSignal, publishMessage } from '../../platform/correlation';
import { createLogger } from '../../platform/logger';
import type { TestStack } from './stack';
import { eventuallyFound } from './wait';

function correlationDeps(stack: TestStack) {
  return {
    prisma: stack.prisma,
    temporal: stack.temporal,
    taskQueue: stack.config.TEMPORAL_TASK_QUEUE,
    logger: createLogger('test', 'silent'),
  };
}

export function publish(
  stack: TestStack,
  name: string,
  correlationKey: string,
  variables: Variables = {},
  timeToLiveMs = 0,
) {
  return publishMessage(correlationDeps(stack), { name, correlationKey, variables, timeToLiveMs });
}

export function signal(stack: TestStack, name: string, variables: Variables = {}) {
  return broadcastSignal(correlationDeps(stack), { name, variables });
}

/** Waits until the instance has an open subscription for the message or signal (so a publish reaches it). */
export function subscribed(stack: TestStack, instanceId: string, name: string) {
  return eventuallyFound(
    () => stack.prisma.eventSubscription.findFirst({ where: { processInstanceId: instanceId, name } }),
    `a subscription to '${name}'`,
  );
}
