/**
 * Every success answer of the engine's routes (deployments, processes, definitions, instances, batches, incidents,
 * messages, signals, tasks and their comments, files and saved filters) is the one /api/openapi.json describes:
 * each operation is driven once to a success on a running stack and its answer checked against the document.
 */
import request, { type Response } from 'supertest';
import { expectDocumented } from '../support/openapi-conformance';
import { eventStartProcess, flow, bpmn, oneTaskProcess, uniqueProcessId } from '../support/bpmn';
import { instanceInState, openIncident, openTask } from '../support/instances';
import { startTestStack, type TestStack } from '../support/stack';
import { orgUnitId } from '../support/tasks';
import { eventually } from '../support/wait';

jest.setTimeout(120_000);

/** start → exclusive gateway whose one flow needs `amount` → end: without `amount` the gateway raises an incident. */
function needsAmount(processId: string): string {
  return bpmn(
    `<bpmn:startEvent id="start" />${flow('f1', 'start', 'check')}
     <bpmn:exclusiveGateway id="check" />
     <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="end"><bpmn:conditionExpression>=amount &gt; 10</bpmn:conditionExpression></bpmn:sequenceFlow>
     <bpmn:endEvent id="end" />`,
    processId,
  );
}

/** The one-task process, its task due at the instance's `dueAt`: the task answers carry a due date and time left. */
const taskWithDueDate = (processId: string) =>
  oneTaskProcess(processId).replace(
    '<zeebe:assignmentDefinition candidateGroups="civil-affairs" />',
    '<zeebe:assignmentDefinition candidateGroups="civil-affairs" /><zeebe:taskSchedule dueDate="=dueAt" />',
  );

describe('the answers of the engine routes, against /api/openapi.json', () => {
  let stack: TestStack;
  const tokens: Record<string, string> = {};
  const catalogueProcess = uniqueProcessId('answers-catalogue');
  const taskProcess = uniqueProcessId('answers-task');
  const incidentProcess = uniqueProcessId('answers-incident');
  const eventProcess = uniqueProcessId('answers-event');
  const messageName = uniqueProcessId('answers-message');
  const signalName = uniqueProcessId('answers-signal');

  /** Sends a request as a person and checks that it succeeded with `status` and that the document describes it. */
  async function documented(status: number, sent: request.Test): Promise<Response> {
    const response = await sent;
    expect({ status: response.status, body: response.body as unknown }).toMatchObject({ status });
    expectDocumented(response);
    return response;
  }
  const as = (username: string) => ({ Authorization: `Bearer ${tokens[username]}` });
  const get = (username: string, path: string) => request(stack.app).get(path).set(as(username));
  const post = (username: string, path: string, body: object = {}) =>
    request(stack.app).post(path).set(as(username)).send(body);
  const startInstance = async (processId: string) => {
    const variables = { dueAt: new Date(Date.now() + 3 * 86_400_000).toISOString(), applicant: { name: '김민원' } };
    return (await documented(201, post('clerk1', '/api/process-instances', { processId, variables }))).body as {
      id: string;
    };
  };

  beforeAll(async () => {
    stack = await startTestStack();
    for (const username of ['admin', 'analyst1', 'clerk1', 'clerk3']) {
      tokens[username] = await stack.login(username);
    }
    const models = [
      taskWithDueDate(taskProcess),
      needsAmount(incidentProcess),
      eventStartProcess(eventProcess, { message: messageName, signal: signalName }),
    ];
    for (const xml of models) {
      await request(stack.app)
        .post('/api/deployments')
        .set(as('analyst1'))
        .type('application/xml')
        .send(xml)
        .expect(201);
    }
  });
  afterAll(() => stack?.stop());

  it('deploys, and describes the processes, their owners, start permissions and definitions', async () => {
    const deployed = await documented(
      201,
      request(stack.app)
        .post('/api/deployments')
        .set(as('analyst1'))
        .attach('resource', Buffer.from(oneTaskProcess(catalogueProcess)), 'catalogue.bpmn'),
    );
    const definitionId = (deployed.body as { processes: Array<{ definitionId: string }> }).processes[0]!.definitionId;

    await documented(200, get('analyst1', '/api/processes'));
    const clerk2 = await stack.prisma.user.findUniqueOrThrow({ where: { username: 'clerk2' } });
    await documented(201, post('admin', `/api/processes/${catalogueProcess}/owners`, { userId: clerk2.id }));
    await documented(200, get('analyst1', `/api/processes/${catalogueProcess}/owners`));
    await documented(
      200,
      request(stack.app).delete(`/api/processes/${catalogueProcess}/owners/${clerk2.id}`).set(as('admin')),
    );
    const civilAffairs = await orgUnitId(stack, 'civil-affairs');
    await documented(
      200,
      request(stack.app)
        .put(`/api/processes/${catalogueProcess}/start-permissions`)
        .set(as('analyst1'))
        .send({ orgUnitIds: [civilAffairs] }),
    );
    await documented(200, get('analyst1', `/api/processes/${catalogueProcess}/start-permissions`));

    await documented(200, get('analyst1', '/api/process-definitions'));
    await documented(200, get('analyst1', `/api/process-definitions/${definitionId}`));
    await documented(200, get('analyst1', `/api/process-definitions/${definitionId}/xml`));
    await documented(200, get('analyst1', `/api/process-definitions/${definitionId}/statistics`));
  });

  it('walks a task through the queue, every hand-over, comments, files and completion', async () => {
    const instance = await startInstance(taskProcess);
    const { id } = await openTask(stack, instance.id, 'task');
    const task = `/api/tasks/${id}`;

    const queue = await documented(200, get('clerk1', '/api/tasks?scope=groups&sort=created'));
    expect((queue.body as { items: Array<{ id: string; timeLeft: unknown }> }).items).toContainEqual(
      expect.objectContaining({ id, timeLeft: expect.objectContaining({ overdue: false }) }),
    );
    await documented(200, get('clerk1', task));
    await documented(200, post('clerk1', `${task}/claim`));
    await documented(200, request(stack.app).patch(task).set(as('clerk1')).send({ priority: 70 }));
    // Past year 9999 in UTC the stored date would answer as "+010000-…", which is no ISO 8601 instant.
    const beyond = await request(stack.app)
      .patch(task)
      .set(as('clerk1'))
      .send({ followUpAt: '9999-12-31T23:00:00-05:00' });
    expect(beyond.status).toBe(400);
    expectDocumented(beyond);
    await documented(200, post('clerk1', `${task}/unclaim`));
    await documented(200, post('clerk1', '/api/tasks/bulk/claim', { taskIds: [id, 'no-such-task'] }));
    await documented(200, post('admin', '/api/tasks/bulk/assign', { taskIds: [id], userId: 'clerk3' }));
    await documented(200, post('admin', `${task}/assign`, { userId: 'clerk1' }));
    await documented(200, post('clerk1', `${task}/delegate`, { userId: 'clerk3' }));
    await documented(200, post('clerk3', `${task}/resolve`, { variables: { comment: 'checked' } }));

    await documented(201, post('clerk1', `${task}/comments`, { text: 'The stamp is missing.' }));
    await documented(200, get('clerk1', `${task}/comments`));
    const file = await documented(
      201,
      request(stack.app)
        .post(`${task}/attachments`)
        .set(as('clerk1'))
        .attach('file', Buffer.from('receipt 2026-12-07'), { filename: 'receipt.txt', contentType: 'text/plain' }),
    );
    await documented(200, get('clerk1', `${task}/attachments`));
    const download = await documented(200, get('clerk1', `${task}/attachments/${(file.body as { id: string }).id}`));
    expect(download.headers['content-type']).toMatch(/^text\/plain/);

    await documented(200, post('clerk1', `${task}/complete`, { variables: { approved: true } }));
    await instanceInState(stack, instance.id, 'COMPLETED');
  });

  it('saves, lists and deletes a queue filter', async () => {
    const saved = await documented(
      201,
      post('clerk1', '/api/task-filters', { name: 'Urgent', criteria: { priorityMin: 70, variables: { kind: 'x' } } }),
    );
    await documented(200, get('clerk1', '/api/task-filters'));
    await documented(200, get('clerk1', `/api/tasks?filter=${(saved.body as { id: string }).id}`));
    await documented(
      204,
      request(stack.app)
        .delete(`/api/task-filters/${(saved.body as { id: string }).id}`)
        .set(as('clerk1')),
    );
  });

  it('reads, searches, suspends, modifies, migrates and cancels an instance', async () => {
    const { id } = await startInstance(taskProcess);
    await openTask(stack, id, 'task');
    const instance = `/api/process-instances/${id}`;

    await documented(200, get('analyst1', instance));
    await documented(200, get('analyst1', `/api/process-instances?processId=${taskProcess}`));
    const csv = await documented(200, get('analyst1', `/api/process-instances?processId=${taskProcess}&format=csv`));
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    await documented(200, get('analyst1', `/api/process-instances/count?processId=${taskProcess}`));
    for (const part of ['history', 'variables/history', 'tasks', 'audit']) {
      await documented(200, get('analyst1', `${instance}/${part}`));
    }

    await documented(200, post('analyst1', `${instance}/suspend`, { reason: 'Waiting for the registry' }));
    await documented(200, post('analyst1', `${instance}/resume`));
    await documented(200, post('analyst1', `${instance}/modify`, { cancel: ['task'], start: [{ elementId: 'task' }] }));
    const next = await documented(
      201,
      request(stack.app)
        .post('/api/deployments')
        .set(as('analyst1'))
        .type('application/xml')
        .send(taskWithDueDate(taskProcess).replace('name="Check"', 'name="Check again"')),
    );
    const targetDefinitionId = (next.body as { processes: Array<{ definitionId: string }> }).processes[0]!.definitionId;
    await documented(200, post('analyst1', `${instance}/migrate`, { targetDefinitionId }));
    await documented(200, post('admin', `${instance}/cancel`, { reason: 'Filed twice' }));
  });

  it('runs batches and follows them: a cancel, and a migration whose item fails', async () => {
    const { id } = await startInstance(taskProcess);
    const { definitionId } = await stack.prisma.processInstance.findUniqueOrThrow({ where: { id } });
    const requests = [
      { operation: 'cancel', instanceIds: [id] },
      // To the version it runs already: refused per item, so the batch answers with its failures.
      { operation: 'migrate', instanceIds: [id], migrate: { targetDefinitionId: definitionId } },
    ];
    for (const body of requests) {
      const created = await documented(202, post('admin', '/api/batches', body));
      const batch = `/api/batches/${(created.body as { id: string }).id}`;
      await eventually(async () => {
        const read = await documented(200, get('admin', batch));
        return (read.body as { state: string }).state === 'COMPLETED' ? true : undefined;
      });
    }
    const mine = await documented(200, get('admin', '/api/batches'));
    expect((mine.body as { items: Array<{ failed: number }> }).items.map((batch) => batch.failed)).toEqual([1, 0]);
  });

  it('lists, reads and resolves an incident', async () => {
    const { id } = await startInstance(incidentProcess);
    const incident = await openIncident(stack, id);

    const stopped = await documented(200, get('analyst1', `/api/process-instances/${id}`));
    expect(stopped.body).toMatchObject({ state: 'INCIDENT', incident: { elementId: 'check' } });
    await documented(200, get('analyst1', `/api/incidents?processInstanceId=${id}`));
    await documented(200, get('analyst1', `/api/incidents/${incident.id}`));
    await documented(200, post('analyst1', `/api/incidents/${incident.id}/resolve`, { variables: { amount: 20 } }));
    await instanceInState(stack, id, 'COMPLETED');
  });

  it('publishes a message and broadcasts a signal', async () => {
    const published = await documented(
      200,
      post('analyst1', '/api/messages', { name: messageName, correlationKey: 'case-1', timeToLive: 'PT1M' }),
    );
    expect((published.body as { startedInstances: string[] }).startedInstances).toHaveLength(1);
    await documented(200, post('analyst1', '/api/signals', { name: signalName }));
  });
});
