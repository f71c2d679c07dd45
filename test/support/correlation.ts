/** Messages and signals reaching instances as an external system would send them, through the correlation module. */
import type { Variables } from '../../shared/feel';
import { broadcastSignal, publishMessage } from '../../engine/correlation';
import type { TestStack } from './stack';
import { eventuallyFound } from './wait';

export function publish(
  stack: TestStack,
  name: string,
  correlationKey: string,
  variables: Variables = {},
  timeToLiveMs = 0,
) {
  return publishMessage(stack.deps, { name, correlationKey, variables, timeToLiveMs });
}

export function signal(stack: TestStack, name: string, variables: Variables = {}) {
  return broadcastSignal(stack.deps, { name, variables });
}

/** Waits until the instance has an open subscription for the message or signal (so a publish reaches it). */
export function subscribed(stack: TestStack, instanceId: string, name: string) {
  return eventuallyFound(
    () => stack.prisma.eventSubscription.findFirst({ where: { processInstanceId: instanceId, name } }),
    `a subscription to '${name}'`,
  );
}
