import { CancellationScope, condition, isCancellation } from '@temporalio/workflow';
import type { Variables } from '../../shared/feel';
import type { IntermediateCatchEventElement, ReceiveTaskElement } from '../../shared/graph';
import { isWaitable } from '../triggers';
import { outputVariables } from '../feel-mappings';
import { incident } from '../incidents';
import type { ElementBehaviour } from './behaviour';

type Waiting = IntermediateCatchEventElement | ReceiveTaskElement;

/**
 * Event-based gateway: waits for the first of the events its flows lead to (a race of cancellation scopes);
 * the others are withdrawn, and the token continues after the event that happened.
 */
export const eventBasedGateway: ElementBehaviour<'eventBasedGateway'> = {
  execute: async (element, ctx) => {
    const events = element.outgoing.map(
      (flowId) => ctx.instance.graph.elements[ctx.instance.graph.flows[flowId]?.targetId ?? ''] as Waiting,
    );
    await ctx.history.writeNow();
    const race = new CancellationScope();
    let first: { event: Waiting; variables: Variables } | undefined;
    let failure: Error | undefined;
    const waiting = events.map((event) =>
      race
        .run(async () => {
          if (!isWaitable(event.trigger))
            throw incident(event.id, `a ${event.trigger.kind} event cannot follow an event-based gateway`);
          const variables = await ctx.waits.firstFiring(
            event.id,
            `${ctx.element.instanceId}/${event.id}`,
            event.trigger,
          );
          first ??= { event, variables };
        })
        .catch((error: unknown) => {
          if (!isCancellation(error)) failure ??= error instanceof Error ? error : new Error(String(error));
        }),
    );
    await condition(() => first !== undefined || failure !== undefined);
    race.cancel();
    await Promise.all(waiting);
    if (!first) throw failure ?? new Error('the event-based gateway stopped waiting without an event');
    const { event, variables } = first;
    ctx.history.passed(event);
    ctx.variables.set(
      event.type === 'receiveTask'
        ? outputVariables(event.id, event.outputs, variables, ctx.variables.feelScope())
        : variables,
    );
    return { flows: event.outgoing };
  },
};
