/**
 * POST /api/batches and GET /api/batches/:id: a batch works its instances through the batch workflow with its
 * progress visible as it goes; an item that fails is counted with its reason while the others go on.
 */
import request from 'supertest';
import { bpmn, flow, oneTaskProcess, uniqueProcessId } from '../support/bpmn';
import { deploy, instanceInState, openIncident, openTask } from '../support/instances';
import { startJobWorkers } from '../support/job-workers';
import { startTestStack, type TestStack } from '../support/stack';
import { eventually } from '../support/wait';

jest.setTimeout(120_000);

interface BatchDto {
  id: string;
  operation: string;
  state: string;
  total: number;
  done: number;
  failed: number;
  failures?: Array<{ instanceId: string; error: string }>;
}

/** start → service task of an external job type (one attempt) → end. */
function oneJobProcess(processId: string, jobType: string): string {
  return bpmn(
    `<bpmn:startEvent id="start" />${flow('f1', 'start', 'register')}
     <bpmn:serviceTask id="register"><bpmn:extensionElements><zeebe:taskDefinition type="${jobType}" retries="1" /></bpmn:extensionElements></bpmn:serviceTask>
     ${flow('f2', 'register', 'end')}<bpmn:endEvent id="end" />`,
    processId,
  );
}

describe('batch operations', () => {
  let stack: TestStack;
  let workers: Awaited<ReturnType<typeof startJobWorkers>>;
  let admin: string;
  let analyst: string;
  let clerk: string;
  let registryUp = false;
  const taskProcess = uniqueProcessId('batch-task');
  const jobProcess = uniqueProcessId('batch-job');
  const jobType = uniqueProcessId('batch-registry');
  const api = () => request(stack.app);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    stack = await startTestStack();
    admin = await stack.login('admin');
    analyst = await stack.login('analyst1');
    clerk = await stack.login('clerk1');
    await deploy(stack, oneTaskProcess(taskProcess));
    await deploy(stack, oneJobProcess(jobProcess, jobType));
    workers = await startJobWorkers(stack, {
      [jobType]: () => {
        if (!registryUp) throw new Error('land registry unavailable');
        return { registered: true };
      },
    });
  });
  afterAll(async () => {
    await workers.stop();
    await stack.stop();
  });

  async function waitingInstances(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const started = await api().post('/api/process-instances').set(as(clerk)).send({ processId: taskProcess });
      ids.push((started.body as { id: string }).id);
    }
    for (const id of ids) await openTask(stack, id, 'task');
    return ids;
  }

  const batchOf = async (id: string, token = admin) =>
    (await api().get(`/api/batches/${id}`).set(as(token)).expect(200)).body as BatchDto;

  /** Polls the batch until it completes, keeping every `done` count seen on the way. */
  async function followBatch(id: string, token = admin): Promise<{ batch: BatchDto; seen: number[] }> {
    const seen: number[] = [];
    const batch = await eventually(
      async () => {
        const current = await batchOf(id, token);
        seen.push(current.done);
        return current.state === 'COMPLETED' ? current : undefined;
      },
      { what: 'the batch completed', timeoutMs: 60_000, intervalMs: 25 },
    );
    return { batch, seen };
  }

  it('cancels ten instances, counting each as it goes, until done = 10', async () => {
    const ids = await waitingInstances(10);
    const created = await api()
      .post('/api/batches')
      .set(as(admin))
      .send({ operation: 'cancel', instanceIds: ids, reason: '일괄 취소' })
      .expect(202);
    expect(created.body).toMatchObject({ operation: 'cancel', state: 'RUNNING', total: 10, done: 0, failed: 0 });

    const { batch, seen } = await followBatch((created.body as BatchDto).id);
    expect(batch).toMatchObject({ total: 10, done: 10, failed: 0, failures: [] });
    // Progress showed along the way, and never went back.
    expect(seen.some((done) => done > 0 && done < 10)).toBe(true);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const states = await stack.prisma.processInstance.findMany({ where: { id: { in: ids } }, select: { state: true } });
    expect(states.map((row) => row.state)).toEqual(Array(10).fill('CANCELED'));
    expect(
      await stack.prisma.auditLog.count({
        where: {
          objectId: { in: ids },
          action: 'instance.cancelled',
          actor: 'admin',
          details: { equals: { reason: '일괄 취소' } },
        },
      }),
    ).toBe(10);

    const mine = await api().get('/api/batches').set(as(admin)).expect(200);
    expect((mine.body as { items: BatchDto[] }).items.map((item) => item.id)).toContain(batch.id);
  });

  it('cancels the instances a search filter selects, and only those', async () => {
    const processId = uniqueProcessId('batch-filter');
    await deploy(stack, oneTaskProcess(processId));
    const start = async (businessKey: string) =>
      (
        (await api().post('/api/process-instances').set(as(clerk)).send({ processId, businessKey }).expect(201))
          .body as { id: string }
      ).id;
    const selected = [await start('SEL-1'), await start('SEL-2')];
    const kept = await start('KEEP-1');
    const created = await api()
      .post('/api/batches')
      .set(as(admin))
      .send({ operation: 'cancel', filter: { processId, businessKeyPrefix: 'SEL-' } })
      .expect(202);
    expect((await followBatch((created.body as BatchDto).id)).batch).toMatchObject({ total: 2, done: 2, failed: 0 });
    const states = await stack.prisma.processInstance.findMany({
      where: { id: { in: [...selected, kept] } },
      select: { id: true, state: true },
    });
    expect(Object.fromEntries(states.map((row) => [row.id, row.state]))).toEqual({
      [selected[0] as string]: 'CANCELED',
      [selected[1] as string]: 'CANCELED',
      [kept]: 'ACTIVE',
    });
    // A filter field the search does not know is refused by name; so is naming both ids and a filter.
    const unknown = await api()
      .post('/api/batches')
      .set(as(admin))
      .send({ operation: 'cancel', filter: { processId, colour: 'red' } })
      .expect(400);
    expect((unknown.body as { message: string }).message).toContain('colour');
    await api()
      .post('/api/batches')
      .set(as(admin))
      .send({ operation: 'cancel', filter: { processId }, instanceIds: [kept] })
      .expect(400);
  });

  it('retries the open incidents of instances in incident: each job runs again and the instances complete', async () => {
    registryUp = false;
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const started = await api().post('/api/process-instances').set(as(clerk)).send({ processId: jobProcess });
      ids.push((started.body as { id: string }).id);
    }
    for (const id of ids) await openIncident(stack, id);

    registryUp = true;
    const created = await api().post('/api/batches').set(as(analyst)).send({ operation: 'retry', instanceIds: ids });
    expect(created.status).toBe(202);
    const { batch } = await followBatch((created.body as BatchDto).id, analyst);
    expect(batch).toMatchObject({ operation: 'retry', total: 3, done: 3, failed: 0 });
    for (const id of ids) await instanceInState(stack, id, 'COMPLETED');
    expect(await stack.prisma.incident.count({ where: { processInstanceId: { in: ids }, state: 'RESOLVED' } })).toBe(3);
  });

  it('counts a failing item as failed with its reason while the others go on', async () => {
    const [first, ended, last] = (await waitingInstances(3)) as [string, string, string];
    const endedTask = await openTask(stack, ended, 'task');
    await api()
      .post(`/api/tasks/${endedTask.id}/complete`)
      .set(as(clerk))
      .send({ variables: { approved: true } })
      .expect(200);
    await instanceInState(stack, ended, 'COMPLETED');
    const unknown = '00000000-0000-4000-8000-000000000000';
    const created = await api()
      .post('/api/batches')
      .set(as(analyst))
      .send({ operation: 'retry', instanceIds: [first, unknown, last] })
      .expect(202);
    const { batch } = await followBatch((created.body as BatchDto).id, analyst);
    expect(batch).toMatchObject({ total: 3, done: 0, failed: 3 });
    expect(batch.failures).toEqual([
      { instanceId: first, error: expect.stringContaining('no open incident') },
      { instanceId: unknown, error: expect.stringContaining('no such instance') },
      { instanceId: last, error: expect.stringContaining('no open incident') },
    ]);

    const mixed = await api()
      .post('/api/batches')
      .set(as(admin))
      .send({ operation: 'cancel', instanceIds: [first, ended, last] })
      .expect(202);
    const cancelled = await followBatch((mixed.body as BatchDto).id);
    expect(cancelled.batch).toMatchObject({ total: 3, done: 2, failed: 1 });
    expect(cancelled.batch.failures).toEqual([{ instanceId: ended, error: expect.stringContaining('completed') }]);
    expect((await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: last } })).state).toBe('CANCELED');
  });

  it('migrates each item to the newer version, and counts a refused migration as failed with its reason', async () => {
    const processId = uniqueProcessId('batch-migrate');
    await deploy(stack, oneTaskProcess(processId));
    const ids: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const started = await api().post('/api/process-instances').set(as(clerk)).send({ processId }).expect(201);
      ids.push((started.body as { id: string }).id);
    }
    for (const id of ids) await openTask(stack, id, 'task');
    const definition = (version: number) =>
      stack.prisma.processDefinition.findFirstOrThrow({ where: { bpmnProcessId: processId, version } });
    const versions = async () =>
      (await stack.prisma.processInstance.findMany({ where: { id: { in: ids } }, select: { version: true } })).map(
        (row) => row.version,
      );

    // To the version they already run: the migration refuses each, and nothing moves.
    const same = await api()
      .post('/api/batches')
      .set(as(admin))
      .send({ operation: 'migrate', instanceIds: ids, migrate: { targetDefinitionId: (await definition(1)).id } })
      .expect(202);
    const refused = await followBatch((same.body as BatchDto).id);
    expect(refused.batch).toMatchObject({ operation: 'migrate', total: 2, done: 0, failed: 2 });
    expect(refused.batch.failures?.map((failure) => failure.error)).toEqual([
      expect.stringContaining('only to a newer version'),
      expect.stringContaining('only to a newer version'),
    ]);
    expect(await versions()).toEqual([1, 1]);

    // Version 2 offers the same task to another group; both instances move and wait there.
    await deploy(stack, oneTaskProcess(processId, 'general-affairs'));
    const moved = await api()
      .post('/api/batches')
      .set(as(admin))
      .send({ operation: 'migrate', instanceIds: ids, migrate: { targetDefinitionId: (await definition(2)).id } })
      .expect(202);
    expect((await followBatch((moved.body as BatchDto).id)).batch).toMatchObject({ done: 2, failed: 0 });
    expect(await versions()).toEqual([2, 2]);
  });

  it('refuses a role without the operation (403) and bad input (400); another person’s batch is 404', async () => {
    const [id] = (await waitingInstances(1)) as [string];
    const refused = await api()
      .post('/api/batches')
      .set(as(clerk))
      .send({ operation: 'cancel', instanceIds: [id] });
    expect(refused.status).toBe(403);
    await api()
      .post('/api/batches')
      .set(as(admin))
      .send({ operation: 'delete', instanceIds: [id] })
      .expect(400);
    await api().post('/api/batches').set(as(admin)).send({ operation: 'cancel', instanceIds: [] }).expect(400);
    await api()
      .post('/api/batches')
      .set(as(admin))
      .send({ operation: 'cancel', instanceIds: Array(10_001).fill(id) })
      .expect(400);
    await api()
      .post('/api/batches')
      .set(as(admin))
      .send({ operation: 'migrate', instanceIds: [id] })
      .expect(400);
    expect((await stack.prisma.processInstance.findUniqueOrThrow({ where: { id } })).state).toBe('ACTIVE');
    expect(await stack.prisma.batch.count({ where: { items: { some: { instanceId: id } } } })).toBe(0);

    const analystsBatch = await api()
      .post('/api/batches')
      .set(as(analyst))
      .send({ operation: 'retry', instanceIds: [id] })
      .expect(202);
    await api()
      .get(`/api/batches/${(analystsBatch.body as BatchDto).id}`)
      .set(as(clerk))
      .expect(404);
    await followBatch((analystsBatch.body as BatchDto).id);
  });
});
