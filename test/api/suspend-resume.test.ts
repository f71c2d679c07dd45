/**
 * POST /api/process-instances/:id/suspend and /resume: a suspended instance holds its tokens (a timer that comes
 * due waits and fires once on resume), refuses task completions, stays suspended across a worker restart, and
 * answers 409 in the wrong state and 404 to a caller who may not operate it.
 */
import request from 'supertest';
import { startProcessInstance } from '../../engine/instances';
import { bpmn, flow, message, model, oneTaskProcess, timer, uniqueProcessId } from '../support/bpmn';
import { countIn, elementHistory } from '../support/element-history';
import { deploy, historyEventCount, instanceInState, openTask } from '../support/instances';
import { startTestStack, type TestStack } from '../support/stack';
import { eventually } from '../support/wait';
import { recordHistory } from '../support/histories';

/** start → timer (3 s) → user task "after" → end. */
function timerThenTask(processId: string): string {
  return bpmn(
    `<bpmn:startEvent id="start" />${flow('f1', 'start', 'wait')}
     <bpmn:intermediateCatchEvent id="wait">${timer('timeDuration', 'PT3S')}</bpmn:intermediateCatchEvent>
     ${flow('f2', 'wait', 'after')}
     <bpmn:userTask id="after"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="civil-affairs" /></bpmn:extensionElements></bpmn:userTask>
     ${flow('f3', 'after', 'end')}<bpmn:endEvent id="end" />`,
    processId,
  );
}

/** start → message catch (correlated by `key`) → user task "after" → end. */
function messageThenTask(processId: string, messageName: string): string {
  return model(
    `<bpmn:startEvent id="start" />${flow('f1', 'start', 'wait')}
     <bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="msg" /></bpmn:intermediateCatchEvent>
     ${flow('f2', 'wait', 'after')}
     <bpmn:userTask id="after"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="civil-affairs" /></bpmn:extensionElements></bpmn:userTask>
     ${flow('f3', 'after', 'end')}<bpmn:endEvent id="end" />`,
    { processId, roots: message('msg', messageName, '=key') },
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('suspending and resuming a process instance', () => {
  let stack: TestStack;
  let admin: string;
  let analyst: string;
  let clerk: string;
  let manager: string;
  const timerProcess = uniqueProcessId('suspend-timer');
  const taskProcess = uniqueProcessId('suspend-task');
  const messageProcess = uniqueProcessId('suspend-message');
  const messageName = uniqueProcessId('documents-arrived');
  const api = () => request(stack.app);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    stack = await startTestStack();
    admin = await stack.login('admin');
    analyst = await stack.login('analyst1');
    clerk = await stack.login('clerk1');
    manager = await stack.login('manager1');
    await deploy(stack, timerThenTask(timerProcess));
    await deploy(stack, oneTaskProcess(taskProcess));
    await deploy(stack, messageThenTask(messageProcess, messageName));
  });
  afterAll(() => stack.stop());

  async function startInstance(processId: string, variables = {}): Promise<string> {
    const started = await api()
      .post('/api/process-instances')
      .set(as(clerk))
      .send({ processId, variables })
      .expect(201);
    return (started.body as { id: string }).id;
  }

  const suspend = (id: string, token: string, reason?: string) =>
    api()
      .post(`/api/process-instances/${id}/suspend`)
      .set(as(token))
      .send(reason ? { reason } : {});
  const resume = (id: string, token: string) =>
    api().post(`/api/process-instances/${id}/resume`).set(as(token)).send({});

  it('holds a timer that comes due while suspended, and fires it exactly once on resume', async () => {
    const id = await startInstance(timerProcess);
    await eventually(
      async () => ((await elementHistory(stack, id)).some((row) => row.elementId === 'wait') ? true : undefined),
      { what: 'the timer event waiting' },
    );

    const suspended = await suspend(id, analyst, '서류 보완 대기').expect(200);
    expect(suspended.body).toMatchObject({ id, state: 'ACTIVE', suspendedAt: expect.any(String) });
    expect(
      await stack.prisma.auditLog.findFirstOrThrow({ where: { objectId: id, action: 'instance.suspended' } }),
    ).toMatchObject({ actor: 'analyst1', details: { reason: '서류 보완 대기' } });

    // Well past the timer's three seconds: the element after it has not run.
    await sleep(4_500);
    const held = await elementHistory(stack, id);
    expect(held.filter((row) => row.elementId === 'wait').map((row) => row.state)).toEqual(['ACTIVE']);
    expect(held.some((row) => row.elementId === 'after')).toBe(false);
    expect(await stack.prisma.userTask.count({ where: { processInstanceId: id } })).toBe(0);

    const resumed = await resume(id, analyst).expect(200);
    expect(resumed.body).toMatchObject({ id, suspendedAt: null });
    await openTask(stack, id, 'after');
    await eventually(async () => ((await countIn(stack, id, 'COMPLETED')).wait === 1 ? true : undefined), {
      what: 'the timer event completed',
    });
    // Give a second firing every chance to show up before counting.
    await sleep(1_000);
    const after = await elementHistory(stack, id);
    expect(after.filter((row) => row.elementId === 'wait')).toHaveLength(1);
    expect(after.filter((row) => row.elementId === 'after')).toHaveLength(1);
    expect(await stack.prisma.userTask.count({ where: { processInstanceId: id } })).toBe(1);
    expect(
      await stack.prisma.auditLog.findFirstOrThrow({ where: { objectId: id, action: 'instance.resumed' } }),
    ).toMatchObject({ actor: 'analyst1' });
    await recordHistory(stack.temporal, id, 'instance-suspended-timer-held');
  });

  it('holds a message delivered while suspended, and lets it through once on resume', async () => {
    const key = uniqueProcessId('case');
    const id = await startInstance(messageProcess, { key });
    await eventually(
      () =>
        stack.prisma.eventSubscription.findFirst({ where: { processInstanceId: id } }).then((row) => row ?? undefined),
      {
        what: 'the message subscription',
      },
    );
    await suspend(id, analyst).expect(200);

    await api().post('/api/messages').set(as(analyst)).send({ name: messageName, correlationKey: key }).expect(200);
    await sleep(1_500);
    const held = await elementHistory(stack, id);
    expect(held.filter((row) => row.elementId === 'wait').map((row) => row.state)).toEqual(['ACTIVE']);
    expect(held.some((row) => row.elementId === 'after')).toBe(false);

    await resume(id, analyst).expect(200);
    await openTask(stack, id, 'after');
    expect(await countIn(stack, id, 'COMPLETED')).toMatchObject({ wait: 1 });
  });

  it('refuses a task completion while suspended (409, the task stays open), also after a worker restart', async () => {
    const id = await startInstance(taskProcess);
    const task = await openTask(stack, id, 'task');
    await suspend(id, admin).expect(200);

    const refused = await api()
      .post(`/api/tasks/${task.id}/complete`)
      .set(as(clerk))
      .send({ variables: { approved: true } })
      .expect(409);
    expect(refused.body).toMatchObject({ code: 'INSTANCE_SUSPENDED' });
    expect((await stack.prisma.userTask.findUniqueOrThrow({ where: { id: task.id } })).state).toBe('CREATED');

    // The flag lives in the workflow's history: a new worker replays it and the instance is still held.
    await stack.stopWorker();
    await stack.startWorker();
    const again = await suspend(id, admin).expect(409);
    expect(again.body).toMatchObject({ code: 'INSTANCE_SUSPENDED' });

    await resume(id, admin).expect(200);
    await api()
      .post(`/api/tasks/${task.id}/complete`)
      .set(as(clerk))
      .send({ variables: { approved: true } })
      .expect(200);
    await instanceInState(stack, id, 'COMPLETED');
  });

  it('stays suspended when the instance continues as new while held', async () => {
    const definition = await stack.prisma.processDefinition.findFirstOrThrow({ where: { bpmnProcessId: taskProcess } });
    // Continue as new soon: the suspension's own events carry the history past the limit.
    const limit = 7;
    const { id } = await startProcessInstance(stack.deps, {
      definition,
      variables: {},
      continueAsNewAfterEvents: limit,
    });
    const task = await openTask(stack, id, 'task');
    const handle = stack.temporal.workflow.getHandle(id);
    const firstRun = (await handle.describe()).runId;
    expect(await historyEventCount(handle)).toBeLessThan(limit);

    await suspend(id, admin).expect(200);
    await eventually(async () => ((await handle.describe()).runId !== firstRun ? true : undefined), {
      what: 'a new run of the suspended instance',
    });
    const refused = await api()
      .post(`/api/tasks/${task.id}/complete`)
      .set(as(clerk))
      .send({ variables: { approved: true } })
      .expect(409);
    expect(refused.body).toMatchObject({ code: 'INSTANCE_SUSPENDED' });

    await resume(id, admin).expect(200);
    await api()
      .post(`/api/tasks/${task.id}/complete`)
      .set(as(clerk))
      .send({ variables: { approved: true } })
      .expect(200);
    await instanceInState(stack, id, 'COMPLETED');
  });

  it('answers 409 in the wrong state: resuming a running instance, suspending an ended one', async () => {
    const id = await startInstance(taskProcess);
    await openTask(stack, id, 'task');
    const notSuspended = await resume(id, admin).expect(409);
    expect(notSuspended.body).toMatchObject({ code: 'INSTANCE_NOT_SUSPENDED' });
    expect(await stack.prisma.auditLog.count({ where: { objectId: id, action: 'instance.resumed' } })).toBe(0);

    // A suspended instance can still be cancelled; it is then no longer held.
    await suspend(id, admin).expect(200);
    const cancelled = await api()
      .post(`/api/process-instances/${id}/cancel`)
      .set(as(admin))
      .send({ reason: 'test' })
      .expect(200);
    expect(cancelled.body).toMatchObject({ state: 'CANCELED', suspendedAt: null });
    const ended = await suspend(id, admin).expect(409);
    expect(ended.body).toMatchObject({ code: 'CONFLICT' });
    expect(await stack.prisma.auditLog.count({ where: { objectId: id, action: 'instance.suspended' } })).toBe(1);
  });

  it('answers 404 to callers who may not operate the instance, changing nothing', async () => {
    const id = await startInstance(taskProcess);
    await openTask(stack, id, 'task');
    for (const outsider of [clerk, manager]) {
      await suspend(id, outsider).expect(404);
      await resume(id, outsider).expect(404);
    }
    expect((await stack.prisma.processInstance.findUniqueOrThrow({ where: { id } })).suspendedAt).toBeNull();
    await api().post(`/api/process-instances/not-an-id/suspend`).set(as(admin)).send({}).expect(404);
  });
});
