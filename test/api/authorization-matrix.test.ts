/**
 * The authorization matrix, generated from the policy in access-policy.ts: fixtures are built once (instances started
 * by people of several units, their tasks and incidents, approval documents, II급 items with and without
 * need-to-know), then every cell of the policy is one request. What a caller may not see answers 404 and its row is
 * unchanged afterwards; revoking a role takes effect on the session's very next request.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Role } from '../../api/auth/ability';
import { deployReferenceProcesses } from '../../scripts/seed';
import { eventStartProcess, flow, model, oneTaskProcess, uniqueProcessId } from '../support/bpmn';
import { startTestStack, type TestStack } from '../support/stack';
import { orgUnitId } from '../support/tasks';
import { addUser } from '../support/users';
import { eventually, eventuallyFound } from '../support/wait';
import {
  clearedForGradeII,
  dashboardPolicy,
  documentPolicy,
  dutyPolicy,
  processDashboardPolicy,
  eventStartPolicy,
  instanceFixtures,
  instancePolicy,
  needToKnowOfListed,
  sensitivePolicy,
  startPolicy,
  type InstanceFixture,
  type InstanceOutcomes,
} from './access-policy';

const RESIDENT_NUMBER = '900101-1234567';
const departmentOf: Record<string, string> = {
  clerk1: 'civil-affairs',
  clerk3: 'civil-affairs',
  clerk2: 'general-affairs',
  planner1: 'planning-budget',
};

/** One user task for the group named by the variable `group`; residentNumber is sensitive. */
function sensitiveProcess(processId: string): string {
  return model(
    `<bpmn:startEvent id="start" />${flow('f1', 'start', 'task')}
     <bpmn:userTask id="task" name="Review"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="=group" /></bpmn:extensionElements></bpmn:userTask>
     ${flow('f2', 'task', 'end')}<bpmn:endEvent id="end" />`,
    {
      processId,
      processExtensions:
        '<zeebe:properties><zeebe:property name="gov:sensitive" value="residentNumber" /></zeebe:properties>',
    },
  );
}

interface Fixture {
  instanceId: string;
  taskId: string;
  incidentId: string;
  /** The username the task is assigned to (the assign endpoint's `userId` is a username). */
  assignee: string;
}

describe('authorization matrix', () => {
  let stack: TestStack;
  const tokens = new Map<string, string>();
  const userIds = new Map<string, string>();
  const fixtures = {} as Record<InstanceFixture, Fixture>;
  const documents = {} as Record<'doc' | 'doc-II', string>;
  const units = {} as Record<string, string>;
  const processId = uniqueProcessId('matrix');
  const restrictedProcessId = uniqueProcessId('matrix-restricted');
  const eventProcessId = uniqueProcessId('matrix-events');
  const api = () => request(stack.app);
  const as = (username: string) => ({ Authorization: `Bearer ${tokens.get(username)}` });

  async function tokenOf(username: string): Promise<void> {
    tokens.set(username, await stack.login(username));
    userIds.set(username, (await stack.prisma.user.findUniqueOrThrow({ where: { username } })).id);
  }

  async function deploy(xml: string): Promise<void> {
    await api()
      .post('/api/deployments')
      .set(as('analyst1'))
      .set('content-type', 'application/xml')
      .send(xml)
      .expect(201);
  }

  async function startFixture(name: InstanceFixture): Promise<Fixture> {
    const { starter, assignee, classification } = instanceFixtures[name];
    const started = await api()
      .post('/api/process-instances')
      .set(as(starter))
      .send({
        processId,
        businessKey: name,
        variables: { group: departmentOf[starter], residentNumber: RESIDENT_NUMBER },
      })
      .expect(201);
    const instanceId = (started.body as { id: string }).id;
    const task = await eventuallyFound(
      () => stack.prisma.userTask.findFirst({ where: { processInstanceId: instanceId } }),
      `the task of ${name}`,
    );
    await stack.prisma.userTask.update({ where: { id: task.id }, data: { assignee, claimedAt: new Date() } });
    if (instanceFixtures[name].state === 'completed') {
      await api().post(`/api/tasks/${task.id}/complete`).set(as(assignee)).send({ variables: {} }).expect(200);
      await eventuallyFound(
        () => stack.prisma.processInstance.findFirst({ where: { id: instanceId, state: 'COMPLETED' } }),
        `${name} completed`,
      );
    }
    if (classification !== 'none') {
      await stack.prisma.processInstance.update({ where: { id: instanceId }, data: { classification } });
      if (name === 'ca-II-listed') {
        await stack.prisma.needToKnow.createMany({
          data: needToKnowOfListed.map((username) => ({ instanceId, userId: userIds.get(username)! })),
        });
      }
    }
    const incident = await stack.prisma.incident.create({
      data: {
        id: randomUUID(),
        processInstanceId: instanceId,
        elementId: 'task',
        elementInstanceId: 'task#0',
        message: 'resolved before the matrix runs',
        state: 'RESOLVED',
        resolvedAt: new Date(),
      },
    });
    return { instanceId, taskId: task.id, incidentId: incident.id, assignee };
  }

  async function draftDocument(): Promise<string> {
    const response = await api()
      .post('/api/approvals')
      .set(as('clerk1'))
      .send({
        title: '민원실 안내판 교체',
        body: '노후 안내판을 교체하고자 합니다.',
        documentType: 'report',
        cooperation: 'parallel',
        line: [
          { kind: 'review', userId: userIds.get('lead1') },
          { kind: 'approve', userId: userIds.get('director1') },
        ],
      })
      .expect(201);
    return (response.body as { id: string }).id;
  }

  beforeAll(async () => {
    stack = await startTestStack();
    await deployReferenceProcesses(stack.deps);
    for (const code of ['civil-affairs', 'general-affairs', 'admin-bureau']) units[code] = await orgUnitId(stack, code);
    await addUser(stack.prisma, 'analyst2', Role.BprAnalyst);
    await addUser(stack.prisma, 'manager2', Role.Manager);
    await stack.prisma.user.update({ where: { username: 'manager2' }, data: { orgUnitId: units['admin-bureau'] } });
    await addUser(stack.prisma, 'party1', Role.External);
    await stack.prisma.user.update({
      where: { username: 'party1' },
      data: { orgUnitId: await orgUnitId(stack, 'external-parties') },
    });
    const people = new Set([
      ...instancePolicy.map((cell) => cell.viewer),
      ...startPolicy.map((cell) => cell.starter),
      ...documentPolicy.map((cell) => cell.reader),
      ...Object.values(instanceFixtures).flatMap((fixture) => [fixture.starter, fixture.assignee]),
    ]);
    for (const username of people) await tokenOf(username);
    const inAYear = new Date(Date.now() + 365 * 86_400_000);
    // Exactly these people hold a clearance, II급, whatever the demo seed gave.
    await stack.prisma.clearance.deleteMany();
    await stack.prisma.clearance.createMany({
      data: clearedForGradeII.map((username) => ({
        userId: userIds.get(username)!,
        grade: 'GRADE_II' as const,
        expiresAt: inAYear,
      })),
    });

    await deploy(sensitiveProcess(processId));
    await deploy(oneTaskProcess(restrictedProcessId));
    await deploy(eventStartProcess(eventProcessId, { message: eventProcessId, signal: eventProcessId }));
    await api()
      .put(`/api/processes/${restrictedProcessId}/start-permissions`)
      .set(as('analyst1'))
      .send({ orgUnitIds: [units['civil-affairs']] })
      .expect(200);

    for (const name of Object.keys(instanceFixtures) as InstanceFixture[]) fixtures[name] = await startFixture(name);
    documents.doc = await draftDocument();
    documents['doc-II'] = await draftDocument();
    await stack.prisma.approvalDocument.update({
      where: { id: documents['doc-II'] },
      data: { classification: 'GRADE_II' },
    });
  });
  afterAll(() => stack.stop());

  const rowsOf = async ({ instanceId, taskId, incidentId }: Fixture) => ({
    instance: await stack.prisma.processInstance.findUnique({ where: { id: instanceId } }),
    task: await stack.prisma.userTask.findUnique({ where: { id: taskId } }),
    incident: await stack.prisma.incident.findUnique({ where: { id: incidentId } }),
  });

  /** The status of each endpoint of the matrix for one instance fixture, as the viewer gets it. */
  const probes: Record<keyof InstanceOutcomes, (viewer: string, fixture: Fixture) => Promise<number | string>> = {
    getInstance: async (viewer, { instanceId }) =>
      (await api().get(`/api/process-instances/${instanceId}`).set(as(viewer))).status,
    variableHistory: async (viewer, { instanceId }) =>
      (await api().get(`/api/process-instances/${instanceId}/variables/history`).set(as(viewer))).status,
    list: async (viewer, { instanceId }) => {
      const response = await api().get(`/api/process-instances?processId=${processId}&limit=100`).set(as(viewer));
      const items = (response.body as { items?: Array<{ id: string }> }).items ?? [];
      return items.some((item) => item.id === instanceId) ? 'listed' : 'absent';
    },
    getTask: async (viewer, { taskId }) => (await api().get(`/api/tasks/${taskId}`).set(as(viewer))).status,
    claim: async (viewer, { taskId }) => (await api().post(`/api/tasks/${taskId}/claim`).set(as(viewer))).status,
    complete: async (viewer, { taskId }) =>
      (await api().post(`/api/tasks/${taskId}/complete`).set(as(viewer)).send({ variables: {} })).status,
    assign: async (viewer, { taskId, assignee }) =>
      (await api().post(`/api/tasks/${taskId}/assign`).set(as(viewer)).send({ userId: assignee })).status,
    getIncident: async (viewer, { incidentId }) =>
      (await api().get(`/api/incidents/${incidentId}`).set(as(viewer))).status,
    resolve: async (viewer, { incidentId }) =>
      (await api().post(`/api/incidents/${incidentId}/resolve`).set(as(viewer)).send({})).status,
  };
  const writes = new Set<keyof InstanceOutcomes>(['claim', 'complete', 'assign', 'resolve']);

  describe.each(instancePolicy)('$viewer on $fixture ($ownership)', ({ viewer, fixture, expected }) => {
    const { state, classification } = instanceFixtures[fixture];
    it.each(Object.keys(expected) as Array<keyof InstanceOutcomes>)(
      `%s (${state}, classification ${classification})`,
      async (endpoint) => {
        const before = writes.has(endpoint) ? await rowsOf(fixtures[fixture]) : undefined;
        expect(await probes[endpoint](viewer, fixtures[fixture])).toBe(expected[endpoint]);
        // A refused write changes nothing; an allowed one (assigning to the same person) keeps the assignee.
        if (before && [403, 404].includes(expected[endpoint] as number)) {
          expect(await rowsOf(fixtures[fixture])).toEqual(before);
        }
        if (before) expect((await rowsOf(fixtures[fixture])).task?.assignee).toBe(before.task?.assignee);
      },
    );
  });

  it.each(startPolicy)(
    '$starter ($role, $ownership) starting a civil-affairs-only process: $expected',
    async (cell) => {
      const instancesBefore = await stack.prisma.processInstance.count({
        where: { bpmnProcessId: restrictedProcessId },
      });
      const response = await api()
        .post('/api/process-instances')
        .set(as(cell.starter))
        .send({ processId: restrictedProcessId, variables: {} });
      expect(response.status).toBe(cell.expected);
      const instancesAfter = await stack.prisma.processInstance.count({
        where: { bpmnProcessId: restrictedProcessId },
      });
      expect(instancesAfter - instancesBefore).toBe(cell.expected === 201 ? 1 : 0);
    },
  );

  it.each(eventStartPolicy)(
    '$publisher ($ownership) starting a process by message and by signal: $expected',
    async (cell) => {
      const instances = () => stack.prisma.processInstance.count({ where: { bpmnProcessId: eventProcessId } });
      const before = await instances();
      const published = await api()
        .post('/api/messages')
        .set(as(cell.publisher))
        .send({ name: eventProcessId, correlationKey: randomUUID() });
      const broadcast = await api().post('/api/signals').set(as(cell.publisher)).send({ name: eventProcessId });
      expect([published.status, broadcast.status]).toEqual([cell.expected, cell.expected]);
      expect((await instances()) - before).toBe(cell.expected === 200 ? 2 : 0);
    },
  );

  it('an instance takes its starter’s org unit', async () => {
    const instance = await stack.prisma.processInstance.findUniqueOrThrow({
      where: { id: fixtures['ga-run'].instanceId },
    });
    expect(instance.orgUnitId).toBe(units['general-affairs']);
    const document = await stack.prisma.approvalDocument.findUniqueOrThrow({ where: { id: documents.doc } });
    const documentInstance = await stack.prisma.processInstance.findUniqueOrThrow({
      where: { id: document.processInstanceId! },
    });
    expect(documentInstance.orgUnitId).toBe(units['civil-affairs']);
  });

  describe.each(documentPolicy)('$reader ($ownership) reading approval documents', (cell) => {
    it.each(['doc', 'doc-II'] as const)('%s', async (which) => {
      const response = await api().get(`/api/approvals/${documents[which]}`).set(as(cell.reader));
      expect(response.status).toBe(cell[which]);
    });
  });

  describe.each(dashboardPolicy)('$reader reading department dashboards', (cell) => {
    it.each(['civil-affairs', 'general-affairs'] as const)('%s', async (department) => {
      if (!tokens.has(cell.reader)) await tokenOf(cell.reader);
      const response = await api().get(`/api/dashboards/department/${units[department]}`).set(as(cell.reader));
      expect(response.status).toBe(cell[department]);
    });
  });

  it.each(processDashboardPolicy)("$reader reads the process's dashboard: $status", async ({ reader, status }) => {
    if (!tokens.has(reader)) await tokenOf(reader);
    const response = await api().get(`/api/dashboards/process/${processId}`).set(as(reader));
    expect(response.status).toBe(status);
  });

  it.each(dutyPolicy)(
    '$reader: verifies the audit chain $verifyAuditChain, lists clearances $listClearances, reads the org chart $readOrgChart',
    async (cell) => {
      if (!tokens.has(cell.reader)) await tokenOf(cell.reader);
      expect((await api().get('/api/audit/verify').set(as(cell.reader))).status).toBe(cell.verifyAuditChain);
      expect((await api().get('/api/security/clearances').set(as(cell.reader))).status).toBe(cell.listClearances);
      expect((await api().get('/api/org/units').set(as(cell.reader))).status).toBe(cell.readOrgChart);
    },
  );

  describe('sensitive variables', () => {
    it.each(sensitivePolicy)('$reader ($why) sees residentNumber $sees', async ({ reader, sees }) => {
      if (!tokens.has(reader)) await tokenOf(reader);
      const shown = sees === 'value' ? RESIDENT_NUMBER : '***';
      const { instanceId, taskId } = fixtures['ca-run'];
      const instance = await api().get(`/api/process-instances/${instanceId}`).set(as(reader)).expect(200);
      expect((instance.body as { variables: Record<string, unknown> }).variables).toEqual({
        group: 'civil-affairs',
        residentNumber: shown,
      });
      const history = await api().get(`/api/process-instances/${instanceId}/variables/history`).set(as(reader));
      const change = (history.body as { items: Array<{ name: string; value: unknown }> }).items.find(
        (item) => item.name === 'residentNumber',
      );
      expect(change?.value).toBe(shown);
      const task = await api().get(`/api/tasks/${taskId}`).set(as(reader));
      if (task.status === 200) {
        expect((task.body as { variables: Record<string, unknown> }).variables.residentNumber).toBe(shown);
      }
      const found = await api()
        .get(`/api/process-instances?processId=${processId}&var.residentNumber=${RESIDENT_NUMBER}&limit=100`)
        .set(as(reader))
        .expect(200);
      const foundIds = (found.body as { items: Array<{ id: string }> }).items.map((item) => item.id);
      expect(foundIds.includes(instanceId)).toBe(sees === 'value');
      const queue = await api()
        .get(`/api/tasks?scope=department&var.residentNumber=${RESIDENT_NUMBER}`)
        .set(as(reader))
        .expect(200);
      const queued = (queue.body as { items: Array<{ id: string }> }).items.map((item) => item.id);
      if (task.status === 200) expect(queued.includes(taskId)).toBe(sees === 'value');
    });

    it('a closed task no longer shows its instance’s variables', async () => {
      const task = await api().get(`/api/tasks/${fixtures['ca-done'].taskId}`).set(as('clerk3')).expect(200);
      expect((task.body as { variables: Record<string, unknown> }).variables).toEqual({});
    });
  });

  it('revoking a role takes effect on the next request of the same session', async () => {
    await tokenOf('manager2');
    const path = `/api/process-instances/${fixtures['ca-run'].instanceId}`;
    await api().get(path).set(as('manager2')).expect(200);
    await stack.prisma.userRole.deleteMany({ where: { userId: userIds.get('manager2'), roleCode: Role.Manager } });
    await api().get(path).set(as('manager2')).expect(404);
    await api().get(`/api/dashboards/department/${units['civil-affairs']}`).set(as('manager2')).expect(404);
  });

  it('a process with owners takes new versions from its owners and administrators only', async () => {
    const versions = () => stack.prisma.processDefinition.count({ where: { bpmnProcessId: restrictedProcessId } });
    const before = await versions();
    const newVersion = oneTaskProcess(restrictedProcessId, 'general-affairs');
    const refused = await api()
      .post('/api/deployments')
      .set(as('analyst2'))
      .set('content-type', 'application/xml')
      .send(newVersion);
    expect(refused.status).toBe(403);
    expect(await versions()).toBe(before);
    await api()
      .post('/api/deployments')
      .set(as('admin'))
      .set('content-type', 'application/xml')
      .send(newVersion)
      .expect(201);
    expect(await versions()).toBe(before + 1);
  });

  it('owners and administrators set start permissions; another analyst may not, and only administrators add owners', async () => {
    await api()
      .put(`/api/processes/${restrictedProcessId}/start-permissions`)
      .set(as('analyst2'))
      .send({ orgUnitIds: [] })
      .expect(403);
    await api()
      .post(`/api/processes/${processId}/owners`)
      .set(as('analyst1'))
      .send({ userId: userIds.get('analyst2') })
      .expect(403);
    await api()
      .post(`/api/processes/${processId}/owners`)
      .set(as('admin'))
      .send({ userId: userIds.get('analyst2') })
      .expect(201);
    // analyst2 owns the process from their next request on.
    await api().get(`/api/process-instances/${fixtures['ca-run'].instanceId}`).set(as('analyst2')).expect(200);
    const owners = await api().get(`/api/processes/${processId}/owners`).set(as('analyst2')).expect(200);
    expect((owners.body as { owners: Array<{ username: string }> }).owners.map((owner) => owner.username)).toEqual([
      'analyst1',
      'analyst2',
    ]);
    await api()
      .delete(`/api/processes/${processId}/owners/${userIds.get('analyst2')}`)
      .set(as('admin'))
      .expect(200);
    await api().get(`/api/process-instances/${fixtures['ca-run'].instanceId}`).set(as('analyst2')).expect(404);
    const permissions = await api()
      .get(`/api/processes/${restrictedProcessId}/start-permissions`)
      .set(as('analyst1'))
      .expect(200);
    expect((permissions.body as { orgUnits: Array<{ code: string }> }).orgUnits.map((unit) => unit.code)).toEqual([
      'civil-affairs',
    ]);
  });

  it('lists and counts nothing a caller may not read (eventually consistent projections included)', async () => {
    const listed = await eventually(async () => {
      const response = await api().get(`/api/process-instances?processId=${processId}&limit=100`).set(as('manager1'));
      return (response.body as { items: Array<{ businessKey: string }> }).items.map((item) => item.businessKey).sort();
    });
    expect(listed).toEqual(['ca-II-listed', 'ca-done', 'ca-run', 'own-run']);
  });
});
