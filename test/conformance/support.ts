/**
 * The conformance suite's toolkit: deploy a model from test/conformance/models/, run it on the real stack, act on
 * it as a user or an external system would (complete a task, publish a message, broadcast a signal, resolve an
 * incident), and read back what a user would see: the path in the element history, the variables, the rows.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { broadcastSignal, publishMessage } from '../../engine/correlation';
import { deployResource } from '../../engine/deployments';
import type { Variables } from '../../shared/feel';
import { completeTaskUpdate, resolveIncidentUpdate } from '../../shared/workflow-contract';
import { createLogger } from '../../platform/logger';
import { openTask } from '../support/instances';
import type { TestStack } from '../support/stack';
import { eventually } from '../support/wait';

export { start, openTask } from '../support/instances';

export function modelXml(name: string): string {
  return readFileSync(path.resolve(__dirname, 'models', `${name}.bpmn`), 'utf8');
}

export async function deployModel(stack: TestStack, name: string): Promise<void> {
  await deployResource(stack.deps, { xml: modelXml(name), resourceName: `${name}.bpmn` });
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

function correlationDeps(stack: TestStack) {
  return {
    prisma: stack.prisma,
    temporal: stack.temporal,
    taskQueue: stack.config.TEMPORAL_TASK_QUEUE,
    logger: createLogger('test', 'silent'),
  };
}

export function publish(
  stack: TestStack,
  name: string,
  correlationKey: string,
  variables: Variables = {},
  timeToLiveMs = 0,
) {
  return publishMessage(correlationDeps(stack), { name, correlationKey, variables, timeToLiveMs });
}

export function signal(stack: TestStack, name: string, variables: Variables = {}) {
  return broadcastSignal(correlationDeps(stack), { name, variables });
}

/** Waits until the instance has an open subscription for the message or signal (so a publish reaches it). */
export function subscribed(stack: TestStack, instanceId: string, name: string) {
  return eventually(
    () =>
      stack.prisma.eventSubscription
        .findFirst({ where: { processInstanceId: instanceId, name } })
        .then((row) => row ?? undefined),
    {
      what: `a subscription to '${name}'`,
    },
  );
}

export function openIncident(stack: TestStack, instanceId: string) {
  return eventually(
    () =>
      stack.prisma.incident
        .findFirst({ where: { processInstanceId: instanceId, state: 'OPEN' } })
        .then((row) => row ?? undefined),
    {
      what: 'an open incident',
    },
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
    .map(({ elementId, elementType, state, scopeInstanceId, elementInstanceId }) => ({
      elementId,
      elementType,
      state,
      scopeInstanceId,
      elementInstanceId,
    }));
}

/** The ids of the elements that completed, in the order they started. */
export async function completedPath(stack: TestStack, instanceId: string): Promise<string[]> {
  return (await elementHistory(stack, instanceId))
    .filter((row) => row.state === 'COMPLETED')
    .map((row) => row.elementId);
}

/** How many times each element ended in the given state. */
export async function countIn(stack: TestStack, instanceId: string, state: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const row of await elementHistory(stack, instanceId))
    if (row.state === state) counts[row.elementId] = (counts[row.elementId] ?? 0) + 1;
  return counts;
}

// ── External job workers, child instances, workflow status (containers, activities, compensation, incidents) ──
import { NativeConnection, Worker } from '@temporalio/worker';
import type { ExternalJob } from '../../workflows/elements/service-task';

export type JobHandler = (job: ExternalJob) => Variables | Promise<Variables>;

/**
 * Serves external job types as a worker outside the engine would: one Temporal worker per job type, on the task
 * queue of that name. Every job is logged as `<jobType>:<elementId>` in the order it ran. Job types are global
 * on the Temporal server, so each suite uses its own names.
 */
export async function startJobWorkers(stack: TestStack, handlers: Record<string, JobHandler>) {
  const connection = await NativeConnection.connect({ address: stack.config.TEMPORAL_ADDRESS });
  const log: string[] = [];
  const workers = await Promise.all(
    Object.entries(handlers).map(([jobType, handle]) =>
      Worker.create({
        connection,
        namespace: stack.config.TEMPORAL_NAMESPACE,
        taskQueue: jobType,
        activities: {
          [jobType]: async (job: ExternalJob) => {
            log.push(`${jobType}:${job.elementId}`);
            return handle(job);
          },
        },
      }),
    ),
  );
  const running = workers.map((worker) => worker.run());
  return {
    log,
    stop: async () => {
      for (const worker of workers) worker.shutdown();
      await Promise.all(running);
      await connection.close();
    },
  };
}

/** The instances a call activity of this instance started, oldest first. */
export function childInstances(stack: TestStack, parentInstanceId: string) {
  return stack.prisma.processInstance.findMany({ where: { parentInstanceId }, orderBy: { startedAt: 'asc' } });
}

/** Waits until the instance's index row is in the given state. */
export function instanceInState(
  stack: TestStack,
  instanceId: string,
  state: 'ACTIVE' | 'COMPLETED' | 'CANCELED' | 'INCIDENT',
) {
  return eventually(
    () => stack.prisma.processInstance.findFirst({ where: { id: instanceId, state } }).then((row) => row ?? undefined),
    { what: `instance ${instanceId} ${state}` },
  );
}

/** Temporal's status of the instance's workflow: RUNNING, COMPLETED, FAILED, CANCELLED, ... */
export async function workflowStatus(stack: TestStack, instanceId: string): Promise<string> {
  return (await stack.temporal.workflow.getHandle(instanceId).describe()).status.name;
}
