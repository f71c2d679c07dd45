/**
 * DMN decisions deployed beside processes (docs/decisions.md): each decision of a `.dmn` file is stored as the next
 * version of its decision id, with the compiled decisions of the whole file, so its required decisions travel with it.
 * An identical redeploy returns the latest version. A business rule task evaluates the latest version when it runs,
 * as Zeebe's default binding does; a task naming a decision that is neither deployed nor in the deployment refuses it.
 */
import { createHash } from 'node:crypto';
import { compileDmn } from '../bpmn/decisions/compile';
import type { XmlLimits } from '../bpmn/xml-guard';
import { AppError } from '../shared/app-error';
import type { DecisionGraph } from '../shared/decisions';
import type { ProcessGraph } from '../shared/graph';
import { asJson, type Prisma, type PrismaClient } from '../platform/db';
import { appendAudit, type AuditedPerson } from './audit';
import type { CompiledProcess } from './forms';

/** A DMN file, compiled. */
export interface DecisionResource {
  graph: DecisionGraph;
  xml: string;
  resourceName: string;
}

export interface DeployedDecision {
  decisionId: string;
  version: number;
  id: string;
  /** False when an identical latest version already existed and was returned. */
  created: boolean;
}

export async function parseDecisions(xml: string, resourceName: string, limits: XmlLimits): Promise<DecisionResource> {
  try {
    return { graph: await compileDmn(xml, limits), xml, resourceName };
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, `${resourceName}: ${error.message}`, error.details);
    throw error;
  }
}

/** The decision ids a deployment defines, one entry per decision with the file defining it. */
export function definedDecisions(resources: DecisionResource[]): Array<{ id: string; resourceName: string }> {
  return resources.flatMap(({ graph, resourceName }) =>
    Object.keys(graph.decisions).map((id) => ({ id, resourceName })),
  );
}

/** The advisory lock a deployment holds on a decision id while it stores the decision's next version. */
export const decisionLockKey = (decisionId: string) => `decision:${decisionId}`;

/** Stores every decision of the file as its next version, or returns the latest when the file is the same. */
export async function storeDecisions(
  tx: Prisma.TransactionClient,
  resource: DecisionResource,
  deployedBy?: AuditedPerson,
): Promise<DeployedDecision[]> {
  const deployed: DeployedDecision[] = [];
  for (const decision of Object.values(resource.graph.decisions)) {
    const decisionId = decision.id;
    const contentHash = createHash('sha256').update(`${decisionId}\n${resource.xml}`).digest('hex');
    const latest = await tx.decisionDefinition.findFirst({ where: { decisionId }, orderBy: { version: 'desc' } });
    if (latest?.contentHash === contentHash) {
      deployed.push({ decisionId, version: latest.version, id: latest.id, created: false });
      continue;
    }
    const stored = await tx.decisionDefinition.create({
      data: {
        decisionId,
        version: (latest?.version ?? 0) + 1,
        name: decision.name,
        graph: asJson(resource.graph),
        xml: resource.xml,
        resourceName: resource.resourceName,
        contentHash,
        deployedById: deployedBy?.id,
      },
    });
    await appendAudit(tx, {
      actor: deployedBy?.username,
      sourceAddress: deployedBy?.sourceAddress,
      action: 'decision.deployed',
      objectType: 'DecisionDefinition',
      objectId: stored.id,
      details: { decisionId, version: stored.version, resourceName: resource.resourceName },
    });
    deployed.push({ decisionId, version: stored.version, id: stored.id, created: true });
  }
  return deployed;
}

/**
 * Refuses the deployment when a business rule task calls a decision that is neither in it nor deployed before,
 * naming every element concerned: such a task could only ever raise incidents.
 */
export async function assertCalledDecisionsExist(
  tx: Prisma.TransactionClient,
  processes: CompiledProcess[],
  deployedHere: string[],
): Promise<void> {
  const calls = processes.flatMap(({ graph, resourceName }) => decisionCalls(graph, resourceName));
  const wanted = [...new Set(calls.map((call) => call.decisionId))].filter((id) => !deployedHere.includes(id));
  const earlier = await tx.decisionDefinition.findMany({
    where: { decisionId: { in: wanted } },
    distinct: ['decisionId'],
    select: { decisionId: true },
  });
  const known = new Set([...deployedHere, ...earlier.map((row) => row.decisionId)]);
  const unknown = calls.filter((call) => !known.has(call.decisionId));
  if (unknown.length === 0) return;
  const problem = (decisionId: string) =>
    `the decision '${decisionId}' (zeebe:calledDecision) is neither in this deployment nor deployed before`;
  const summary = unknown.map(
    (call) => `${call.resourceName ? `${call.resourceName}, ` : ''}${call.elementId}: ${problem(call.decisionId)}`,
  );
  throw new AppError('BPMN_INVALID', `The model cannot be deployed. ${summary.join('; ')}`, {
    elementId: unknown[0]?.elementId,
    issues: unknown.map(({ elementId, decisionId }) => ({ elementId, message: problem(decisionId) })),
  });
}

function decisionCalls(graph: ProcessGraph, resourceName: string | undefined) {
  return Object.values(graph.elements).flatMap((element) =>
    element.type === 'businessRuleTask'
      ? [{ elementId: element.id, decisionId: element.decisionId, resourceName }]
      : [],
  );
}

/** The latest deployed version of a decision, with the decisions of its file; undefined when none is deployed. */
export async function loadLatestDecision(
  prisma: PrismaClient,
  decisionId: string,
): Promise<{ version: number; graph: DecisionGraph } | undefined> {
  const latest = await prisma.decisionDefinition.findFirst({
    where: { decisionId },
    orderBy: { version: 'desc' },
    select: { version: true, graph: true },
  });
  return latest ? { version: latest.version, graph: latest.graph as unknown as DecisionGraph } : undefined;
}
