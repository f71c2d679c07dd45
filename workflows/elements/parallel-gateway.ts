import type { ElementBehaviour } from './behaviour';

/**
 * Parallel gateway: with several incoming flows it is a join and lets one token on only when a token has arrived
 * on every incoming flow; then (or at once, as a pure fork) it sends a token down every outgoing flow.
 */
export const parallelGateway: ElementBehaviour<'parallelGateway'> = {
  execute: (element, ctx) => {
    const ready =
      element.incoming.length <= 1 || ctx.joins.parallel(element.id, element.incoming, ctx.element.arrivedVia);
    return { flows: ready ? element.outgoing : [] };
  },
};
