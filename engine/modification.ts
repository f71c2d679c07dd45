/**
 * Modifying a running instance: cancel the tokens waiting at some elements, start tokens at others, with
 * variables. The workflow decides (workflows/modification.ts): a refusal changes nothing.
 */
import type { ProcessInstance } from '../prisma/generated/client';
import type { Variables } from '../shared/feel';
import { modifyInstanceUpdate } from '../shared/workflow-contract';
import type { EngineDeps } from './deps';
import { auditChange, changeAndHandOver, runningInstance } from './instance-changes';

export interface ModifyInstanceRequest {
  instanceId: string;
  cancel?: string[];
  start?: Array<{ elementId: string; variables?: Variables }>;
  variables?: Variables;
  allowEnd?: boolean;
  /** Username of the operator, for the audit trail. */
  by: string;
  /** The operator's address, for the audit trail. */
  sourceAddress?: string;
}

/** Returns the index row once the workflow has taken the change (the instance then goes on by itself). */
export async function modifyInstance(deps: EngineDeps, request: ModifyInstanceRequest): Promise<ProcessInstance> {
  const { instanceId, by } = request;
  await runningInstance(deps, instanceId, 'modified');
  const cancel = request.cancel ?? [];
  const start = request.start ?? [];
  await changeAndHandOver(deps, instanceId, (handle) =>
    handle.executeUpdate(modifyInstanceUpdate, {
      args: [{ cancel, start, variables: request.variables, allowEnd: request.allowEnd, modifiedBy: by }],
    }),
  );
  // The change is the workflow's (its update above); this process writes only the audit row.
  await auditChange(deps.prisma, {
    instanceId,
    action: 'instance.modified',
    by,
    sourceAddress: request.sourceAddress,
    details: {
      summary: describe(
        cancel,
        start.map((token) => token.elementId),
      ),
      cancelled: cancel,
      started: start.map((token) => token.elementId),
      variables: [...new Set([request.variables, ...start.map((token) => token.variables)].flatMap(namesOf))],
    },
  });
  return deps.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } });
}

function describe(cancelled: string[], started: string[]): string {
  const parts = [
    cancelled.length > 0 ? `cancelled ${cancelled.join(', ')}` : '',
    started.length > 0 ? `started ${started.join(', ')}` : '',
  ];
  return `modified: ${parts.filter(Boolean).join('; ')}`;
}

const namesOf = (variables: Variables | undefined) => Object.keys(variables ?? {});
