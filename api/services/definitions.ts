/** Deployed process definitions: the caller's list of versions, one version with its XML and graph, its XML alone. */
import type { ProcessDefinition } from '../../prisma/generated/client';
import { accessibleWhere, type Caller } from '../auth/ability';
import type { ServiceDeps } from '../deps';
import { findVisible } from './visible';

const summary = {
  id: true,
  bpmnProcessId: true,
  version: true,
  name: true,
  resourceName: true,
  contentHash: true,
  deployedAt: true,
} as const;

/** Definitions as the API answers them: the BPMN process id as `processId`. */
function toDefinitionDto<Row extends Pick<ProcessDefinition, 'bpmnProcessId'>>({ bpmnProcessId, ...rest }: Row) {
  return { processId: bpmnProcessId, ...rest };
}

export async function listDefinitions({ prisma }: ServiceDeps, { ability }: Caller) {
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

export async function getDefinition({ prisma }: ServiceDeps, caller: Caller, id: string) {
  const definition = await findVisible(caller, 'read', 'ProcessDefinition', id, (where) =>
    prisma.processDefinition.findFirst({ where }),
  );
  return toDefinitionDto(definition);
}

/** The deployed BPMN XML of one version, as the modeler opens it. */
export async function getDefinitionXml({ prisma }: ServiceDeps, caller: Caller, id: string): Promise<string> {
  const { xml } = await findVisible(caller, 'read', 'ProcessDefinition', id, (where) =>
    prisma.processDefinition.findFirst({ where, select: { xml: true } }),
  );
  return xml;
}
