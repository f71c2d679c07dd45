import type { ElementBehaviour } from './behaviour';

/** None start event: the token simply leaves. */
export const startEvent: ElementBehaviour<'startEvent'> = {
  execute: (element) => ({ flows: element.outgoing }),
};
