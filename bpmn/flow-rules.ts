/** Rules that involve an element and its flows (or other elements) together, checked once the whole graph is compiled. */
import type { GraphElement, SequenceFlow } from '../shared/graph';
import type { CompileContext } from './compile-context';
import type { GraphParts } from './scope';

/**
 * An element with no outgoing flow ends its path, as if connected to a none end event (Zeebe's implicit end); only
 * gateways must have outgoing flows (compilers/default-flow.ts, compilers/event-based-gateway.ts).
 */
export function checkFlowRules({ elements, flows }: GraphParts, ctx: CompileContext): void {
  for (const flow of Object.values(flows)) checkCondition(flow, elements[flow.sourceId], ctx);
  const handlerIds = new Set(
    Object.values(elements).flatMap((element) =>
      element.type === 'boundaryEvent' && element.compensationHandlerId ? [element.compensationHandlerId] : [],
    ),
  );

  for (const element of Object.values(elements)) {
    if ((element.type === 'exclusiveGateway' || element.type === 'inclusiveGateway') && element.outgoing.length > 1) {
      const kind = element.type === 'exclusiveGateway' ? 'exclusive' : 'inclusive';
      for (const flowId of element.outgoing) {
        if (flowId !== element.defaultFlowId && flows[flowId]?.condition === undefined) {
          ctx.issue(
            flowId,
            `this flow leaves ${kind} gateway '${element.id}' without a condition and is not its default flow`,
          );
        }
      }
    }
    if (element.type === 'eventBasedGateway')
      checkEventBasedTargets(element.id, element.outgoing, elements, flows, ctx);
    if ('forCompensation' in element && element.forCompensation) {
      if (element.incoming.length > 0 || element.outgoing.length > 0) {
        ctx.issue(
          element.id,
          'a compensation handler (isForCompensation) cannot have sequence flows; it runs only when its activity is compensated',
        );
      }
      if (!handlerIds.has(element.id)) {
        ctx.issue(
          element.id,
          'this compensation handler (isForCompensation) is not associated with any compensation boundary event, so it could never run',
        );
      }
    }
  }
}

function checkCondition(flow: SequenceFlow, source: GraphElement | undefined, ctx: CompileContext): void {
  if (flow.condition === undefined || !source) return;
  if (source.type === 'parallelGateway') {
    ctx.issue(
      flow.id,
      `a parallel gateway takes every outgoing flow, so the condition on this flow from '${source.id}' would be ignored; remove it or use an exclusive gateway`,
    );
  } else if (source.type === 'eventBasedGateway') {
    ctx.issue(
      flow.id,
      `an event-based gateway follows whichever event happens first, so the condition on this flow from '${source.id}' would be ignored; remove it`,
    );
  } else if (source.type !== 'exclusiveGateway' && source.type !== 'inclusiveGateway') {
    ctx.issue(
      flow.id,
      `conditions on flows leaving a ${source.type} are not supported; put an exclusive gateway before them`,
    );
  }
}

/** Each flow of an event-based gateway leads to the one event it waits for, which nothing else leads to. */
function checkEventBasedTargets(
  gatewayId: string,
  outgoing: string[],
  elements: Record<string, GraphElement>,
  flows: Record<string, SequenceFlow>,
  ctx: CompileContext,
): void {
  for (const flowId of outgoing) {
    const target = elements[flows[flowId]?.targetId ?? ''];
    if (!target) continue;
    const waits =
      target.type === 'receiveTask' ||
      (target.type === 'intermediateCatchEvent' &&
        ['timer', 'message', 'signal', 'conditional'].includes(target.trigger.kind));
    if (!waits) {
      ctx.issue(
        flowId,
        `a flow of event-based gateway '${gatewayId}' must lead to an intermediate catch event (timer, message, signal or conditional) or a receive task, not '${target.id}'`,
      );
    } else if (target.incoming.length !== 1) {
      ctx.issue(
        target.id,
        `an event that event-based gateway '${gatewayId}' waits for must have no other incoming flow`,
      );
    }
  }
}
