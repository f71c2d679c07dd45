/** Deploying BPMN for the API: analysts and administrators deploy; the engine compiles and stores the versions. */
import { AppError } from '../../shared/app-error';
import { deployResource, type DeployedProcess } from '../../engine/deployments';
import type { Caller } from '../auth/ability';
import { engineDeps, type ServiceDeps } from '../deps';

export async function deploy(
  deps: ServiceDeps,
  { principal, ability }: Caller,
  input: { xml: string; resourceName?: string },
): Promise<DeployedProcess[]> {
  if (!ability.can('deploy', 'Deployment'))
    throw new AppError('FORBIDDEN', 'Only BPR analysts and administrators deploy processes.');
  const { MAX_BPMN_BYTES, MAX_XML_DEPTH } = deps.config;
  const deployed = await deployResource(engineDeps(deps), {
    ...input,
    deployedBy: principal,
    limits: { maxBytes: MAX_BPMN_BYTES, maxDepth: MAX_XML_DEPTH },
  });
  deps.logger.info({ deployed, by: principal.username }, 'deployment');
  return deployed;
}
