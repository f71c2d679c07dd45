import { uuid4 } from '@temporalio/workflow';
import type { Variables } from '../../shared/feel';
import type { EventThrow } from '../../shared/graph';
import { variablesTooLarge } from '../../shared/variables';
import { correlation } from '../activities';
import { applyMappings, resolveValue } from '../feel-mappings';
import { incident } from '../incidents';
import { hasPatch } from '../patches';
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
        variables: thrownVariables(elementId, `signal '${throws.signalName}'`, throws, ctx),
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
        variables: thrownVariables(elementId, `message '${throws.messageName}'`, throws, ctx),
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

/**
 * The variables a signal or message carries; over the size limit they are an incident here, where the model can
 * be fixed, rather than a publish the engine refuses on every retry.
 */
function thrownVariables(
  elementId: string,
  path: string,
  throws: Extract<Emitted, { kind: 'signal' | 'message' }>,
  ctx: ElementContext,
): Variables {
  const variables = applyMappings(elementId, throws.variables ?? [], ctx.variables.feelScope());
  const refusal = variablesTooLarge(path, variables);
  // Histories recorded before the check published whatever the mappings made (patches.ts).
  if (refusal && hasPatch('thrown-variables-limit')) throw incident(elementId, refusal);
  return variables;
}
