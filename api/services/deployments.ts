/**
 * Deploying BPMN: compile (which validates everything), then store each process as its next version. Deploying
 * XML identical to a process's latest version returns that version instead of creating a new one (as Zeebe does).
 */
import { createHash } from 'node:crypto';
import { compileBpmn } from '../../bpmn/compile';
import type { XmlLimits } from '../../bpmn/xml-guard';
import { asJson, type PrismaClient } from '../../platform/db';

export interface DeployedProcess {
  processId: string;
  version: number;
  definitionId: string;
  /** False when an identical latest version already existed and was returned. */
  created: boolean;
}

export async function deployResource(
  prisma: PrismaClient,
  input: { xml: string; resourceName?: string; deployedBy?: { id: string; username: string }; limits?: XmlLimits },
): Promise<DeployedProcess[]> {
  const graphs = await compileBpmn(input.xml, input.limits);
  return prisma.$transaction(async (tx) => {
    const deployed: DeployedProcess[] = [];
    for (const graph of graphs) {
      // Serialises concurrent deployments of the same process id, so versions stay gap-free and unique.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`deploy:${graph.processId}`}))`;
      const contentHash = createHash('sha256').update(`${graph.processId}\n${input.xml}`).digest('hex');
      const latest = await tx.processDefinition.findFirst({ where: { bpmnProcessId: graph.processId }, orderBy: { version: 'desc' } });
      if (latest?.contentHash === contentHash) {
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
          contentHash,
          deployedById: input.deployedBy?.id,
        },
      });
      await tx.auditLog.create({
        data: {
          actor: input.deployedBy?.username,
          action: 'process.deployed',
          objectType: 'ProcessDefinition',
          objectId: definition.id,
          details: { processId: graph.processId, version: definition.version, resourceName: input.resourceName ?? null },
        },
      });
      deployed.push({ processId: graph.processId, version: definition.version, definitionId: definition.id, created: true });
    }
    return deployed;
  });
}
