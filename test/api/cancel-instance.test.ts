/** POST /api/process-instances/:id/cancel: a reason, the open task leaves the queue, the index and trail say why. */
import request from 'supertest';
import { demoApprovalXml } from '../support/bpmn';
import { recordHistory } from '../support/histories';
import { startTestStack, type TestStack } from '../support/stack';
import { eventually } from '../support/wait';

describe('cancelling a process instance', () => {
  let stack: TestStack;
  let admin: string;
  let clerk: string;
  const api = () => request(stack.app);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    stack = await startTestStack();
    admin = await stack.login('admin');
    clerk = await stack.login('clerk1');
    await api().post('/api/deployments').set(as(admin)).type('application/xml').send(demoApprovalXml).expect(201);
  });
  afterAll(() => stack.stop());

  async function waitingInstance() {
    const started = await api()
      .post('/api/process-instances')
      .set(as(clerk))
      .send({ processId: 'demo-approval', variables: { applicantEmail: 'x@citizen.example.kr' } })
      .expect(201);
    const id = (started.body as { id: string }).id;
    const task = await eventually(
      () => stack.prisma.userTask.findFirst({ where: { processInstanceId: id } }).then((row) => row ?? undefined),
      { what: 'the task row' },
    );
    return { id, taskId: task.id };
  }

  it('cancels with a reason: the index says CANCELED, the task leaves the queue, the trail keeps the reason', async () => {
    const { id, taskId } = await waitingInstance();
    const response = await api()
      .post(`/api/process-instances/${id}/cancel`)
      .set(as(admin))
      .send({ reason: '민원인 취하' })
      .expect(200);
    expect(response.body).toMatchObject({ id, state: 'CANCELED' });

    expect((await stack.prisma.userTask.findUniqueOrThrow({ where: { id: taskId } })).state).toBe('CANCELED');
    const queue = await api().get('/api/tasks').set(as(clerk)).expect(200);
    expect((queue.body as { items: Array<{ id: string }> }).items.map((item) => item.id)).not.toContain(taskId);
    const trail = await stack.prisma.auditLog.findFirstOrThrow({
      where: { objectId: id, action: 'instance.cancelled' },
    });
    expect(trail).toMatchObject({ actor: 'admin', details: { reason: '민원인 취하' } });
    await expect(stack.temporal.workflow.getHandle(id).describe()).resolves.toMatchObject({
      status: { name: 'CANCELLED' },
    });
    await recordHistory(stack.temporal, id, 'instance-cancelled-with-reason');

    const again = await api()
      .post(`/api/process-instances/${id}/cancel`)
      .set(as(admin))
      .send({ reason: 'twice' })
      .expect(409);
    expect(again.body).toMatchObject({ code: 'CONFLICT' });
  });

  it('needs a reason, and answers 404 to a caller who may not cancel, changing nothing', async () => {
    const { id, taskId } = await waitingInstance();
    const noReason = await api()
      .post(`/api/process-instances/${id}/cancel`)
      .set(as(admin))
      .send({ reason: ' ' })
      .expect(400);
    expect(noReason.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    await api().post(`/api/process-instances/${id}/cancel`).set(as(clerk)).send({ reason: 'mine' }).expect(404);
    expect((await stack.prisma.processInstance.findUniqueOrThrow({ where: { id } })).state).toBe('ACTIVE');
    expect((await stack.prisma.userTask.findUniqueOrThrow({ where: { id: taskId } })).state).toBe('CREATED');
  });
});
