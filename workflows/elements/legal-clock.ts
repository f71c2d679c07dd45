import type { ElementBehaviour } from './behaviour';

/**
 * gov:legalClock: stops or resumes a named legal clock at the workflow's current time. Due dates and timers
 * counted on that clock are counted again (a stopped clock holds its timers until it resumes).
 */
export const legalClock: ElementBehaviour<'legalClock'> = {
  execute: (element, ctx) => {
    if (element.action === 'stop') ctx.waits.legalTime.stop(element.clock);
    else ctx.waits.legalTime.resume(element.clock);
    return { flows: element.outgoing };
  },
};
