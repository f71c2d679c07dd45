import type { ElementCompiler } from './types';

/** What its flows lead to is checked with the other flow rules (bpmn/flow-rules.ts), once every target is compiled. */
export const compileEventBasedGateway: ElementCompiler = (element, base, ctx) => {
  if (base.outgoing.length < 2)
    ctx.issue(base.id, 'an event-based gateway needs at least two outgoing flows, one per event it waits for');
  if (element['instantiate'] === true)
    ctx.issue(
      base.id,
      'an event-based gateway that starts the process (instantiate="true") is not supported; use a message or timer start event',
    );
  return { type: 'eventBasedGateway', ...base };
};
