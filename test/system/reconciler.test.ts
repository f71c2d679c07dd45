/**
 * The reconciler, on each inconsistency made by hand: a row whose workflow never started (a start Temporal did not
 * confirm), a confirmed row whose workflow is gone, a row whose workflow ended outside the engine, and a running
 * workflow whose row was deleted. No worker polls the suite's task queue, so started workflows stay running.
 */
import { randomUUID } from 'node:crypto';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import request from 'supertest';
import { apiConnectionOptions } from '../../api/temporal-connection';
import { InstanceStartError, startProcessInstance } from '../../engine/instances';
import { reconcileInstances, type ReconcileReport } from '../../engine/reconciler';
import type { ProcessInput } from '../../shared/workflow-contract';
import { oneTaskProcess, uniqueProcessId } from '../support/bpmn';
import { startInput, terminateQuietly } from '../support/instances-without-interpreter';
import { startTestStack, type TestStack } from '../support/stack';
import { eventually } from '../support/wait';

describe('the reconciler', () => {
  let stack: TestStack;
  const workflows: string[] = [];
  const deadTemporal = Connection.lazy(apiConnectionOptions('127.0.0.1:4393'));
  const engine = () => ({ ...stack.deps, taskQueue: stack.config.TEMPORAL_TASK_QUEUE });
  const reconcile = (graceMs = 0) => reconcileInstances(engine(), { graceMs });
  /** Reconciles until the pass repairs the instance (Temporal's list of running workflows lags a little). */
  const repairOf = (instanceId: string) =>
    eventually(async () => (await reconcile()).repairs.find((repair) => repair.instanceId === instanceId), {
      what: `a repair of ${instanceId}`,
    });
  const repairsIn = (report: ReconcileReport, ids: string[]) =>
    report.repairs.filter((repair) => ids.includes(repair.instanceId));
  const reconciledAudit = (instanceId: string) =>
    stack.prisma.auditLog.findMany({ where: { objectId: instanceId, action: 'instance.reconciled' } });

  let processId: string;
  const definition = () => stack.prisma.processDefinition.findFirstOrThrow({ where: { bpmnProcessId: processId } });
  const start = async (deps = engine()) => {
    const instance = await startProcessInstance(deps, {
      definition: await definition(),
      variables: { applicant: 'Kim', amount: 3 },
      businessKey: `BK-${randomUUID().slice(0, 8)}`,
    });
    workflows.push(instance.id);
    return instance;
  };

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    const analyst = await stack.login('analyst1');
    processId = uniqueProcessId('reconcile');
    await request(stack.app)
      .post('/api/deployments')
      .set({ Authorization: `Bearer ${analyst}` })
      .type('application/xml')
      .send(oneTaskProcess(processId))
      .expect(201);
  });
  afterAll(async () => {
    await terminateQuietly(stack, workflows);
    await deadTemporal.close();
    await stack.stop();
  });

  it('starts the workflow of a row whose start Temporal never confirmed, from the row', async () => {
    const unreachable = { ...engine(), temporal: new TemporalClient({ connection: deadTemporal }) };
    const failure = await start(unreachable).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InstanceStartError);
    const { instanceId } = failure as InstanceStartError;
    workflows.push(instanceId);

    expect(await repairOf(instanceId)).toMatchObject({ kind: 'workflowStarted' });
    const handle = stack.temporal.workflow.getHandle(instanceId);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    const input = await startInput<ProcessInput>(handle);
    expect(input).toMatchObject({ instanceId, variables: { applicant: 'Kim', amount: 3 } });
    expect(input.businessKey).toMatch(/^BK-/);
    expect(await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } })).toMatchObject({
      state: 'ACTIVE',
      pendingStart: null,
    });
    expect(await reconciledAudit(instanceId)).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ repair: 'workflowStarted' }) }),
    ]);
  });

  it('confirms a pending start whose workflow runs (the starter died before confirming)', async () => {
    const { id } = await start();
    await stack.prisma.processInstance.update({ where: { id }, data: { pendingStart: {} } });
    expect(await repairOf(id)).toMatchObject({ kind: 'startConfirmed' });
    const row = await stack.prisma.processInstance.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ state: 'ACTIVE', pendingStart: null });
  });

  it('closes a running row whose workflow does not exist, with its open task, and says why', async () => {
    const definitionRow = await definition();
    const id = randomUUID();
    await stack.prisma.processInstance.create({
      data: { id, definitionId: definitionRow.id, bpmnProcessId: processId, version: definitionRow.version },
    });
    const task = await stack.prisma.userTask.create({
      data: {
        id: randomUUID(),
        processInstanceId: id,
        elementId: 'review',
        elementInstanceId: 'review#1',
        name: 'Review',
      },
    });
    const repair = await repairOf(id);
    expect(repair).toMatchObject({ kind: 'rowClosed', reason: expect.stringMatching(/does not exist/) });
    expect(await stack.prisma.processInstance.findUniqueOrThrow({ where: { id } })).toMatchObject({
      state: 'CANCELED',
      endedAt: expect.any(Date),
    });
    expect(await stack.prisma.userTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
      state: 'CANCELED',
    });
    expect(await reconciledAudit(id)).toHaveLength(1);
  });

  it('closes a running row whose workflow was terminated outside the engine', async () => {
    const { id } = await start();
    await stack.temporal.workflow.getHandle(id).terminate('operator in the Temporal UI');
    expect(await repairOf(id)).toMatchObject({ kind: 'rowClosed', reason: expect.stringMatching(/TERMINATED/) });
    expect(await stack.prisma.processInstance.findUniqueOrThrow({ where: { id } })).toMatchObject({
      state: 'CANCELED',
    });
  });

  it('writes the row of a running workflow whose row was deleted, from the workflow’s input', async () => {
    const started = await start();
    await stack.prisma.$transaction([
      stack.prisma.variableChange.deleteMany({ where: { processInstanceId: started.id } }),
      stack.prisma.processInstance.delete({ where: { id: started.id } }),
    ]);
    expect(await repairOf(started.id)).toMatchObject({ kind: 'rowWritten' });
    expect(await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: started.id } })).toMatchObject({
      definitionId: started.definitionId,
      bpmnProcessId: processId,
      version: started.version,
      businessKey: started.businessKey,
      variables: { applicant: 'Kim', amount: 3 },
      state: 'ACTIVE',
    });
  });

  it('leaves young rows alone and consistent instances untouched, and repairs nothing twice', async () => {
    await start();
    const young = await start();
    await stack.prisma.processInstance.update({ where: { id: young.id }, data: { pendingStart: {} } });
    expect(repairsIn(await reconcile(60_000), [young.id])).toEqual([]);
    expect(await repairOf(young.id)).toMatchObject({ kind: 'startConfirmed' });
    const again = await reconcile();
    expect(repairsIn(again, workflows)).toEqual([]);
    expect(again.rowsChecked).toBeGreaterThanOrEqual(4);
  });
});
