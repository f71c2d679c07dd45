/**
 * zeebe:taskDefinition: the job a worker runs. Service tasks, and send tasks, business rule tasks and message throw
 * events that carry a task definition, all compile to a serviceTask through this one helper.
 */
import type { ServiceTaskElement } from '../../shared/graph';
import type { CompileContext } from '../compile-context';
import { extension, list, str, type ModdleElement } from '../moddle';
import type { NodeBase } from './types';

const DEFAULT_RETRIES = 3;

export function hasTaskDefinition(element: ModdleElement): boolean {
  return extension(element, 'zeebe:TaskDefinition') !== undefined;
}

/** `what` names the element in messages: 'a service task'. */
export function compileJob(
  element: ModdleElement,
  base: NodeBase,
  ctx: CompileContext,
  what: string,
  bpmnType?: ServiceTaskElement['bpmnType'],
): ServiceTaskElement | undefined {
  const definition = extension(element, 'zeebe:TaskDefinition');
  const jobType = definition && str(definition, 'type');
  if (!jobType) {
    ctx.issue(base.id, `${what} needs a job type (zeebe:taskDefinition type)`);
    return undefined;
  }
  const jobTypeExpression = jobType.startsWith('=') ? ctx.feel(jobType.slice(1), base.id, 'the job type') : undefined;
  const rawRetries = definition && str(definition, 'retries');
  const retriesAreFeel = rawRetries?.startsWith('=') ?? false;
  const retriesExpression = retriesAreFeel ? ctx.feel(rawRetries?.slice(1) ?? '', base.id, 'the retries') : undefined;
  const retries = rawRetries === undefined || retriesAreFeel ? DEFAULT_RETRIES : Number(rawRetries);
  if (!Number.isInteger(retries) || retries < 1) {
    ctx.issue(base.id, `retries must be a whole number of at least 1, not '${rawRetries}'`);
    return undefined;
  }
  const headers = Object.fromEntries(
    list(extension(element, 'zeebe:TaskHeaders'), 'values').map((header) => [
      str(header, 'key') ?? '',
      str(header, 'value') ?? '',
    ]),
  );
  const job: ServiceTaskElement = {
    type: 'serviceTask',
    ...base,
    jobType,
    retries,
    headers,
    ...(jobTypeExpression && { jobTypeExpression }),
    ...(retriesExpression && { retriesExpression }),
    ...ctx.ioMapping(element, base.id),
  };
  if (bpmnType) job.bpmnType = bpmnType;
  return job;
}
