/** Deployed process definitions: the caller's list of versions, one version with its XML and graph, its XML alone. */
import { z } from 'zod';
import type { ProcessDefinition } from '../../prisma/generated/client';
import { accessibleWhere, type Caller } from '../auth/ability';
import type { ServiceDeps } from '../deps';
import { findVisible } from './visible';
import { freeObject, instant, storedObject } from './answer-fields';
import { elementStatisticsAnswer } from './dashboards/figures';

const summary = {
  id: true,
  bpmnProcessId: true,
  version: true,
  name: true,
  resourceName: true,
  contentHash: true,
  deployedAt: true,
} as const;

/** A version in the list of definitions. */
export const definitionSummaryAnswer = z.object({
  id: z.string(),
  processId: z.string(),
  version: z.number().int(),
  name: z.string().nullable(),
  resourceName: z.string().nullable(),
  contentHash: z.string(),
  deployedAt: instant,
});

/** One version with its XML and the graph the interpreter walks. */
export const definitionAnswer = definitionSummaryAnswer.extend({
  xml: z.string(),
  graph: freeObject,
  versionTag: z.string().nullable(),
  deployedById: z.string().nullable(),
  formVersions: z.record(z.string(), z.string()).describe('The form version each zeebe:formId is bound to'),
  sensitiveVariables: z.array(z.string()),
});

/** Per element of a version, all time: the heatmap's figures. */
export const definitionStatisticsAnswer = z.array(elementStatisticsAnswer);

/** Definitions as the API answers them: the BPMN process id as `processId`. */
function toDefinitionDto<Row extends Pick<ProcessDefinition, 'bpmnProcessId'>>({ bpmnProcessId, ...rest }: Row) {
  return { processId: bpmnProcessId, ...rest };
}

export async function listDefinitions(
  { prisma }: ServiceDeps,
  { ability }: Caller,
): Promise<Array<z.input<typeof definitionSummaryAnswer>>> {
  const allowed = accessibleWhere(ability, 'read', 'ProcessDefinition');
  const rows = allowed
    ? await prisma.processDefinition.findMany({
        where: allowed,
        select: summary,
        orderBy: [{ bpmnProcessId: 'asc' }, { version: 'desc' }],
      })
    : [];
  return rows.map(toDefinitionDto);
}

export async function getDefinition(
  { prisma }: ServiceDeps,
  caller: Caller,
  id: string,
): Promise<z.input<typeof definitionAnswer>> {
  const definition = await findVisible(caller, 'read', 'ProcessDefinition', id, (where) =>
    prisma.processDefinition.findFirst({ where }),
  );
  const { graph, formVersions, ...rest } = toDefinitionDto(definition);
  return {
    ...rest,
    graph: storedObject(graph) ?? {},
    formVersions: (storedObject(formVersions) ?? {}) as Record<string, string>,
  };
}

/** The deployed BPMN XML of one version, as the modeler opens it. */
export async function getDefinitionXml({ prisma }: ServiceDeps, caller: Caller, id: string): Promise<string> {
  const { xml } = await findVisible(caller, 'read', 'ProcessDefinition', id, (where) =>
    prisma.processDefinition.findFirst({ where, select: { xml: true } }),
  );
  return xml;
}
