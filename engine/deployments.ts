/**
 * Deploying BPMN: compile (which validates everything), then store each process as its next version; a stored
 * version never changes. Deploying XML identical to a process's latest version returns that version instead of
 * creating a new one (as Zeebe does).
 *
 * A new version takes over the process's triggered starts: its message and signal start events replace the
 * previous version's (EventStartSubscription), and its timer start events get a timer-start workflow each while the
 * previous version's are cancelled.
 */
import { createHash } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import { compileBpmn } from '../bpmn/compile';
import type { XmlLimits } from '../bpmn/xml-guard';
import { AppError } from '../shared/app-error';
import type { ProcessGraph, StartEventElement, TimerDefinition } from '../shared/graph';
import { TIMER_START_WORKFLOW, timerStartWorkflowId, type TimerStartInput } from '../shared/workflow-contract';
import { asJson } from '../platform/db';
import type { EngineDeps } from './deps';
import { loadGraph, type StoredDefinition } from './graph';

export interface DeployedProcess {
  processId: string;
  version: number;
  definitionId: string;
  /** False when an identical latest version already existed and was returned. */
  created: boolean;
}

/** The process-level start events with a trigger of the given kinds (event sub-process starts have a parentId). */
function triggeredStarts(graph: ProcessGraph): StartEventElement[] {
  return Object.values(graph.elements).filter(
    (element): element is StartEventElement =>
      element.type === 'startEvent' && !element.parentId && element.trigger !== undefined,
  );
}

type EventStart = { elementId: string; kind: 'MESSAGE' | 'SIGNAL'; name: string };

function eventStartSubscriptions(graph: ProcessGraph): EventStart[] {
  return triggeredStarts(graph).flatMap((start): EventStart[] => {
    if (start.trigger?.kind === 'message')
      return [{ elementId: start.id, kind: 'MESSAGE', name: start.trigger.messageName }];
    if (start.trigger?.kind === 'signal')
      return [{ elementId: start.id, kind: 'SIGNAL', name: start.trigger.signalName }];
    return [];
  });
}

function timerStarts(graph: ProcessGraph): Array<{ elementId: string; timer: TimerDefinition }> {
  return triggeredStarts(graph).flatMap((start) =>
    start.trigger?.kind === 'timer' ? [{ elementId: start.id, timer: start.trigger.timer }] : [],
  );
}

interface NewVersion {
  processId: string;
  definitionId: string;
  timers: Array<{ elementId: string; timer: TimerDefinition }>;
  previousTimerElementIds: string[];
}

export interface DeployInput {
  xml: string;
  resourceName?: string;
  deployedBy?: { id: string; username: string };
  limits?: XmlLimits;
}

export async function deployResource(deps: EngineDeps, input: DeployInput): Promise<DeployedProcess[]> {
  const { prisma } = deps;
  const graphs = await compileBpmn(input.xml, input.limits);
  const newVersions: NewVersion[] = [];
  const deployed = await prisma.$transaction(async (tx) => {
    const deployed: DeployedProcess[] = [];
    for (const graph of graphs) {
      // Serialises concurrent deployments of the same process id, so versions stay gap-free and unique.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`deploy:${graph.processId}`}))`;
      const contentHash = createHash('sha256').update(`${graph.processId}\n${input.xml}`).digest('hex');
      const latest = await tx.processDefinition.findFirst({
        where: { bpmnProcessId: graph.processId },
        orderBy: { version: 'desc' },
      });
      const latestGraph = latest && readableGraph(deps, latest);
      if (latest && latestGraph && latest.contentHash === contentHash) {
        deployed.push({ processId: graph.processId, version: latest.version, definitionId: latest.id, created: false });
        continue;
      }
      const definition = await tx.processDefinition.create({
        data: {
          bpmnProcessId: graph.processId,
          version: (latest?.version ?? 0) + 1,
          name: graph.name,
          xml: input.xml,
          resourceName: input.resourceName,
          graph: asJson(graph),
          versionTag: graph.versionTag ?? null,
          contentHash,
          deployedById: input.deployedBy?.id,
        },
      });
      await tx.eventStartSubscription.deleteMany({ where: { bpmnProcessId: graph.processId } });
      await tx.eventStartSubscription.createMany({
        data: eventStartSubscriptions(graph).map((start) => ({
          definitionId: definition.id,
          bpmnProcessId: graph.processId,
          ...start,
        })),
      });
      await tx.auditLog.create({
        data: {
          actor: input.deployedBy?.username,
          action: 'process.deployed',
          objectType: 'ProcessDefinition',
          objectId: definition.id,
          details: {
            processId: graph.processId,
            version: definition.version,
            resourceName: input.resourceName ?? null,
          },
        },
      });
      deployed.push({
        processId: graph.processId,
        version: definition.version,
        definitionId: definition.id,
        created: true,
      });
      newVersions.push({
        processId: graph.processId,
        definitionId: definition.id,
        timers: timerStarts(graph),
        previousTimerElementIds: latestGraph ? timerStarts(latestGraph).map((timer) => timer.elementId) : [],
      });
    }
    return deployed;
  });
  await scheduleTimerStarts(deps, newVersions);
  return deployed;
}

/**
 * The latest version's graph, or undefined when it is stored in a graph format this engine does not run. Deploying
 * over such a version must make a new one, even from the same XML: redeploying is the advice its error gives.
 */
function readableGraph(deps: EngineDeps, latest: StoredDefinition): ProcessGraph | undefined {
  try {
    return loadGraph(latest);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    deps.logger.warn({ processId: latest.bpmnProcessId, version: latest.version }, error.message);
    return undefined;
  }
}

/**
 * After the commit: the previous version's timer-start workflows are cancelled and the new version's started. A
 * timer start event keeping its id across versions keeps its workflow id, so the new run replaces a run still
 * closing.
 */
async function scheduleTimerStarts({ temporal, taskQueue, logger }: EngineDeps, versions: NewVersion[]): Promise<void> {
  try {
    for (const version of versions) {
      for (const elementId of version.previousTimerElementIds) {
        await temporal.workflow
          .getHandle(timerStartWorkflowId(version.processId, elementId))
          .cancel()
          .catch((error: unknown) => {
            if (!(error instanceof WorkflowNotFoundError)) throw error;
          });
      }
      for (const { elementId, timer } of version.timers) {
        const timerInput: TimerStartInput = {
          definitionId: version.definitionId,
          processId: version.processId,
          elementId,
          timer,
        };
        await temporal.workflow.start(TIMER_START_WORKFLOW, {
          taskQueue,
          workflowId: timerStartWorkflowId(version.processId, elementId),
          args: [timerInput],
          workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.TERMINATE_EXISTING,
        });
      }
    }
  } catch (error) {
    logger.error({ err: error }, 'timer start events could not be scheduled');
    throw new AppError(
      'DEPENDENCY_UNAVAILABLE',
      `The new versions are deployed, but their timer start events could not be scheduled: the process engine (Temporal) did not answer. ${describe(versions)}`,
    );
  }
}

function describe(versions: NewVersion[]): string {
  return versions.map((version) => `${version.processId} (${version.definitionId})`).join(', ');
}
