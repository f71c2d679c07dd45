/**
 * The foundation end to end over HTTP, on the real Temporal server, PostgreSQL and SMTP catcher: deploy the demo,
 * start it, work the task through clerk1's queue, and watch the email and the instance index.
 */
import request from 'supertest';
import { demoApprovalXml } from '../support/bpmn';
import { recordHistory } from '../support/histories';
import { mailTo } from '../support/mail';
import { startTestStack, type TestStack } from '../support/stack';
import { eventually } from '../support/wait';

interface TaskDto {
  id: string;
  name: string;
  state: string;
  assignee: string | null;
  processInstanceId: string;
  candidateGroups: string[];
}

describe('demo approval process, end to end', () => {
  let stack: TestStack;
  let tokens: Record<'analyst1' | 'clerk1' | 'clerk2' | 'manager1', string>;
  const api = () => request(stack.app);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    stack = await startTestStack();
    tokens = {
      analyst1: await stack.login('analyst1'),
      clerk1: await stack.login('clerk1'),
      clerk2: await stack.login('clerk2'),
      manager1: await stack.login('manager1'),
    };
    await api()
      .post('/api/deployments')
      .set(as(tokens.analyst1))
      .type('application/xml')
      .send(demoApprovalXml)
      .expect(201);
  });
  afterAll(() => stack.stop());

  async function startRequest(applicantEmail: string) {
    const started = await api()
      .post('/api/process-instances')
      .set(as(tokens.clerk1))
      .send({
        processId: 'demo-approval',
        businessKey: `REQ-${applicantEmail}`,
        variables: { applicantEmail, applicantName: '홍길동' },
      })
      .expect(201);
    const instanceId = (started.body as { id: string }).id;
    const task = await eventually(
      async () => {
        const queue = await api().get('/api/tasks').set(as(tokens.clerk1)).expect(200);
        return (queue.body as { items: TaskDto[] }).items.find((item) => item.processInstanceId === instanceId);
      },
      { what: "the review task in clerk1's queue" },
    );
    return { instanceId, task };
  }

  it('moves an approved request through the queue and emails the applicant', async () => {
    const applicant = `approved-${Date.now()}@citizen.example.kr`;
    const { instanceId, task } = await startRequest(applicant);
    expect(task).toMatchObject({
      name: 'Review request',
      state: 'CREATED',
      assignee: null,
      candidateGroups: ['civil-affairs'],
    });

    const clerk2Queue = await api().get('/api/tasks').set(as(tokens.clerk2)).expect(200);
    expect((clerk2Queue.body as { items: TaskDto[] }).items.map((item) => item.id)).not.toContain(task.id);

    const claimed = await api().post(`/api/tasks/${task.id}/claim`).set(as(tokens.clerk1)).expect(200);
    expect(claimed.body).toMatchObject({ id: task.id, assignee: 'clerk1' });

    await api()
      .post(`/api/tasks/${task.id}/complete`)
      .set(as(tokens.clerk1))
      .send({ variables: { approved: true, comment: '서류 확인 완료' } })
      .expect(200, { id: task.id, state: 'COMPLETED' });

    const mail = await eventually(async () => (await mailTo(applicant))[0], { what: `an email to ${applicant}` });
    expect(mail.subject).toBe('[On-Nara] Your request has been approved');
    expect(mail.text).toContain('서류 확인 완료');

    const instance = await eventually(
      async () => {
        const response = await api().get(`/api/process-instances/${instanceId}`).set(as(tokens.manager1)).expect(200);
        const body = response.body as { state: string; endElementId: string; variables: Record<string, unknown> };
        return body.state === 'COMPLETED' ? body : undefined;
      },
      { what: 'the instance to complete in the index' },
    );
    expect(instance).toMatchObject({
      processId: 'demo-approval',
      version: 1,
      endElementId: 'request-approved',
      variables: { approved: true, applicantEmail: applicant },
    });

    const row = await stack.prisma.userTask.findUniqueOrThrow({ where: { id: task.id } });
    expect(row).toMatchObject({
      state: 'COMPLETED',
      completedBy: 'clerk1',
      result: { approved: true, comment: '서류 확인 완료' },
    });
    await recordHistory(stack.temporal, instanceId, 'demo-approval-approved');
  });

  it('ends a rejected request at "Rejected" without sending mail', async () => {
    const applicant = `rejected-${Date.now()}@citizen.example.kr`;
    const { instanceId, task } = await startRequest(applicant);
    await api()
      .post(`/api/tasks/${task.id}/complete`)
      .set(as(tokens.clerk1))
      .send({ variables: { approved: false } })
      .expect(200);
    await eventually(
      async () => {
        const row = await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } });
        return row.state === 'COMPLETED' ? row : undefined;
      },
      { what: 'the rejected instance to complete' },
    ).then((row) => expect(row.endElementId).toBe('request-rejected'));
    expect(await mailTo(applicant)).toHaveLength(0);
    await recordHistory(stack.temporal, instanceId, 'demo-approval-rejected');
  });

  it('answers a second completion of the same task with 409 and changes nothing', async () => {
    const { task } = await startRequest(`twice-${Date.now()}@citizen.example.kr`);
    await api()
      .post(`/api/tasks/${task.id}/complete`)
      .set(as(tokens.clerk1))
      .send({ variables: { approved: false } })
      .expect(200);
    const second = await api()
      .post(`/api/tasks/${task.id}/complete`)
      .set(as(tokens.clerk1))
      .send({ variables: { approved: true } })
      .expect(409);
    expect(second.body).toMatchObject({ code: 'TASK_NOT_OPEN' });
    const row = await stack.prisma.userTask.findUniqueOrThrow({ where: { id: task.id } });
    expect(row.result).toEqual({ approved: false });
  });

  it('hides a task from a civil servant of another department: 404 on read, claim and complete, row unchanged', async () => {
    const { task } = await startRequest(`outsider-${Date.now()}@citizen.example.kr`);
    const outsider = as(tokens.clerk2);
    for (const call of [
      api().get(`/api/tasks/${task.id}`).set(outsider),
      api().post(`/api/tasks/${task.id}/claim`).set(outsider),
      api().post(`/api/tasks/${task.id}/unclaim`).set(outsider),
      api()
        .post(`/api/tasks/${task.id}/complete`)
        .set(outsider)
        .send({ variables: { approved: true } }),
    ]) {
      const response = await call.expect(404);
      expect(response.body).toMatchObject({ code: 'NOT_FOUND' });
    }
    const row = await stack.prisma.userTask.findUniqueOrThrow({ where: { id: task.id } });
    expect(row).toMatchObject({ state: 'CREATED', assignee: null, completedBy: null });
  });

  it('keeps a task claimed by one clerk away from another clerk of the same group', async () => {
    const { task } = await startRequest(`claimed-${Date.now()}@citizen.example.kr`);
    const colleague = await stack.prisma.user.create({
      data: {
        username: `clerk-colleague-${Date.now()}`,
        displayName: 'Colleague',
        passwordHash: (await stack.prisma.user.findUniqueOrThrow({ where: { username: 'clerk1' } })).passwordHash,
        roles: { create: { roleCode: 'civil-servant' } },
        groups: { create: { groupCode: 'civil-affairs' } },
      },
    });
    const colleagueToken = await stack.login(colleague.username);
    await api().post(`/api/tasks/${task.id}/claim`).set(as(tokens.clerk1)).expect(200);
    const response = await api()
      .post(`/api/tasks/${task.id}/complete`)
      .set(as(colleagueToken))
      .send({ variables: { approved: true } })
      .expect(409);
    expect(response.body).toMatchObject({ code: 'TASK_CLAIMED' });
    await api().post(`/api/tasks/${task.id}/claim`).set(as(colleagueToken)).expect(409);
  });

  it('lets managers read but not complete, and refuses anonymous callers', async () => {
    const { task } = await startRequest(`manager-${Date.now()}@citizen.example.kr`);
    await api().get(`/api/tasks/${task.id}`).set(as(tokens.manager1)).expect(200);
    await api().post(`/api/tasks/${task.id}/complete`).set(as(tokens.manager1)).send({ variables: {} }).expect(404);
    const anonymous = await api().get('/api/tasks').expect(401);
    expect(anonymous.body).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('reports Temporal, PostgreSQL and SMTP reachable on /api/health', async () => {
    const health = await api().get('/api/health').expect(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      checks: { temporal: { status: 'ok' }, database: { status: 'ok' }, smtp: { status: 'ok' } },
    });
  });
});
