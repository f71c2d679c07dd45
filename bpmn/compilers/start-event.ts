import type { StartEventElement } from '../../shared/graph';
import type { ModdleElement } from '../moddle';
import { compileDefinition, singleDefinition, type TriggerRules } from './event-trigger';
import type { ElementCompiler } from './types';

/** Where a start event sits decides what may start it. */
const processStart: TriggerRules = {
  allowed: ['timer', 'message', 'signal'],
  what: 'a process start event',
  messageNeedsKey: false,
};
/** An event sub-process starts inside a running scope, so its messages correlate by key like any catch. */
const eventSubProcessStart: TriggerRules = {
  allowed: ['timer', 'message', 'signal', 'error', 'escalation', 'conditional'],
  what: 'an event sub-process start event',
  messageNeedsKey: true,
};

export function isEventSubProcess(element: ModdleElement | undefined): boolean {
  return element?.$instanceOf('bpmn:SubProcess') === true && element['triggeredByEvent'] === true;
}

export const compileStartEvent: ElementCompiler = (element, base, ctx) => {
  if (base.incoming.length > 0) ctx.issue(base.id, 'a start event cannot have incoming sequence flows');
  const scope = element.$parent as ModdleElement | undefined;
  const definition = singleDefinition(element, base.id, ctx);
  if (definition === 'several') return undefined;
  const start: StartEventElement = { type: 'startEvent', ...base };

  if (isEventSubProcess(scope)) {
    if (!definition) {
      ctx.issue(
        base.id,
        'the start event of an event sub-process needs a trigger (timer, message, signal, error, escalation or conditional)',
      );
      return undefined;
    }
    const trigger = compileDefinition(definition, base.id, ctx, eventSubProcessStart);
    // BPMN's default is interrupting; moddle reports the default when the attribute is left out.
    const interrupting = element['isInterrupting'] !== false;
    if (trigger?.kind === 'error' && !interrupting)
      ctx.issue(base.id, 'an error start event always interrupts its scope; remove isInterrupting="false"');
    return trigger && { ...start, trigger, interrupting };
  }
  if (!definition) return start;
  if (scope?.$instanceOf('bpmn:SubProcess')) {
    ctx.issue(base.id, 'the start event of an embedded sub-process must be a none start event');
    return undefined;
  }
  const trigger = compileDefinition(definition, base.id, ctx, processStart);
  return trigger && { ...start, trigger };
};
