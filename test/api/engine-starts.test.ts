/**
 * What a deployment sets up for triggered starts (version tag, message and signal start subscriptions, timer-start
 * workflows), and the instances the engine starts itself: called processes (prepareCalledInstance) and timer
 * firings (startTimerInstance). No worker runs: started workflows wait on their task queue and are read back.
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import request from 'supertest';
import { createActivities } from '../../activities';
import { deployResource } from '../../engine/deployments';
import { engineLimits } from '../../platform/config';
import {
  TIMER_START_WORKFLOW,
  timerStartWorkflowId,
  type ProcessInput,
  type TimerStartInput,
} from '../../shared/workflow-contract';
import { bpmn, flow, oneTaskProcess, timer, eventStartProcess, uniqueProcessId } from '../support/bpmn';
import { startInput, terminateQuietly } from '../support/instances-without-interpreter';
import { startTestStack, type TestStack } from '../support/stack';

describe('triggered starts and instances the engine starts', () => {
  let stack: TestStack;
  let analyst: string;
  const workflows: string[] = [];
  const api = () => request(stack.app);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const activities = () => createActivities(stack.deps);
  const deploy = async (xml: string) =>
    (
      (await api().post('/api/deployments').set(as(analyst)).type('application/xml').send(xml).expect(201)).body as {
        processes: Array<{ definitionId: string; version: number }>;
      }
    ).processes[0]!;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    analyst = await stack.login('analyst1');
  });
  afterAll(async () => {
    await terminateQuietly(stack, workflows);
    await stack.stop();
  });

  it('stores the version tag and replaces the message and signal start subscriptions with the new version’s', async () => {
    const processId = uniqueProcessId('permit');
    const v1 = await deploy(
      eventStartProcess(processId, { message: 'permit-requested', signal: 'office-closed', versionTag: 'v1.0' }),
    );
    expect(await stack.prisma.processDefinition.findUniqueOrThrow({ where: { id: v1.definitionId } })).toMatchObject({
      versionTag: 'v1.0',
    });
    const subscriptions = () =>
      stack.prisma.eventStartSubscription.findMany({
        where: { bpmnProcessId: processId },
        orderBy: { elementId: 'asc' },
      });
    expect(await subscriptions()).toEqual([
      {
        definitionId: v1.definitionId,
        bpmnProcessId: processId,
        elementId: 'on-message',
        kind: 'MESSAGE',
        name: 'permit-requested',
      },
      {
        definitionId: v1.definitionId,
        bpmnProcessId: processId,
        elementId: 'on-signal',
        kind: 'SIGNAL',
        name: 'office-closed',
      },
    ]);

    const v2 = await deploy(eventStartProcess(processId, { message: 'permit-requested-v2' }));
    expect(await stack.prisma.processDefinition.findUniqueOrThrow({ where: { id: v2.definitionId } })).toMatchObject({
      version: 2,
      versionTag: null,
    });
    expect(await subscriptions()).toEqual([
      {
        definitionId: v2.definitionId,
        bpmnProcessId: processId,
        elementId: 'on-message',
        kind: 'MESSAGE',
        name: 'permit-requested-v2',
      },
    ]);

    // A version without triggered starts takes the previous version's away (deployed as seeding does).
    const v3 = await deployResource(stack.deps, { xml: oneTaskProcess(processId) });
    expect(v3).toEqual([expect.objectContaining({ processId, version: 3, created: true })]);
    expect(await subscriptions()).toEqual([]);
  });

  it('schedules a timer-start workflow per timer start event, and replaces it when a new version is deployed', async () => {
    const processId = uniqueProcessId('nightly');
    const withTimer = (cycle: string) =>
      bpmn(
        `<bpmn:startEvent id="every-night">${timer('timeCycle', cycle)}</bpmn:startEvent>${flow('f', 'every-night', 'end')}<bpmn:endEvent id="end" />`,
        processId,
      );
    const workflowId = timerStartWorkflowId(processId, 'every-night');
    workflows.push(workflowId);

    const v1 = await deploy(withTimer('R/PT24H'));
    const first = stack.temporal.workflow.getHandle(workflowId);
    expect(await first.describe()).toMatchObject({
      type: TIMER_START_WORKFLOW,
      taskQueue: stack.config.TEMPORAL_TASK_QUEUE,
      status: { name: 'RUNNING' },
    });
    expect(await startInput<TimerStartInput>(first)).toEqual({
      definitionId: v1.definitionId,
      processId,
      elementId: 'every-night',
      timer: { kind: 'cycle', value: { kind: 'static', value: 'R/PT24H' } },
      limits: engineLimits(stack.config),
    });
    const firstRunId = (await first.describe()).runId;

    const v2 = await deploy(withTimer('R/PT12H'));
    const latest = stack.temporal.workflow.getHandle(workflowId);
    const described = await latest.describe();
    expect(described.runId).not.toBe(firstRunId);
    expect(described.status.name).toBe('RUNNING');
    expect(await startInput<TimerStartInput>(latest)).toMatchObject({
      definitionId: v2.definitionId,
      timer: { value: { value: 'R/PT12H' } },
    });
    expect((await stack.temporal.workflow.getHandle(workflowId, firstRunId).describe()).status.name).not.toBe(
      'RUNNING',
    );
  });

  it('starts one instance per timer firing, at the timer start event, however often the activity is retried', async () => {
    const processId = uniqueProcessId('fired');
    const definition = await deploy(
      bpmn(
        `<bpmn:startEvent id="at-nine">${timer('timeCycle', 'R/PT1H')}</bpmn:startEvent>${flow('f', 'at-nine', 'end')}<bpmn:endEvent id="end" />`,
        processId,
      ),
    );
    workflows.push(timerStartWorkflowId(processId, 'at-nine'));
    const firing = {
      definitionId: definition.definitionId,
      startElementId: 'at-nine',
      firingKey: '2026-03-03T00:00:00Z',
    };

    const first = await activities().startTimerInstance(firing);
    const retried = await activities().startTimerInstance(firing);
    const next = await activities().startTimerInstance({ ...firing, firingKey: '2026-03-03T01:00:00Z' });
    workflows.push(first.instanceId, next.instanceId);

    expect(retried).toEqual(first);
    expect(next.instanceId).not.toBe(first.instanceId);
    expect(await stack.prisma.processInstance.count({ where: { bpmnProcessId: processId } })).toBe(2);
    expect(await startInput<ProcessInput>(stack.temporal.workflow.getHandle(first.instanceId))).toMatchObject({
      instanceId: first.instanceId,
      startElementId: 'at-nine',
      variables: {},
    });
  });

  it('prepares a called instance: the latest version or the latest with a version tag, indexed under its parent once', async () => {
    const processId = uniqueProcessId('callee');
    const tagged = await deploy(eventStartProcess(processId, { message: 'unused', versionTag: 'stable' }));
    const latest = await deploy(oneTaskProcess(processId));
    const parent = { parentInstanceId: randomUUID(), parentElementInstanceId: 'call#4' };

    const byTag = {
      childInstanceId: randomUUID(),
      ...parent,
      processId,
      binding: { kind: 'versionTag' as const, versionTag: 'stable' },
    };
    const prepared = await activities().prepareCalledInstance(byTag);
    expect(prepared).toMatchObject({
      definition: { id: tagged.definitionId, processId, version: 1 },
      graph: { processId, versionTag: 'stable' },
    });
    expect(prepared.calendar).toBeUndefined();
    expect(await activities().prepareCalledInstance(byTag)).toEqual(prepared);
    expect(
      await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: byTag.childInstanceId } }),
    ).toMatchObject({ definitionId: tagged.definitionId, state: 'ACTIVE', ...parent });

    const byLatest = await activities().prepareCalledInstance({
      ...byTag,
      childInstanceId: randomUUID(),
      binding: { kind: 'latest' },
    });
    expect(byLatest.definition).toEqual({ id: latest.definitionId, processId, version: 2 });
  });

  it('fails a call of a process that is not deployed (or has no such version tag) for good, naming both', async () => {
    const call = (processId: string, binding: { kind: 'latest' } | { kind: 'versionTag'; versionTag: string }) =>
      activities().prepareCalledInstance({
        childInstanceId: randomUUID(),
        parentInstanceId: randomUUID(),
        parentElementInstanceId: 'call#1',
        processId,
        binding,
      });
    const missing = await call('no-such-process', { kind: 'latest' }).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(ApplicationFailure);
    expect(missing).toMatchObject({
      type: 'CalledProcessNotFound',
      nonRetryable: true,
      message: expect.stringContaining("'no-such-process'"),
    });

    const processId = uniqueProcessId('untagged');
    await deploy(oneTaskProcess(processId));
    const noTag = await call(processId, { kind: 'versionTag', versionTag: 'v9' }).catch((error: unknown) => error);
    expect(noTag).toMatchObject({ type: 'CalledProcessNotFound', message: expect.stringContaining("'v9'") });
  });
});
