import type { ElementBehaviour } from './behaviour';

/**
 * Start event: the token simply leaves. A triggered start's trigger has already happened: the message, signal or
 * timer that started the instance, or that started the event sub-process this event begins.
 */
export const startEvent: ElementBehaviour<'startEvent'> = {
  execute: (element) => ({ flows: element.outgoing }),
};
