/** Deploying for the API: analysts and administrators deploy; the engine compiles, checks and stores the resources. */
import { subject } from '@casl/ability';
import { z } from 'zod';
import { AppError } from '../../shared/app-error';
import { deployResources, type DeploymentResource } from '../../engine/deployments';
import type { Caller } from '../auth/ability';
import { engineDeps, type ServiceDeps } from '../deps';

/** The versions a deployment made or found, per kind of resource. */
export const deploymentAnswer = z.object({
  processes: z.array(
    z.object({ processId: z.string(), version: z.number().int(), definitionId: z.string(), created: z.boolean() }),
  ),
  forms: z.array(z.object({ formId: z.string(), version: z.number().int(), id: z.string(), created: z.boolean() })),
  decisions: z.array(
    z.object({ decisionId: z.string(), version: z.number().int(), id: z.string(), created: z.boolean() }),
  ),
});

/** Refuses a caller who may not deploy at all; the route calls it before reading the upload, too. */
export function assertMayDeploy({ ability }: Caller): void {
  if (!ability.can('deploy', 'Deployment'))
    throw new AppError('FORBIDDEN', 'Only BPR analysts and administrators deploy processes.');
}

export async function deploy(
  deps: ServiceDeps,
  caller: Caller,
  resources: DeploymentResource[],
): Promise<z.input<typeof deploymentAnswer>> {
  assertMayDeploy(caller);
  const { principal } = caller;
  const { MAX_BPMN_BYTES, MAX_XML_DEPTH } = deps.config;
  const deployment = await deployResources(engineDeps(deps), {
    resources,
    deployedBy: { ...principal, sourceAddress: caller.sourceAddress },
    // A process with owners takes new versions from its owners and administrators only (docs/access.md).
    mayRedeploy: (process) => caller.ability.can('update', subject('ProcessAccess', process)),
    limits: { maxBytes: MAX_BPMN_BYTES, maxDepth: MAX_XML_DEPTH },
  });
  deps.logger.info({ ...deployment, by: principal.username }, 'deployment');
  return deployment;
}
