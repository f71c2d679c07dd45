/**
 * GET /api/process-instances/:id/variables/history: the start, a task's completion and an incident resolved with
 * variables each leave who set what and when; the instance's readers see it, others get 404.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createActivities } from '../../activities';
import { bpmn, flow } from '../support/bpmn';
import { completeTask, deploy, instanceInState, openIncident, openTask } from '../support/instances';
import { insertInstance } from '../support/instances-without-interpreter';
import { startTestStack, type TestStack } from '../support/stack';

interface Change {
  name: string;
  value: unknown;
  previous: unknown;
  changedBy: string | null;
  source: string;
  sourceId: string | null;
  at: string;
}

const processId = 'variable-history';
const xml = bpmn(
  `<bpmn:startEvent id="start" />${flow('f0', 'start', 'review')}
   <bpmn:userTask id="review"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="civil-affairs" /></bpmn:extensionElements></bpmn:userTask>
   ${flow('f1', 'review', 'route')}
   <bpmn:exclusiveGateway id="route" />
   <bpmn:sequenceFlow id="to-online" sourceRef="route" targetRef="end"><bpmn:conditionExpression>=channel = "online"</bpmn:conditionExpression></bpmn:sequenceFlow>
   <bpmn:endEvent id="end" />`,
  processId,
);

describe('variable history', () => {
  let stack: TestStack;
  const api = () => request(stack.app);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    stack = await startTestStack();
    await deploy(stack, xml);
  });
  afterAll(() => stack.stop());

  it('records the start, the task and the incident resolution: who set what, from which value, in order', async () => {
    // given an instance a clerk started
    const clerk = await stack.login('clerk1');
    const started = await api()
      .post('/api/process-instances')
      .set(as(clerk))
      .send({ processId, variables: { amount: 1, channel: 'post', applicant: { name: '김민원' } } })
      .expect(201);
    const id = (started.body as { id: string }).id;

    // when the clerk completes the review with a new amount, the gateway stops, and an admin resolves with a channel
    const taskId = await completeTask(stack, id, 'review', { amount: 2 });
    const incident = await openIncident(stack, id);
    const admin = await stack.login('admin');
    await api()
      .post(`/api/incidents/${incident.id}/resolve`)
      .set(as(admin))
      .send({ variables: { channel: 'online' } })
      .expect(200);
    await instanceInState(stack, id, 'COMPLETED');

    // then the history lists each change with its author and source
    const response = await api().get(`/api/process-instances/${id}/variables/history`).set(as(admin)).expect(200);
    const changes = (response.body as { items: Change[] }).items;
    expect(
      changes.map(({ name, value, previous, changedBy, source, sourceId }) => ({
        name,
        value,
        previous,
        changedBy,
        source,
        sourceId,
      })),
    ).toEqual([
      { name: 'amount', value: 1, previous: null, changedBy: 'clerk1', source: 'start', sourceId: null },
      {
        name: 'applicant',
        value: { name: '김민원' },
        previous: null,
        changedBy: 'clerk1',
        source: 'start',
        sourceId: null,
      },
      { name: 'channel', value: 'post', previous: null, changedBy: 'clerk1', source: 'start', sourceId: null },
      { name: 'amount', value: 2, previous: 1, changedBy: 'clerk1', source: 'task', sourceId: taskId },
      {
        name: 'channel',
        value: 'online',
        previous: 'post',
        changedBy: 'admin',
        source: 'incident-resolve',
        sourceId: incident.id,
      },
    ]);
    const times = changes.map((change) => Date.parse(change.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    // a retried completion activity adds nothing
    await createActivities(stack.deps).completeUserTask({
      taskId,
      instanceId: id,
      completedBy: 'clerk1',
      result: { amount: 3 },
      variables: { amount: 3, channel: 'post' },
    });
    expect(await stack.prisma.variableChange.count({ where: { processInstanceId: id } })).toBe(changes.length);

    // the clerk who worked on it reads it; a clerk of another department gets 404
    await api().get(`/api/process-instances/${id}/variables/history`).set(as(clerk)).expect(200);
    const outsider = await stack.login('clerk2');
    await api().get(`/api/process-instances/${id}/variables/history`).set(as(outsider)).expect(404);
  });

  it('marks what the process changed between two projections as the process, not the person', async () => {
    const clerk = await stack.login('clerk1');
    const started = await api()
      .post('/api/process-instances')
      .set(as(clerk))
      .send({ processId, variables: { channel: 'online' } })
      .expect(201);
    const id = (started.body as { id: string }).id;
    const open = await openTask(stack, id, 'review');
    // the projection as the worker runs it, with a `score` an output mapping wrote since the start's projection
    const activities = createActivities(stack.deps);
    await activities.completeUserTask({
      taskId: open.id,
      instanceId: id,
      completedBy: 'clerk1',
      result: { note: 'ok' },
      variables: { channel: 'online', note: 'ok', score: 7 },
    });
    const rows = await stack.prisma.variableChange.findMany({
      where: { processInstanceId: id, source: { not: 'start' } },
      orderBy: { name: 'asc' },
    });
    expect(rows.map(({ name, changedBy, source }) => ({ name, changedBy, source }))).toEqual([
      { name: 'note', changedBy: 'clerk1', source: 'task' },
      { name: 'score', changedBy: null, source: 'process' },
    ]);
  });

  it('keeps no change of a resolution the engine refused', async () => {
    // given an open incident whose instance has no workflow behind it
    const id = await insertInstance(stack, processId);
    const incidentId = randomUUID();
    await createActivities(stack.deps).raiseIncident({
      instanceId: id,
      incidentId,
      elementId: 'route',
      elementInstanceId: 'route#1',
      message: 'no branch',
    });
    const admin = await stack.login('admin');

    // when an operator resolves it with variables, the engine answers that the instance has ended
    await api()
      .post(`/api/incidents/${incidentId}/resolve`)
      .set(as(admin))
      .send({ variables: { channel: 'online' } })
      .expect(409);

    // then the history has no trace of the change
    expect(await stack.prisma.variableChange.count({ where: { processInstanceId: id } })).toBe(0);
  });
});
