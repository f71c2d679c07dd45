import { compileJob } from './job';
import type { ElementCompiler } from './types';

/** A send task is a job in Zeebe: a worker sends the message (zeebe:taskDefinition). */
export const compileSendTask: ElementCompiler = (element, base, ctx) =>
  compileJob(element, base, ctx, 'a send task', 'sendTask');
