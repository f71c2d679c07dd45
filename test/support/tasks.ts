/**
 * Tasks written straight into the database, for queue and hand-over tests that need no running workflow: one process
 * instance per suite (or per test, for isolation by process id), and open tasks with chosen candidates and dates.
 */
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../platform/db';
import type { TestStack } from './stack';
import { GRAPH_FORMAT_VERSION } from '../../shared/graph';

/** A process instance of a fresh process id, without a workflow behind it. */
/** The stored graph of a definition whose instances are rows only, with no workflow behind them: no elements. */
export function rowsOnlyGraph(processId: string) {
  return { formatVersion: GRAPH_FORMAT_VERSION, processId, startEventId: '', elements: {}, flows: {} };
}

export async function insertProcessInstance(
  stack: TestStack,
  processId: string,
  variables: Prisma.InputJsonObject = {},
): Promise<string> {
  const definition = await stack.prisma.processDefinition.upsert({
    where: { bpmnProcessId_version: { bpmnProcessId: processId, version: 1 } },
    update: {},
    create: {
      bpmnProcessId: processId,
      version: 1,
      xml: '<definitions />',
      graph: rowsOnlyGraph(processId),
      contentHash: randomUUID(),
    },
  });
  const id = randomUUID();
  await stack.prisma.processInstance.create({
    data: { id, definitionId: definition.id, bpmnProcessId: processId, version: 1, businessKey: id, variables },
  });
  return id;
}

export type TaskFields = Partial<
  Pick<
    Prisma.UserTaskUncheckedCreateInput,
    'assignee' | 'candidateGroups' | 'candidateUsers' | 'dueAt' | 'priority' | 'orgUnitId' | 'state' | 'createdAt'
  >
>;

/** An open task of the instance, offered to civil-affairs unless told otherwise. */
export async function insertTask(stack: TestStack, instanceId: string, fields: TaskFields = {}): Promise<string> {
  const id = randomUUID();
  await stack.prisma.userTask.create({
    data: {
      id,
      processInstanceId: instanceId,
      elementId: 'review',
      elementInstanceId: id,
      name: '민원 검토',
      candidateGroups: ['civil-affairs'],
      ...fields,
    },
  });
  return id;
}

export async function orgUnitId(stack: TestStack, code: string): Promise<string> {
  return (await stack.prisma.orgUnit.findUniqueOrThrow({ where: { code } })).id;
}
