import { uuid4 } from '@temporalio/workflow';
import type { EventThrow } from '../../shared/graph';
import { correlation } from '../activities';
import { applyMappings, resolveValue } from '../feel-mappings';
import { incident } from '../incidents';
import type { ElementBehaviour, ElementContext } from './behaviour';

type Emitted = Exclude<EventThrow, { kind: 'error' } | { kind: 'terminate' }>;

/** Intermediate throw event: signals, messages, escalations and compensation; then the token moves on. */
export const throwEvent: ElementBehaviour<'throwEvent'> = {
  execute: async (element, ctx) => {
    await emit(element.id, element.throws, ctx);
    return { flows: element.outgoing };
  },
};

/** What throw and end events share: publishing through the engine, escalating, compensating. */
export async function emit(elementId: string, throws: Emitted, ctx: ElementContext): Promise<void> {
  switch (throws.kind) {
    case 'signal':
      await correlation.broadcastSignal({
        signalId: uuid4(),
        name: throws.signalName,
        variables: applyMappings(elementId, throws.variables ?? [], ctx.variables.feelScope()),
      });
      return;
    case 'message': {
      const key = resolveValue(elementId, throws.correlationKey, ctx.variables.feelScope());
      if (key !== undefined && typeof key !== 'string' && typeof key !== 'number') {
        throw incident(
          elementId,
          `the correlation key of message '${throws.messageName}' evaluated to ${JSON.stringify(key)}; it must be a string or a number`,
        );
      }
      await correlation.publishMessage({
        messageId: uuid4(),
        name: throws.messageName,
        correlationKey: key === undefined ? '' : String(key),
        variables: applyMappings(elementId, throws.variables ?? [], ctx.variables.feelScope()),
        timeToLiveMs: 0,
      });
      return;
    }
    case 'escalation':
      await ctx.throws.escalate(throws.escalationCode);
      return;
    case 'compensation':
      await ctx.throws.compensate(throws.activityId);
      return;
  }
}
