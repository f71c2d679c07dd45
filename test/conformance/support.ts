/**
 * The conformance suite's toolkit: deploy a model from test/conformance/models/, run it on the real stack, act on
 * it as a user or an external system would (complete a task, publish a message, broadcast a signal, resolve an
 * incident), and read back what a user would see: the path in the element history, the variables, the rows.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deployResource } from '../../api/services/deployments';
import type { Variables } from '../../shared/feel';
import { completeTaskUpdate, resolveIncidentUpdate } from '../../shared/messages';
import { broadcastSignal, publishMessage } from '../../platform/correlation';
import { createLogger } from '../../platform/logger';
import { openTask } from '../support/instances';
import type { TestStack } from '../support/stack';
import { eventually } from '../support/wait';

export { start, openTask } from '../support/instances';

export function modelXml(name: string): string {
  return readFileSync(path.resolve(__dirname, 'models', `${name}.bpmn`), 'utf8');
}

export async function deployModel(stack: TestStack, name: string): Promise<void> {
  await deployResource(stack.prisma, { xml: modelXml(name), resourceName: `${name}.bpmn` });
}

/** Completes the open task of an instance at an element, as the person's tasklist would. */
export async function completeTask(stack: TestStack, instanceId: string, elementId: string, variables: Variables = {}): Promise<string> {
  const task = await openTask(stack, instanceId, elementId);
  await stack.temporal.workflow.getHandle(instanceId).executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, variables, completedBy: 'clerk1' }] });
  return task.id;
}

function correlationDeps(stack: TestStack) {
  return { prisma: stack.prisma, temporal: stack.temporal, taskQueue: stack.config.TEMPORAL_TASK_QUEUE, logger: createLogger('test', 'silent') };
}

export function publish(stack: TestStack, name: string, correlationKey: string, variables: Variables = {}, timeToLiveMs = 0) {
  return publishMessage(correlationDeps(stack), { name, correlationKey, variables, timeToLiveMs });
}

export function signal(stack: TestStack, name: string, variables: Variables = {}) {
  return broadcastSignal(correlationDeps(stack), { name, variables });
}

/** Waits until the instance has an open subscription for the message or signal (so a publish reaches it). */
export function subscribed(stack: TestStack, instanceId: string, name: string) {
  return eventually(() => stack.prisma.eventSubscription.findFirst({ where: { processInstanceId: instanceId, name } }).then((row) => row ?? undefined), {
    what: `a subscription to '${name}'`,
  });
}

export function openIncident(stack: TestStack, instanceId: string) {
  return eventually(() => stack.prisma.incident.findFirst({ where: { processInstanceId: instanceId, state: 'OPEN' } }).then((row) => row ?? undefined), {
    what: 'an open incident',
  });
}

export async function resolveIncident(stack: TestStack, instanceId: string, incidentId: string, variables?: Variables): Promise<void> {
  await stack.temporal.workflow.getHandle(instanceId).executeUpdate(resolveIncidentUpdate, { args: [{ incidentId, variables, resolvedBy: 'admin' }] });
}

export interface HistoryRow {
  elementId: string;
  elementType: string;
  state: string;
  scopeInstanceId: string | null;
  elementInstanceId: string;
}

/** The element history of an instance, in the order the elements started. */
export async function elementHistory(stack: TestStack, instanceId: string): Promise<HistoryRow[]> {
  const rows = await stack.prisma.elementInstance.findMany({ where: { processInstanceId: instanceId } });
  const order = (id: string) => Number(id.slice(id.lastIndexOf('#') + 1));
  return rows
    .sort((a, b) => order(a.elementInstanceId) - order(b.elementInstanceId))
    .map(({ elementId, elementType, state, scopeInstanceId, elementInstanceId }) => ({ elementId, elementType, state, scopeInstanceId, elementInstanceId }));
}

/** The ids of the elements that completed, in the order they started. */
export async function completedPath(stack: TestStack, instanceId: string): Promise<string[]> {
  return (await elementHistory(stack, instanceId)).filter((row) => row.state === 'COMPLETED').map((row) => row.elementId);
}

/** How many times each element ended in the given state. */
export async function countIn(stack: TestStack, instanceId: string, state: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const row of await elementHistory(stack, instanceId)) if (row.state === state) counts[row.elementId] = (counts[row.elementId] ?? 0) + 1;
  return counts;
}
