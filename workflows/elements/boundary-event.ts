import type { ElementBehaviour } from './behaviour';

/**
 * Boundary event: the runner watches its trigger while the host activity runs (workflows/boundaries.ts) and
 * starts a token here when it fires; from here the token simply leaves.
 */
export const boundaryEvent: ElementBehaviour<'boundaryEvent'> = {
  execute: (element) => ({ flows: element.outgoing }),
};
