/** Deploying BPMN for the API: analysts and administrators deploy; the engine compiles and stores the versions. */
import { AppError } from '../../shared/app-error';
import { deployResource, type DeployedProcess } from '../../engine/deployments';
import type { Caller } from '../auth/ability';
import { engineDeps, type ServiceDeps } from '../deps';

/** Refuses a caller who may not deploy at all; the route calls it before reading the upload, too. */
export function assertMayDeploy({ ability }: Caller): void {
  if (!ability.can('deploy', 'Deployment'))
    throw new AppError('FORBIDDEN', 'Only BPR analysts and administrators deploy processes.');
}

export async function deploy(
  deps: ServiceDeps,
  caller: Caller,
  input: { xml: string; resourceName?: string },
): Promise<DeployedProcess[]> {
  assertMayDeploy(caller);
  const { principal } = caller;
  const { MAX_BPMN_BYTES, MAX_XML_DEPTH } = deps.config;
  const deployed = await deployResource(engineDeps(deps), {
    ...input,
    deployedBy: principal,
    limits: { maxBytes: MAX_BPMN_BYTES, maxDepth: MAX_XML_DEPTH },
  });
  deps.logger.info({ deployed, by: principal.username }, 'deployment');
  return deployed;
}
