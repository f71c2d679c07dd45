import { extension, list, str } from '../moddle';
import type { ElementCompiler } from './types';

const DEFAULT_RETRIES = 3;

export const compileServiceTask: ElementCompiler = (element, base, ctx) => {
  const definition = extension(element, 'zeebe:TaskDefinition');
  const jobType = definition && str(definition, 'type');
  if (!jobType) {
    ctx.issue(base.id, 'a service task needs a job type (zeebe:taskDefinition type)');
    return undefined;
  }
  if (jobType.startsWith('=')) {
    ctx.issue(base.id, 'a FEEL expression as the job type is not supported; give a fixed type');
    return undefined;
  }
  const rawRetries = definition && str(definition, 'retries');
  const retries = rawRetries === undefined ? DEFAULT_RETRIES : Number(rawRetries);
  if (!Number.isInteger(retries) || retries < 1) {
    ctx.issue(base.id, `retries must be a whole number of at least 1, not '${rawRetries}'`);
    return undefined;
  }
  const headers = Object.fromEntries(
    list(extension(element, 'zeebe:TaskHeaders'), 'values').map((header) => [str(header, 'key') ?? '', str(header, 'value') ?? '']),
  );
  return { type: 'serviceTask', ...base, jobType, retries, headers, ...ctx.ioMapping(element, base.id) };
};
