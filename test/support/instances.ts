/** Deploying a model and running instances of it directly through the services, for interpreter tests. */
import type { WorkflowHandle } from '@temporalio/client';
import { defineAbilityFor, type Principal } from '../../api/auth/ability';
import { startInstance } from '../../api/services/instances';
import { deployResource } from '../../engine/deployments';
import type { Variables } from '../../shared/feel';
import type { ProcessResult } from '../../shared/workflow-contract';
import type { TestStack } from './stack';
import { eventually } from './wait';
import { createLogger } from '../../platform/logger';

export async function deploy(stack: TestStack, xml: string): Promise<void> {
  await deployResource(stack.deps, { xml });
}

export async function start(stack: TestStack, processId: string, variables: Variables = {}) {
  const admin = await stack.prisma.user.findUniqueOrThrow({ where: { username: 'admin' } });
  const deps = {
    config: stack.config,
    prisma: stack.prisma,
    temporal: stack.temporal,
    logger: createLogger('test', 'silent'),
  };
  const principal: Principal = { id: admin.id, username: 'admin', displayName: 'admin', roles: ['admin'], groups: [] };
  const instance = await startInstance(
    deps,
    { principal, ability: defineAbilityFor(principal) },
    { processId, variables },
  );
  const handle: WorkflowHandle = stack.temporal.workflow.getHandle(instance.id);
  return { instanceId: instance.id, handle, result: () => handle.result() as Promise<ProcessResult> };
}

/** The open task of an instance at an element, once its row is written. */
export function openTask(stack: TestStack, instanceId: string, elementId: string) {
  return eventually(
    () =>
      stack.prisma.userTask
        .findFirst({ where: { processInstanceId: instanceId, elementId, state: 'CREATED' } })
        .then((row) => row ?? undefined),
    { what: `an open task at ${elementId}` },
  );
}

export async function historyEventCount(handle: WorkflowHandle): Promise<number> {
  const history = await handle.fetchHistory();
  return history.events?.length ?? 0;
}
