/**
 * Instances the engine starts itself: the child of a call activity (its index row; the parent workflow starts the
 * child workflow) and the instance a timer start event fires.
 */
import { ApplicationFailure } from '@temporalio/common';
import { AppError } from '../shared/app-error';
import type { CarriesHistory } from '../shared/workflow-contract';
import type { CalendarOverrides } from '../gov/calendar';
import type { ProcessGraph } from '../shared/graph';
import { loadOverrides } from '../engine/calendar';
import { loadGraph } from '../engine/graph';
import { startProcessInstance } from '../engine/instances';
import { nameBasedUuid } from '../platform/ids';
import type { ActivityDeps } from './deps';
import { appendAudit } from '../engine/audit';

export type CalledProcessBinding = { kind: 'latest' } | { kind: 'versionTag'; versionTag: string };

/** Carries the calling instance's pending element history (instanceId is the caller's), written before the child starts. */
export interface PrepareCalledInstanceInput extends Partial<CarriesHistory> {
  childInstanceId: string;
  parentInstanceId: string;
  parentElementInstanceId: string;
  processId: string;
  binding: CalledProcessBinding;
}

export interface PreparedCalledInstance {
  definition: { id: string; processId: string; version: number };
  graph: ProcessGraph;
  /** The declared and withdrawn holidays, when the called process counts legal time. */
  calendar?: CalendarOverrides;
}

export interface StartTimerInstanceInput {
  definitionId: string;
  startElementId: string;
  /** Unique per firing of the timer (e.g. the scheduled instant): one instance per key, however often retried. */
  firingKey: string;
}

export function createInstanceStartActivities(deps: ActivityDeps) {
  const { prisma } = deps;
  return {
    /**
     * Resolves the called definition and indexes the child instance under its parent. A retry finds the row and
     * keeps its definition, even if a newer version was deployed in between.
     */
    async prepareCalledInstance(input: PrepareCalledInstanceInput): Promise<PreparedCalledInstance> {
      const existing = await prisma.processInstance.findUnique({
        where: { id: input.childInstanceId },
        include: { definition: true },
      });
      const definition =
        existing?.definition ??
        (await prisma.processDefinition.findFirst({
          where: {
            bpmnProcessId: input.processId,
            ...(input.binding.kind === 'versionTag' ? { versionTag: input.binding.versionTag } : {}),
          },
          orderBy: { version: 'desc' },
        }));
      if (!definition) {
        const which =
          input.binding.kind === 'versionTag' ? `with version tag '${input.binding.versionTag}'` : 'in any version';
        throw ApplicationFailure.nonRetryable(
          `The called process '${input.processId}' is not deployed ${which}.`,
          'CalledProcessNotFound',
        );
      }
      const graph = await permanently(() => loadGraph(definition));
      if (!existing) {
        await prisma.$transaction(async (tx) => {
          const created = await tx.processInstance.createMany({
            data: [
              {
                id: input.childInstanceId,
                definitionId: definition.id,
                bpmnProcessId: definition.bpmnProcessId,
                version: definition.version,
                parentInstanceId: input.parentInstanceId,
                parentElementInstanceId: input.parentElementInstanceId,
              },
            ],
            skipDuplicates: true,
          });
          // A retry found the row already there, and its audit row with it.
          if (created.count === 0) return;
          await appendAudit(tx, {
            action: 'instance.started',
            objectType: 'ProcessInstance',
            objectId: input.childInstanceId,
            details: {
              processId: definition.bpmnProcessId,
              version: definition.version,
              parentInstanceId: input.parentInstanceId,
              parentElementInstanceId: input.parentElementInstanceId,
            },
          });
        });
      }
      return {
        definition: { id: definition.id, processId: definition.bpmnProcessId, version: definition.version },
        graph,
        ...(graph.usesLegalTime ? { calendar: await loadOverrides(prisma) } : {}),
      };
    },

    /** Starts the instance of one timer firing at its start event; returns its id. */
    async startTimerInstance(input: StartTimerInstanceInput): Promise<{ instanceId: string }> {
      const definition = await prisma.processDefinition.findUnique({ where: { id: input.definitionId } });
      if (!definition)
        throw ApplicationFailure.nonRetryable(
          `Process definition ${input.definitionId} no longer exists.`,
          'ProcessDefinitionNotFound',
        );
      const instanceId = nameBasedUuid(`timer-start:${input.definitionId}:${input.startElementId}:${input.firingKey}`);
      await permanently(() =>
        startProcessInstance(deps, {
          definition,
          instanceId,
          variables: {},
          startElementId: input.startElementId,
          auditDetails: { trigger: 'timer', firingKey: input.firingKey },
        }),
      );
      return { instanceId };
    },
  };
}

/** The engine's AppErrors (a stored graph it cannot run) do not go away on retry: the workflow gets them at once. */
async function permanently<T>(run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError) throw ApplicationFailure.nonRetryable(error.message, error.code);
    throw error;
  }
}
