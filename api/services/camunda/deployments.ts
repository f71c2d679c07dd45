/**
 * Deployments in Camunda's shape: the same deployment as /api/deployments (all files compiled first, stored together
 * or not at all), answered with one entry per process, decision, decision requirements graph (a DMN file) and form.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { DeploymentResource } from '../../../engine/deployments';
import { keyFor, keysFor } from '../../../engine/camunda-keys';
import type { DecisionGraph } from '../../../shared/decisions';
import type { Caller } from '../../auth/ability';
import type { ServiceDeps } from '../../deps';
import { deploy } from '../deployments';
import { DEFAULT_TENANT, keyAnswer, tenantId } from './search';

/** Camunda's DeploymentResult: one entry per deployed process, decision, decision requirements graph and form. */
export const deploymentAnswer = z.object({
  deploymentKey: keyAnswer,
  tenantId,
  deployments: z.array(
    z.union([
      z.object({
        processDefinition: z.object({
          processDefinitionId: z.string(),
          processDefinitionVersion: z.number().int(),
          resourceName: z.string(),
          tenantId,
          processDefinitionKey: keyAnswer,
        }),
      }),
      z.object({
        decisionDefinition: z.object({
          decisionDefinitionId: z.string(),
          version: z.number().int(),
          name: z.string(),
          tenantId,
          decisionRequirementsId: z.string(),
          decisionDefinitionKey: keyAnswer,
          decisionRequirementsKey: keyAnswer,
        }),
      }),
      z.object({
        decisionRequirements: z.object({
          decisionRequirementsId: z.string(),
          decisionRequirementsName: z.string(),
          version: z.number().int(),
          resourceName: z.string(),
          tenantId,
          decisionRequirementsKey: keyAnswer,
        }),
      }),
      z.object({
        form: z.object({
          formId: z.string(),
          version: z.number().int(),
          resourceName: z.string(),
          tenantId,
          formKey: keyAnswer,
        }),
      }),
    ]),
  ),
});

export async function deployCamundaResources(
  deps: ServiceDeps,
  caller: Caller,
  resources: DeploymentResource[],
): Promise<z.input<typeof deploymentAnswer>> {
  const deployment = await deploy(deps, caller, resources);
  const { prisma } = deps;
  const [processes, decisions, forms] = await Promise.all([
    prisma.processDefinition.findMany({
      where: { id: { in: deployment.processes.map((process) => process.definitionId) } },
      select: { id: true, bpmnProcessId: true, version: true, resourceName: true },
    }),
    prisma.decisionDefinition.findMany({
      where: { id: { in: deployment.decisions.map((decision) => decision.id) } },
      select: { id: true, decisionId: true, version: true, name: true, resourceName: true, graph: true },
    }),
    prisma.form.findMany({
      where: { id: { in: deployment.forms.map((form) => form.id) } },
      select: { id: true, formId: true, version: true, resourceName: true },
    }),
  ]);
  // A DMN file is one decision requirements graph; its first decision's version row names it.
  const graphs = new Map<string, (typeof decisions)[number]>();
  for (const decision of decisions) {
    const { definitionsId } = decision.graph as unknown as DecisionGraph;
    if (!graphs.has(definitionsId)) graphs.set(definitionsId, decision);
  }
  const graphOf = (decision: (typeof decisions)[number]) =>
    graphs.get((decision.graph as unknown as DecisionGraph).definitionsId)!;
  const [deploymentKey, processKeys, decisionKeys, graphKeys, formKeys] = await Promise.all([
    keyFor(prisma, 'DEPLOYMENT', randomUUID()),
    keysFor(
      prisma,
      'PROCESS_DEFINITION',
      processes.map((process) => process.id),
    ),
    keysFor(
      prisma,
      'DECISION_DEFINITION',
      decisions.map((decision) => decision.id),
    ),
    keysFor(
      prisma,
      'DECISION_REQUIREMENTS',
      [...graphs.values()].map((decision) => decision.id),
    ),
    keysFor(
      prisma,
      'FORM',
      forms.map((form) => form.id),
    ),
  ]);
  const tenantId = DEFAULT_TENANT;
  return {
    deploymentKey,
    tenantId,
    deployments: [
      ...processes.map((process) => ({
        processDefinition: {
          processDefinitionId: process.bpmnProcessId,
          processDefinitionVersion: process.version,
          resourceName: process.resourceName ?? `${process.bpmnProcessId}.bpmn`,
          tenantId,
          processDefinitionKey: processKeys.get(process.id)!,
        },
      })),
      ...decisions.map((decision) => ({
        decisionDefinition: {
          decisionDefinitionId: decision.decisionId,
          version: decision.version,
          name: decision.name ?? decision.decisionId,
          tenantId,
          decisionRequirementsId: (decision.graph as unknown as DecisionGraph).definitionsId,
          decisionDefinitionKey: decisionKeys.get(decision.id)!,
          decisionRequirementsKey: graphKeys.get(graphOf(decision).id)!,
        },
      })),
      ...[...graphs].map(([definitionsId, decision]) => ({
        decisionRequirements: {
          decisionRequirementsId: definitionsId,
          decisionRequirementsName: definitionsId,
          version: decision.version,
          resourceName: decision.resourceName ?? `${definitionsId}.dmn`,
          tenantId,
          decisionRequirementsKey: graphKeys.get(decision.id)!,
        },
      })),
      ...forms.map((form) => ({
        form: {
          formId: form.formId,
          version: form.version,
          resourceName: form.resourceName ?? `${form.formId}.form`,
          tenantId,
          formKey: formKeys.get(form.id)!,
        },
      })),
    ],
  };
}
