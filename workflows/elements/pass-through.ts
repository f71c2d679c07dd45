import type { ElementBehaviour } from './behaviour';

/** None intermediate throw events, untyped tasks and manual tasks: the token passes straight on. */
export const passThrough: ElementBehaviour<'passThrough'> = {
  execute: (element) => ({ flows: element.outgoing }),
};
