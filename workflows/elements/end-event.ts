import type { ElementBehaviour } from './behaviour';

/** None end event: this path ends; the instance completes when no token is left. */
export const endEvent: ElementBehaviour<'endEvent'> = {
  execute: (element, ctx) => {
    ctx.ended(element.id);
    return { flows: [] };
  },
};
