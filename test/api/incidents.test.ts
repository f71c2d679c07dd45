/**
 * Incidents and element history: the activities that raise, resolve and cancel incidents and write the history the
 * interpreter carries, and the routes that show them (GET /api/incidents, /api/incidents/:id, POST .../resolve,
 * GET /api/process-instances/:id/history). Resolving an open incident end to end needs the interpreter; here the
 * route's refusals are tested.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createActivities } from '../../activities';
import type { ElementHistoryEntry } from '../../shared/workflow-contract';
import { oneTaskProcess } from '../support/bpmn';
import { insertInstance } from '../support/instances-without-interpreter';
import { startTestStack, type TestStack } from '../support/stack';
import { orgUnitId } from '../support/tasks';

describe('incidents and element history', () => {
  let stack: TestStack;
  let analyst: string;
  let manager: string;
  let clerk: string;
  const api = () => request(stack.app);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const activities = () => createActivities(stack.deps);
  const processId = 'incident-prone';
  let civilAffairs: string;

  async function instanceWithIncident(message = 'amount: no variable named amount') {
    const instanceId = await insertInstance(stack, processId);
    // Started in civil-affairs, so that manager1 (its head) reads it.
    await stack.prisma.processInstance.update({ where: { id: instanceId }, data: { orgUnitId: civilAffairs } });
    const incidentId = randomUUID();
    await activities().raiseIncident({
      instanceId,
      incidentId,
      elementId: 'task',
      elementInstanceId: 'task#2',
      message,
    });
    return { instanceId, incidentId };
  }

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    analyst = await stack.login('analyst1');
    manager = await stack.login('manager1');
    clerk = await stack.login('clerk1');
    civilAffairs = await orgUnitId(stack, 'civil-affairs');
    await api()
      .post('/api/deployments')
      .set(as(analyst))
      .type('application/xml')
      .send(oneTaskProcess(processId))
      .expect(201);
  });
  afterAll(() => stack.stop());

  it('raises an incident once, however often the activity runs: row OPEN, instance INCIDENT, one audit row', async () => {
    const { instanceId, incidentId } = await instanceWithIncident();
    await activities().raiseIncident({
      instanceId,
      incidentId,
      elementId: 'task',
      elementInstanceId: 'task#2',
      message: 'amount: no variable named amount',
    });

    expect(await stack.prisma.incident.findUniqueOrThrow({ where: { id: incidentId } })).toMatchObject({
      state: 'OPEN',
      processInstanceId: instanceId,
      elementInstanceId: 'task#2',
    });
    const instance = await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } });
    expect(instance).toMatchObject({
      state: 'INCIDENT',
      incident: { elementId: 'task', message: 'amount: no variable named amount', at: expect.any(String) },
    });
    expect(await stack.prisma.auditLog.count({ where: { objectId: instanceId, action: 'incident.raised' } })).toBe(1);
  });

  it('resolves: the instance runs again only when no other incident holds it', async () => {
    const { instanceId, incidentId } = await instanceWithIncident();
    const other = randomUUID();
    await activities().raiseIncident({
      instanceId,
      incidentId: other,
      elementId: 'mail',
      elementInstanceId: 'mail#3',
      message: 'SMTP refused',
    });

    await activities().resolveIncident({ instanceId, incidentId, resolvedBy: 'analyst1' });
    expect(await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } })).toMatchObject({
      state: 'INCIDENT',
      incident: { elementId: 'mail' },
    });

    await activities().resolveIncident({ instanceId, incidentId: other, resolvedBy: 'analyst1' });
    await activities().resolveIncident({ instanceId, incidentId: other, resolvedBy: 'someone else' });
    expect(await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } })).toMatchObject({
      state: 'ACTIVE',
      incident: null,
    });
    expect(await stack.prisma.incident.findUniqueOrThrow({ where: { id: other } })).toMatchObject({
      state: 'RESOLVED',
      resolvedBy: 'analyst1',
      resolvedAt: expect.any(Date),
    });
    expect(await stack.prisma.auditLog.count({ where: { objectId: instanceId, action: 'incident.resolved' } })).toBe(2);
  });

  it('cancelling an instance cancels its open incidents', async () => {
    const { instanceId, incidentId } = await instanceWithIncident();
    await activities().cancelInstance({ instanceId, reason: '민원 취하', cancelledBy: 'admin', variables: {} });
    expect(await stack.prisma.incident.findUniqueOrThrow({ where: { id: incidentId } })).toMatchObject({
      state: 'CANCELED',
    });
    expect(await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } })).toMatchObject({
      state: 'CANCELED',
    });
  });

  it('lists open incidents of visible instances for analysts and managers, and refuses civil servants', async () => {
    const { instanceId, incidentId } = await instanceWithIncident();
    for (const token of [analyst, manager]) {
      const response = await api()
        .get('/api/incidents')
        .query({ processInstanceId: instanceId })
        .set(as(token))
        .expect(200);
      expect(response.body).toEqual({
        items: [
          expect.objectContaining({
            id: incidentId,
            state: 'OPEN',
            processInstanceId: instanceId,
            processId,
            elementId: 'task',
          }),
        ],
      });
    }
    const resolved = await api()
      .get('/api/incidents')
      .query({ state: 'RESOLVED', processInstanceId: instanceId })
      .set(as(analyst))
      .expect(200);
    expect(resolved.body).toEqual({ items: [] });
    const one = await api().get(`/api/incidents/${incidentId}`).set(as(manager)).expect(200);
    expect(one.body).toMatchObject({ id: incidentId, message: 'amount: no variable named amount' });

    await api().get('/api/incidents').set(as(clerk)).expect(403);
    await api().get(`/api/incidents/${incidentId}`).set(as(clerk)).expect(404);
    const badState = await api().get('/api/incidents').query({ state: 'CLOSED' }).set(as(analyst)).expect(400);
    expect(badState.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('state') });
  });

  it('answers 404 for an incident that does not exist, or that the caller may not see, changing nothing', async () => {
    for (const id of [randomUUID(), 'not-a-uuid']) {
      await api().get(`/api/incidents/${id}`).set(as(analyst)).expect(404);
      const resolve = await api().post(`/api/incidents/${id}/resolve`).set(as(analyst)).send({}).expect(404);
      expect(resolve.body).toMatchObject({ code: 'NOT_FOUND' });
    }
    const { incidentId } = await instanceWithIncident();
    await api().post(`/api/incidents/${incidentId}/resolve`).set(as(clerk)).send({}).expect(404);
    expect(await stack.prisma.incident.findUniqueOrThrow({ where: { id: incidentId } })).toMatchObject({
      state: 'OPEN',
    });
  });

  it('lets managers read but not resolve (403), refuses bad variables (400) and incidents no longer open (409)', async () => {
    const { instanceId, incidentId } = await instanceWithIncident();
    const forbidden = await api().post(`/api/incidents/${incidentId}/resolve`).set(as(manager)).send({}).expect(403);
    expect(forbidden.body).toMatchObject({ code: 'FORBIDDEN' });
    const badBody = await api()
      .post(`/api/incidents/${incidentId}/resolve`)
      .set(as(analyst))
      .send({ variables: 'amount=3' })
      .expect(400);
    expect(badBody.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('variables') });
    expect(await stack.prisma.incident.findUniqueOrThrow({ where: { id: incidentId } })).toMatchObject({
      state: 'OPEN',
    });

    await activities().resolveIncident({ instanceId, incidentId, resolvedBy: 'analyst1' });
    const conflict = await api()
      .post(`/api/incidents/${incidentId}/resolve`)
      .set(as(analyst))
      .send({ variables: { amount: 3 } })
      .expect(409);
    expect(conflict.body).toMatchObject({ code: 'CONFLICT' });
  });

  describe('element history', () => {
    const at = (second: number) => new Date(Date.UTC(2026, 2, 3, 1, 0, second)).toISOString();
    const entry = (
      elementInstanceId: string,
      state: ElementHistoryEntry['state'],
      startSecond: number,
      endSecond?: number,
    ): ElementHistoryEntry => ({
      elementInstanceId,
      elementId: elementInstanceId.split('#')[0]!,
      elementType: elementInstanceId.startsWith('task') ? 'userTask' : 'startEvent',
      state,
      startedAt: at(startSecond),
      ...(endSecond === undefined ? {} : { endedAt: at(endSecond) }),
    });

    it('is written by any activity that carries it; a later state wins but an ended element never runs again', async () => {
      const instanceId = await insertInstance(stack, processId);
      // Given the batch a first activity carried, and the next one (which the closeSubscription activity carries)
      await activities().recordElementHistory({
        instanceId,
        history: [entry('start#1', 'ACTIVE', 0), entry('start#1', 'COMPLETED', 0, 0), entry('task#2', 'ACTIVE', 0)],
      });
      await activities().closeSubscription({
        instanceId,
        elementInstanceId: 'none#0',
        history: [entry('task#2', 'COMPLETED', 0, 5), entry('end#10', 'COMPLETED', 5, 5)],
      });
      // When a retried activity carries the first batch again
      await activities().recordElementHistory({
        instanceId,
        history: [entry('start#1', 'ACTIVE', 0), entry('task#2', 'ACTIVE', 0)],
      });

      // Then the history is in start order (ties by the element instance counter), every element ended
      const response = await api().get(`/api/process-instances/${instanceId}/history`).set(as(analyst)).expect(200);
      const items = (response.body as { items: Array<Record<string, unknown>> }).items;
      expect(items.map((item) => [item.elementInstanceId, item.state, item.endedAt])).toEqual([
        ['start#1', 'COMPLETED', at(0)],
        ['task#2', 'COMPLETED', at(5)],
        ['end#10', 'COMPLETED', at(5)],
      ]);
      expect(items[1]).toMatchObject({
        elementId: 'task',
        elementType: 'userTask',
        startedAt: at(0),
        processInstanceId: instanceId,
      });
    });

    it('answers 404 to a caller who cannot see the instance, and for an unknown instance', async () => {
      const instanceId = await insertInstance(stack, processId);
      await activities().recordElementHistory({ instanceId, history: [entry('start#1', 'COMPLETED', 0, 0)] });
      await api().get(`/api/process-instances/${instanceId}/history`).set(as(clerk)).expect(404);
      await api().get(`/api/process-instances/${randomUUID()}/history`).set(as(analyst)).expect(404);
    });
  });
});
