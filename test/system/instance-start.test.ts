/**
 * A start whose answer from Temporal is lost (engine/instances.ts): the row of a workflow that did start is kept and
 * confirmed, the row of a start whose fate is unknown waits for the reconciler, and only Temporal's refusal removes
 * the row. Temporal's answers are replaced on a real client; every workflow and row is real. No worker polls.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import request from 'supertest';
import { createInstanceRow, type NewInstanceRow } from '../../engine/instance-row';
import { InstanceStartError, startProcessInstance } from '../../engine/instances';
import { isUniqueViolation } from '../../platform/db';
import { oneTaskProcess, uniqueProcessId } from '../support/bpmn';
import { terminateQuietly } from '../support/instances-without-interpreter';
import { startTestStack, type TestStack } from '../support/stack';

/** An error as gRPC reports a call's status: the SDK wraps it as the cause of a ServiceError. */
function grpcError(code: number, details: string): Error {
  return Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
}

/** The stack's client, with `workflow.start` answered by `start` (which may call the real one first). */
function clientWhoseStart(stack: TestStack, start: Client['workflow']['start']): Client {
  const workflow = Object.create(stack.temporal.workflow) as Client['workflow'];
  workflow.start = start;
  return Object.create(stack.temporal, { workflow: { value: workflow } }) as Client;
}

describe('a start whose answer is lost', () => {
  let stack: TestStack;
  let processId: string;
  const workflows: string[] = [];
  const rows = () => stack.prisma.processInstance.findMany({ where: { bpmnProcessId: processId } });
  const startWith = async (temporal: Client) =>
    startProcessInstance(
      { ...stack.deps, temporal },
      {
        definition: await stack.prisma.processDefinition.findFirstOrThrow({ where: { bpmnProcessId: processId } }),
        variables: { amount: 1 },
      },
    );

  beforeEach(async () => {
    processId = uniqueProcessId('lost-answer');
    await request(stack.app)
      .post('/api/deployments')
      .set({ Authorization: `Bearer ${await stack.login('analyst1')}` })
      .type('application/xml')
      .send(oneTaskProcess(processId))
      .expect(201);
  });
  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
  });
  afterAll(async () => {
    await terminateQuietly(stack, workflows);
    await stack.stop();
  });

  it('keeps and confirms the row of a workflow that started although the answer was lost', async () => {
    const landedThenLost = clientWhoseStart(stack, async (type, options) => {
      workflows.push(options.workflowId);
      await stack.temporal.workflow.start(type, options);
      throw grpcError(14, 'connection reset after the request was sent');
    });
    const instance = await startWith(landedThenLost);
    expect(instance).toMatchObject({ state: 'ACTIVE', pendingStart: null });
    expect((await stack.temporal.workflow.getHandle(instance.id).describe()).status.name).toBe('RUNNING');
    expect(await rows()).toEqual([expect.objectContaining({ id: instance.id, state: 'ACTIVE', pendingStart: null })]);
  });

  it('keeps the row, pending, when Temporal has no such workflow yet: the start may still land', async () => {
    const timedOut = clientWhoseStart(stack, () => Promise.reject(grpcError(4, 'deadline exceeded')));
    const failure = await startWith(timedOut).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InstanceStartError);
    expect(failure).toMatchObject({ rowKept: true });
    expect(await rows()).toEqual([
      expect.objectContaining({ id: (failure as InstanceStartError).instanceId, pendingStart: expect.any(Object) }),
    ]);
  });

  it('removes the row when Temporal refused the start, and records that it did not start', async () => {
    const refused = clientWhoseStart(stack, () => Promise.reject(grpcError(3, 'invalid argument')));
    const failure = await startWith(refused).catch((error: unknown) => error);
    expect(failure).toMatchObject({ rowKept: false });
    const { instanceId } = failure as InstanceStartError;
    expect(await rows()).toEqual([]);
    expect(await stack.prisma.auditLog.findMany({ where: { objectId: instanceId } })).toEqual([
      expect.objectContaining({ action: 'instance.started' }),
      expect.objectContaining({ action: 'instance.notStarted', outcome: 'failure' }),
    ]);
  });

  describe('the row itself (engine/instance-row.ts)', () => {
    const newRow = async (): Promise<NewInstanceRow> => {
      const definition = await stack.prisma.processDefinition.findFirstOrThrow({ where: { bpmnProcessId: processId } });
      return {
        id: randomUUID(),
        definitionId: definition.id,
        bpmnProcessId: processId,
        version: definition.version,
        businessKey: 'BK-7',
        variables: { amount: 1, note: '서류 확인' },
        pendingStart: {},
        startedAt: new Date('2026-12-01T01:02:03.456Z'),
      };
    };
    const started = (id: string) => ({
      actor: 'clerk1',
      action: 'instance.started',
      objectType: 'ProcessInstance',
      objectId: id,
    });

    it('is written with its start variables as changes and its audit row, and answered as the database holds it', async () => {
      const row = await newRow();
      const written = await createInstanceRow(stack.prisma, row, started(row.id));
      expect(written).toEqual(await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: row.id } }));
      expect(written).toMatchObject({
        state: 'ACTIVE',
        businessKey: 'BK-7',
        variables: { amount: 1, note: '서류 확인' },
        startedAt: row.startedAt,
        pendingStart: {},
      });
      const changes = await stack.prisma.variableChange.findMany({
        where: { processInstanceId: row.id },
        orderBy: { name: 'asc' },
      });
      expect(changes).toEqual([
        expect.objectContaining({
          name: 'amount',
          value: 1,
          previous: null,
          changedBy: 'clerk1',
          source: 'start',
          at: row.startedAt,
        }),
        expect.objectContaining({ name: 'note', value: '서류 확인', previous: null, source: 'start' }),
      ]);
      expect(await stack.prisma.auditLog.findMany({ where: { objectId: row.id } })).toEqual([
        expect.objectContaining({
          action: 'instance.started',
          actor: 'clerk1',
          at: row.startedAt,
          hash: expect.any(String),
        }),
      ]);
    });

    it('refuses a second row under the same id as a unique violation, and writes none of its parts', async () => {
      const row = await newRow();
      await createInstanceRow(stack.prisma, row, started(row.id));
      const second = await createInstanceRow(stack.prisma, row, started(row.id)).catch((error: unknown) => error);
      expect(isUniqueViolation(second)).toBe(true);
      expect(await stack.prisma.variableChange.count({ where: { processInstanceId: row.id } })).toBe(2);
      expect(await stack.prisma.auditLog.count({ where: { objectId: row.id } })).toBe(1);
    });
  });
});
