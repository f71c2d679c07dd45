/**
 * Migrating a running instance to a newer version of its process, with a mapping of element ids. The workflow
 * decides whether its waiting tokens all have a target (workflows/migration.ts) and continues on the new graph;
 * the index then follows: the instance's definition and version, and the element ids of its open task rows and
 * element history (the task rows keep their ids, assignees and due dates).
 */
import type { ProcessInstance } from '../prisma/generated/client';
import { AppError } from '../shared/app-error';
import { calendarChangedSignal, migrateInstanceUpdate } from '../shared/workflow-contract';
import { loadOverrides } from './calendar';
import type { EngineDeps } from './deps';
import { loadGraph } from './graph';
import { auditChange, changeAndHandOver, runningInstance } from './instance-changes';

export interface MigrateInstanceRequest {
  instanceId: string;
  targetDefinitionId: string;
  /** Old element id → new element id; ids present in both versions map to themselves. */
  mapping?: Record<string, string>;
  /** Username of the operator, for the audit trail. */
  by: string;
  /** The operator's address, for the audit trail. */
  sourceAddress?: string;
}

export async function migrateInstance(deps: EngineDeps, request: MigrateInstanceRequest): Promise<ProcessInstance> {
  const { prisma } = deps;
  const { instanceId, targetDefinitionId, by } = request;
  const mapping = request.mapping ?? {};
  const instance = await runningInstance(deps, instanceId, 'migrated');
  const target = await prisma.processDefinition.findUnique({ where: { id: targetDefinitionId } });
  if (!target) throw new AppError('NOT_FOUND', `No process definition ${targetDefinitionId}.`);
  if (target.bpmnProcessId !== instance.bpmnProcessId || target.version <= instance.version) {
    throw new AppError(
      'INSTANCE_CHANGE_REFUSED',
      `Instance ${instanceId} runs '${instance.bpmnProcessId}' version ${instance.version}; it can move only to a newer version of that process, not to '${target.bpmnProcessId}' version ${target.version}.`,
    );
  }
  const source = loadGraph(await prisma.processDefinition.findUniqueOrThrow({ where: { id: instance.definitionId } }));
  const graph = loadGraph(target);
  for (const [from, to] of Object.entries(mapping)) {
    if (!source.elements[from])
      throw refused(from, `Version ${instance.version} has no element '${from}' to map from.`);
    if (!graph.elements[to]) throw refused(to, `Version ${target.version} has no element '${to}' to map '${from}' to.`);
  }

  const result = await changeAndHandOver(deps, instanceId, (handle) =>
    handle.executeUpdate(migrateInstanceUpdate, {
      args: [
        {
          definition: { id: target.id, processId: target.bpmnProcessId, version: target.version },
          graph,
          mapping,
          migratedBy: by,
        },
      ],
    }),
  );

  await prisma.$transaction(async (tx) => {
    await tx.processInstance.update({
      where: { id: instanceId },
      data: { definitionId: target.id, version: target.version },
    });
    for (const { elementInstanceId, to } of result.moved) {
      const where = { processInstanceId: instanceId, elementInstanceId };
      await tx.userTask.updateMany({ where, data: { elementId: to } });
      await tx.elementInstance.updateMany({ where, data: { elementId: to } });
    }
    await auditChange(tx, {
      instanceId,
      action: 'instance.migrated',
      by,
      sourceAddress: request.sourceAddress,
      details: {
        summary: `migrated v${instance.version} → v${target.version}`,
        fromDefinitionId: instance.definitionId,
        toDefinitionId: target.id,
        moved: result.moved,
      },
    });
  });
  // A version that starts counting legal time needs the administrators' calendar, which the old start did not carry.
  if (graph.usesLegalTime && !source.usesLegalTime) {
    await deps.temporal.workflow.getHandle(instanceId).signal(calendarChangedSignal, await loadOverrides(prisma));
  }
  return prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } });
}

function refused(elementId: string, message: string): AppError {
  return new AppError('INSTANCE_CHANGE_REFUSED', message, { elementId });
}
