/**
 * Starts idempotent by a client's key (Idempotency-Key), on /api/process-instances and /v2/process-instances: a
 * repeat answers the same instance, a hundred concurrent duplicates start exactly one (one row, one workflow), the
 * same key with another request is refused with a code, and keys are per caller. No worker polls the suite's task
 * queue, so every started workflow stays running and can be counted.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { oneTaskProcess, uniqueProcessId } from '../support/bpmn';
import { terminateQuietly } from '../support/instances-without-interpreter';
import { PASSWORD, startTestStack, type TestStack } from '../support/stack';

/**
 * Sends as a client should under overload: a hundred requests at once exceed the API's admission limit
 * (API_MAX_IN_FLIGHT + API_MAX_QUEUED), and what it refuses with 503 and Retry-After is asked again after that wait.
 */
async function honouringRetryAfter(send: () => request.Test): Promise<request.Response> {
  for (;;) {
    const answer = await send();
    const retryAfter = Number(answer.headers['retry-after']);
    if (answer.status !== 503 || !retryAfter) return answer;
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
  }
}

describe('idempotent starts by Idempotency-Key', () => {
  let stack: TestStack;
  let clerk: string;
  let processId: string;
  const api = () => request(stack.app);
  const startWithKey = (token: string, key: string, body: object) =>
    api()
      .post('/api/process-instances')
      .set({ Authorization: `Bearer ${token}`, 'Idempotency-Key': key })
      .send(body);
  const rows = () => stack.prisma.processInstance.findMany({ where: { bpmnProcessId: processId } });
  /** Every interpreter workflow ever started on the suite's task queue, running or not. */
  const workflowCount = async () =>
    (await stack.temporal.workflow.count(`TaskQueue = '${stack.config.TEMPORAL_TASK_QUEUE}'`)).count;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    clerk = await stack.login('clerk1');
    processId = uniqueProcessId('idempotent');
    await api()
      .post('/api/deployments')
      .set({ Authorization: `Bearer ${await stack.login('analyst1')}` })
      .type('application/xml')
      .send(oneTaskProcess(processId))
      .expect(201);
  });
  afterAll(async () => {
    await terminateQuietly(
      stack,
      (await stack.prisma.processInstance.findMany({ select: { id: true } })).map(({ id }) => id),
    );
    await stack.stop();
  });

  it('starts exactly one instance for 100 concurrent duplicates, and answers it to each', async () => {
    const key = randomUUID();
    const body = { processId, variables: { applicant: 'Kim', amount: 3 } };
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => honouringRetryAfter(() => startWithKey(clerk, key, body))),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(100).fill(201));
    const ids = new Set(answers.map((answer) => (answer.body as { id: string }).id));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    expect((await rows()).map((row) => row.id)).toEqual([id]);
    expect(await stack.prisma.auditLog.count({ where: { objectId: id, action: 'instance.started' } })).toBe(1);
    const workflow = await stack.temporal.workflow.getHandle(id!).describe();
    expect(workflow.status.name).toBe('RUNNING');
    // Visibility lags a little behind the start; give it time to show any second workflow.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await workflowCount()).toBe(1);

    // A later retry, with the variables in another order, is the same request.
    const retry = await startWithKey(clerk, key, { variables: { amount: 3, applicant: 'Kim' }, processId });
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ id, state: 'ACTIVE' });
    expect(await rows()).toHaveLength(1);
  });

  it('refuses the same key with another request (409 IDEMPOTENCY_KEY_REUSED) and starts nothing', async () => {
    const key = randomUUID();
    const first = await startWithKey(clerk, key, { processId, variables: { amount: 1 } }).expect(201);
    const before = (await rows()).length;
    const other = await startWithKey(clerk, key, { processId, variables: { amount: 2 } }).expect(409);
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect((other.body as { message: string }).message).toContain((first.body as { id: string }).id);
    expect(await rows()).toHaveLength(before);
  });

  it('keeps keys per caller: another person’s same key starts their own instance', async () => {
    const key = randomUUID();
    const body = { processId, variables: {} };
    const mine = await startWithKey(clerk, key, body).expect(201);
    const theirs = await startWithKey(await stack.login('clerk2'), key, body).expect(201);
    expect((theirs.body as { id: string }).id).not.toBe((mine.body as { id: string }).id);
  });

  it('refuses a malformed key with 400 before starting anything', async () => {
    const before = (await rows()).length;
    const answer = await startWithKey(clerk, 'has spaces in it', { processId, variables: {} }).expect(400);
    expect(answer.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await rows()).toHaveLength(before);
  });

  describe('on /v2/process-instances', () => {
    const basic = `Basic ${Buffer.from(`clerk1:${PASSWORD}`).toString('base64')}`;
    const create = (key: string, variables: object) =>
      api()
        .post('/v2/process-instances')
        .set({ Authorization: basic, 'Idempotency-Key': key })
        .send({ processDefinitionId: processId, variables });

    it('answers a repeat the same processInstanceKey, 100 concurrent duplicates included', async () => {
      const key = randomUUID();
      const before = (await rows()).length;
      const answers = await Promise.all(
        Array.from({ length: 100 }, () => honouringRetryAfter(() => create(key, { amount: 7 }))),
      );
      expect(answers.map((answer) => answer.status)).toEqual(Array(100).fill(200));
      const keys = new Set(answers.map((answer) => (answer.body as { processInstanceKey: string }).processInstanceKey));
      expect(keys.size).toBe(1);
      expect(await rows()).toHaveLength(before + 1);
    });

    it('answers the same key with another request 409 as a problem with the code', async () => {
      const key = randomUUID();
      await create(key, { amount: 1 }).expect(200);
      const other = await create(key, { amount: 2 }).expect(409);
      expect(other.headers['content-type']).toMatch(/problem\+json/);
      expect(other.body).toMatchObject({ status: 409, code: 'IDEMPOTENCY_KEY_REUSED' });
    });
  });
});
