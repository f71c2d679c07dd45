/**
 * Instances without the interpreter, for tests of what the engine's activities and the engine layer do: instance
 * rows inserted directly, and "waiting" workflows that Temporal holds on a task queue no worker polls, so that
 * signals sent to them and the input they were started with can be read back from their histories.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { PROCESS_WORKFLOW } from '../../shared/workflow-contract';
import type { TestStack } from './stack';

/** An instance index row of the latest version of a deployed process (no workflow behind it). */
export async function insertInstance(stack: TestStack, processId: string): Promise<string> {
  const definition = await stack.prisma.processDefinition.findFirstOrThrow({
    where: { bpmnProcessId: processId },
    orderBy: { version: 'desc' },
  });
  const id = randomUUID();
  await stack.prisma.processInstance.create({
    data: { id, definitionId: definition.id, bpmnProcessId: processId, version: definition.version },
  });
  return id;
}

/** A workflow with the instance's id that stays open: its task queue has no worker. */
export async function waitingWorkflow(stack: TestStack, instanceId: string): Promise<WorkflowHandle> {
  return stack.temporal.workflow.start(PROCESS_WORKFLOW, {
    taskQueue: `nobody-polls-${randomBytes(4).toString('hex')}`,
    workflowId: instanceId,
    args: [{ instanceId }],
  });
}

function decode(payloads: { data?: Uint8Array | null }[] | null | undefined): unknown {
  const data = payloads?.[0]?.data;
  return data ? JSON.parse(Buffer.from(data).toString('utf8')) : undefined;
}

/** The signals a workflow has received, by name with their argument. */
export async function signalsReceived(handle: WorkflowHandle): Promise<Array<{ name: string; arg: unknown }>> {
  const history = await handle.fetchHistory();
  return (history.events ?? []).flatMap((event) => {
    const signaled = event.workflowExecutionSignaledEventAttributes;
    return signaled ? [{ name: signaled.signalName ?? '', arg: decode(signaled.input?.payloads) }] : [];
  });
}

/** The input a workflow was started with. */
export async function startInput<T>(handle: WorkflowHandle): Promise<T> {
  const history = await handle.fetchHistory();
  return decode(history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads) as T;
}

export async function terminateQuietly(stack: TestStack, workflowIds: string[]): Promise<void> {
  await Promise.allSettled(workflowIds.map((id) => stack.temporal.workflow.getHandle(id).terminate('test over')));
}
