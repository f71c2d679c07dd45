/**
 * Incidents: an element that cannot go on (a job out of retries, a FEEL error, variables over the limit) stops
 * with an OPEN incident while its workflow keeps running; resolving retries the element, cancelling the instance
 * cancels the incident. Both through the workflow and through the HTTP API.
 */
import request from 'supertest';
import { elementHistory } from '../support/element-history';
import { recordHistory } from '../support/histories';
import {
  completeTask,
  deployModel,
  instanceInState,
  openIncident,
  openTask,
  resolveIncident,
  start,
  workflowStatus,
} from '../support/instances';
import { startJobWorkers } from '../support/job-workers';
import { startTestStack, type TestStack } from '../support/stack';

jest.setTimeout(90_000);

describe('incidents', () => {
  let stack: TestStack;
  let workers: Awaited<ReturnType<typeof startJobWorkers>>;
  let admin: string;
  let registryUp = false;
  const api = () => request(stack.app);
  beforeAll(async () => {
    stack = await startTestStack();
    for (const name of ['incident-job-retries', 'incident-feel-error', 'incident-variables-too-large'])
      await deployModel(stack, name);
    workers = await startJobWorkers(stack, {
      'conformance-incidents-registry': ({ variables }) => {
        if (!registryUp) throw new Error('land registry unavailable');
        return { registryNumber: `REG-${String(variables.parcel)}` };
      },
    });
    admin = await stack.login('admin');
  });
  afterAll(async () => {
    await workers.stop();
    await stack.stop();
  });

  it('a job out of retries waits in an incident; resolving it once the worker succeeds retries the job and the instance completes', async () => {
    // given a registry that is down
    registryUp = false;
    const { instanceId, result } = await start(stack, 'incident-job-retries', { parcel: 42 });

    // then after its two attempts the task stops in an incident, and the workflow waits rather than failing
    const incident = await openIncident(stack, instanceId);
    expect(incident).toMatchObject({ elementId: 'register', state: 'OPEN' });
    expect(incident.message).toContain("job 'conformance-incidents-registry' failed");
    expect(incident.message).toContain('land registry unavailable');
    expect(workers.log.filter((entry) => entry.endsWith(':register'))).toHaveLength(2);
    expect(await workflowStatus(stack, instanceId)).toBe('RUNNING');
    expect(await instanceInState(stack, instanceId, 'INCIDENT')).toMatchObject({
      incident: { elementId: 'register', message: incident.message },
    });
    expect((await elementHistory(stack, instanceId)).find((row) => row.elementId === 'register')?.state).toBe(
      'INCIDENT',
    );

    // when the registry is back and the incident is resolved
    registryUp = true;
    await resolveIncident(stack, instanceId, incident.id);

    // then the job runs again, the instance is active again, waiting at the next task
    expect((await stack.prisma.incident.findUniqueOrThrow({ where: { id: incident.id } })).state).toBe('RESOLVED');
    await openTask(stack, instanceId, 'confirm');
    expect(await instanceInState(stack, instanceId, 'ACTIVE')).toMatchObject({ incident: null });
    await completeTask(stack, instanceId, 'confirm');
    const { endElementId, variables } = await result();
    expect(endElementId).toBe('registered');
    expect(variables).toEqual({ parcel: 42, registryNumber: 'REG-42' });
    expect((await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } })).state).toBe(
      'COMPLETED',
    );
    const register = (await elementHistory(stack, instanceId)).filter((row) => row.elementId === 'register');
    expect(register.map((row) => row.state)).toEqual(['COMPLETED']);
    await recordHistory(stack.temporal, instanceId, 'conformance-incident-resolved');
  });

  it('a FEEL error in a script task is listed by GET /api/incidents and resolved by POST /api/incidents/:id/resolve with fixing variables', async () => {
    // given a fee in a currency the expression cannot convert
    const { instanceId, result } = await start(stack, 'incident-feel-error', { amount: 13_000, currency: 'USD' });
    await openIncident(stack, instanceId);

    // then the operator sees it in the list
    const listed = await api()
      .get('/api/incidents')
      .query({ processInstanceId: instanceId })
      .set({ Authorization: `Bearer ${admin}` })
      .expect(200);
    const items = (listed.body as { items: Array<{ id: string; elementId: string; message: string; state: string }> })
      .items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ elementId: 'fee', state: 'OPEN', processId: 'incident-feel-error' });
    expect(items[0]?.message).toContain('calls a function that does not exist');

    // when they resolve it, setting the currency
    const resolved = await api()
      .post(`/api/incidents/${items[0]?.id ?? ''}/resolve`)
      .set({ Authorization: `Bearer ${admin}` })
      .send({ variables: { currency: 'KRW' } })
      .expect(200);
    expect(resolved.body).toMatchObject({ id: items[0]?.id, state: 'RESOLVED', resolvedBy: 'admin' });

    // then the script runs again with the fixed variables and the instance completes
    expect(await result()).toEqual({
      endElementId: 'charged',
      variables: { amount: 13_000, currency: 'KRW', fee: 13_000 },
    });
    const open = await api()
      .get('/api/incidents')
      .query({ processInstanceId: instanceId })
      .set({ Authorization: `Bearer ${admin}` })
      .expect(200);
    expect(open.body).toEqual({ items: [] });
  });

  it('cancelling an instance with an open incident cancels the incident', async () => {
    const { instanceId } = await start(stack, 'incident-feel-error', { amount: 10, currency: 'EUR' });
    const incident = await openIncident(stack, instanceId);
    await api()
      .post(`/api/process-instances/${instanceId}/cancel`)
      .set({ Authorization: `Bearer ${admin}` })
      .send({ reason: '민원 취하' })
      .expect(200);
    expect((await stack.prisma.incident.findUniqueOrThrow({ where: { id: incident.id } })).state).toBe('CANCELED');
    expect((await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } })).state).toBe(
      'CANCELED',
    );
    expect(await workflowStatus(stack, instanceId)).toBe('CANCELLED');
  });

  it('a script result over the variables limit raises an incident that says so; smaller data on resolving completes', async () => {
    const { instanceId, result } = await start(stack, 'incident-variables-too-large', { chunk: 'x'.repeat(1000) });
    const incident = await openIncident(stack, instanceId);
    expect(incident.elementId).toBe('compose');
    expect(incident.message).toMatch(
      /^the variables would take \d+ KiB, more than the limit of 512 KiB; keep large documents outside the process/,
    );
    expect(await workflowStatus(stack, instanceId)).toBe('RUNNING');

    await resolveIncident(stack, instanceId, incident.id, { chunk: 'ab' });
    const { variables } = await result();
    expect(variables.document).toBe('ab'.repeat(600));
  });
});
