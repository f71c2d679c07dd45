/**
 * Deploying a model and running instances of it directly through the services, acting on them as a person or an
 * operator would (complete a task, resolve an incident), and waiting for what they show.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { defineAbilityFor, type Principal } from '../../api/auth/ability';
import { startInstance } from '../../api/services/instances';
import { deployResource } from '../../engine/deployments';
import type { Variables } from '../../shared/feel';
import { completeTaskUpdate, resolveIncidentUpdate, type ProcessResult } from '../../shared/workflow-contract';
import { createLogger } from '../../platform/logger';
import { deployReferenceProcesses, DEMO_ANALYST, seedStartPermissions } from '../../scripts/seed';
import { modelXml } from './bpmn';
import type { TestStack } from './stack';
import { eventuallyFound } from './wait';

/** Deploys as the demo analyst, who so owns the process and operates its instances (docs/access.md). */
export async function deploy(stack: TestStack, xml: string, resourceName?: string): Promise<void> {
  const analyst = await stack.prisma.user.findUniqueOrThrow({ where: { username: DEMO_ANALYST } });
  await deployResource(stack.deps, { xml, resourceName, deployedBy: analyst });
}

/** Deploys the reference processes as the demo analyst and lets the demo units start them, as the demo seed does. */
export async function deployReferenceProcessesAsAnalyst(stack: TestStack): Promise<void> {
  const analyst = await stack.prisma.user.findUniqueOrThrow({ where: { username: DEMO_ANALYST } });
  await deployReferenceProcesses(stack.deps, analyst);
  await seedStartPermissions(stack.prisma);
}

/** Deploys a model of the conformance suite, by its file name. */
export function deployModel(stack: TestStack, name: string): Promise<void> {
  return deploy(stack, modelXml(name), `${name}.bpmn`);
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
  return eventuallyFound(
    () => stack.prisma.userTask.findFirst({ where: { processInstanceId: instanceId, elementId, state: 'CREATED' } }),
    `an open task at ${elementId}`,
  );
}

/** Completes the open task of an instance at an element, as the person's tasklist would. */
export async function completeTask(
  stack: TestStack,
  instanceId: string,
  elementId: string,
  variables: Variables = {},
): Promise<string> {
  const task = await openTask(stack, instanceId, elementId);
  await stack.temporal.workflow
    .getHandle(instanceId)
    .executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, variables, completedBy: 'clerk1' }] });
  return task.id;
}

export function openIncident(stack: TestStack, instanceId: string) {
  return eventuallyFound(
    () => stack.prisma.incident.findFirst({ where: { processInstanceId: instanceId, state: 'OPEN' } }),
    'an open incident',
  );
}

export async function resolveIncident(
  stack: TestStack,
  instanceId: string,
  incidentId: string,
  variables?: Variables,
): Promise<void> {
  await stack.temporal.workflow
    .getHandle(instanceId)
    .executeUpdate(resolveIncidentUpdate, { args: [{ incidentId, variables, resolvedBy: 'admin' }] });
}

/** Waits until the instance's index row is in the given state. */
export function instanceInState(
  stack: TestStack,
  instanceId: string,
  state: 'ACTIVE' | 'COMPLETED' | 'CANCELED' | 'INCIDENT',
) {
  return eventuallyFound(
    () => stack.prisma.processInstance.findFirst({ where: { id: instanceId, state } }),
    `instance ${instanceId} ${state}`,
  );
}

/** The instances a call activity of this instance started, oldest first. */
export function childInstances(stack: TestStack, parentInstanceId: string) {
  return stack.prisma.processInstance.findMany({ where: { parentInstanceId }, orderBy: { startedAt: 'asc' } });
}

/** Temporal's status of the instance's workflow: RUNNING, COMPLETED, FAILED, CANCELLED, ... */
export async function workflowStatus(stack: TestStack, instanceId: string): Promise<string> {
  return (await stack.temporal.workflow.getHandle(instanceId).describe()).status.name;
}

export async function historyEventCount(handle: WorkflowHandle): Promise<number> {
  const history = await handle.fetchHistory();
  return history.events?.length ?? 0;
}
