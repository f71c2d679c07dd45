/**
 * Every success answer of the Camunda REST API (/v2) and of /api/auth, /api/me, /api/audit, /api/drafts, /api/forms
 * and /api/dashboards is what /api/openapi.json says it is: a walk that drives each of these operations to a success
 * on the seeded demo and on models it deploys, and checks each answer against the document.
 */
import request from 'supertest';
import { buildOpenApi } from '../../api/routes/openapi';
import { flow, model, message, oneTaskProcess, bpmn } from '../support/bpmn';
import { runDemoRequests } from '../support/dashboard-run';
import { decisionTable, dmn } from '../support/dmn';
import { formSchema, processWithForm } from '../support/forms';
import { expectDocumented } from '../support/openapi-conformance';
import { PASSWORD, startTestStack, type TestStack } from '../support/stack';
import { insertProcessInstance, orgUnitId } from '../support/tasks';
import { eventually } from '../support/wait';

const AREA = /^\/v2\/|^\/api\/(auth|me|audit|drafts|forms|dashboards)(\/|$)/;
const areaOperations = Object.entries(buildOpenApi().paths as Record<string, object>).flatMap(([path, methods]) =>
  AREA.test(path) ? Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`) : [],
);

type Body = Record<string, unknown>;
type Items = { items: Body[] };

/** start → service task of type oas-job → end: a job for external workers. */
const jobProcess = model(
  `<bpmn:startEvent id="start" />${flow('f1', 'start', 'work')}
   <bpmn:serviceTask id="work" name="Work"><bpmn:extensionElements>
     <zeebe:taskDefinition type="oas-job" retries="1" />
     <zeebe:taskHeaders><zeebe:header key="region" value="north" /></zeebe:taskHeaders>
   </bpmn:extensionElements></bpmn:serviceTask>
   ${flow('f2', 'work', 'end')}<bpmn:endEvent id="end" />`,
  { processId: 'oas-job' },
);
/** start → gateway that only `go = true` passes → end: an incident otherwise. */
const gateProcess = bpmn(
  `<bpmn:startEvent id="start" />${flow('f1', 'start', 'gate')}
   <bpmn:exclusiveGateway id="gate" />
   <bpmn:sequenceFlow id="yes" sourceRef="gate" targetRef="end"><bpmn:conditionExpression>=go = true</bpmn:conditionExpression></bpmn:sequenceFlow>
   <bpmn:endEvent id="end" />`,
  'oas-gate',
);
/** start → wait for message oas-paid (correlated by caseNo) → end. */
const waitProcess = model(
  `<bpmn:startEvent id="start" />${flow('f1', 'start', 'wait')}
   <bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="paid" /></bpmn:intermediateCatchEvent>
   ${flow('f2', 'wait', 'end')}<bpmn:endEvent id="end" />`,
  { processId: 'oas-wait', roots: message('paid', 'oas-paid', '=caseNo') },
);

describe('the documented success answers of /v2 and the account, audit, draft, form and dashboard paths', () => {
  let stack: TestStack;
  let tokens: Record<'analyst' | 'clerk' | 'admin' | 'auditor' | 'manager' | 'worker', string>;
  const answered = new Set<string>();
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  /** Sends, expects the status, checks the answer against the document, and notes the operation as driven. */
  async function expectAnswer(operation: string, pending: request.Test, status: number): Promise<request.Response> {
    const response = await pending;
    if (response.status !== status) {
      throw new Error(`${operation}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
    }
    expectDocumented(response);
    answered.add(operation);
    return response;
  }
  const api = () => request(stack.app);
  const createInstance = (token: string, body: Body) =>
    expectAnswer('POST /v2/process-instances', api().post('/v2/process-instances').set(as(token)).send(body), 200);
  const keyOf = (response: request.Response, field: string) => (response.body as Body)[field] as string;

  beforeAll(async () => {
    stack = await startTestStack();
    await runDemoRequests(stack);
    tokens = {
      analyst: await stack.login('analyst1'),
      clerk: await stack.login('clerk1'),
      admin: await stack.login('admin'),
      auditor: await stack.login('auditor1'),
      manager: await stack.login('manager1'),
      worker: await stack.login('worker1'),
    };
  });
  afterAll(() => stack.stop());

  describe('/api', () => {
    it('logs in, names the caller and logs out, once and everywhere', async () => {
      const login = (username: string) =>
        expectAnswer('POST /api/auth/login', api().post('/api/auth/login').send({ username, password: PASSWORD }), 200);
      const director = await login('director1');
      expect((director.body as { user: Body }).user).toMatchObject({ username: 'director1', clearance: 'GRADE_II' });
      const token = keyOf(director, 'token');
      const me = await expectAnswer('GET /api/auth/me', api().get('/api/auth/me').set(as(token)), 200);
      expect(me.body).toEqual({ user: (director.body as { user: Body }).user });
      await expectAnswer('POST /api/auth/logout', api().post('/api/auth/logout').set(as(token)), 204);
      const again = keyOf(await login('director1'), 'token');
      await expectAnswer('POST /api/auth/logout-all', api().post('/api/auth/logout-all').set(as(again)), 204);
    });

    it("reads and changes the caller's notification preferences", async () => {
      const path = '/api/me/notification-preferences';
      const before = await expectAnswer(`GET ${path}`, api().get(path).set(as(tokens.clerk)), 200);
      expect(before.body).toEqual({ language: 'ko', assigned: true, reminder: true, overdue: true });
      const after = await expectAnswer(
        `PUT ${path}`,
        api().put(path).set(as(tokens.clerk)).send({ language: 'en', reminder: false }),
        200,
      );
      expect(after.body).toEqual({ language: 'en', assigned: true, reminder: false, overdue: true });
    });

    it('lists a page of the audit trail and verifies its chain', async () => {
      const page = await expectAnswer(
        'GET /api/audit',
        api().get('/api/audit').query({ limit: 3 }).set(as(tokens.auditor)),
        200,
      );
      expect((page.body as Items).items).toHaveLength(3);
      expect((page.body as { nextCursor: string | null }).nextCursor).toMatch(/^\d+$/);
      const verdict = await expectAnswer(
        'GET /api/audit/verify',
        api().get('/api/audit/verify').set(as(tokens.auditor)),
        200,
      );
      expect(verdict.body).toMatchObject({ ok: true, head: { id: expect.any(String) } });
    });

    it('saves, lists, reads and deletes a draft', async () => {
      const path = '/api/drafts/oas-draft';
      const xml = oneTaskProcess('oas-draft').replace('isExecutable="true"', 'name="OAS draft" isExecutable="true"');
      const forms = { 'oas-draft-form': formSchema('oas-draft-form') };
      const saved = await expectAnswer(
        'PUT /api/drafts/{key}',
        api().put(path).set(as(tokens.analyst)).send({ xml, forms }),
        200,
      );
      expect(saved.body).toMatchObject({ key: 'oas-draft', forms });
      const list = await expectAnswer('GET /api/drafts', api().get('/api/drafts').set(as(tokens.analyst)), 200);
      expect(list.body).toEqual([{ key: 'oas-draft', name: 'OAS draft', updatedAt: expect.any(String) }]);
      await expectAnswer('GET /api/drafts/{key}', api().get(path).set(as(tokens.analyst)), 200);
      await expectAnswer('DELETE /api/drafts/{key}', api().delete(path).set(as(tokens.analyst)), 204);
    });

    it('answers the dashboards the manager may open, the demo process, its overdue part as CSV, and a department', async () => {
      await expectAnswer('GET /api/dashboards', api().get('/api/dashboards').set(as(tokens.manager)), 200);
      // A petition decided today in civil-affairs, so that the department shows the petition figures.
      const civilAffairs = await orgUnitId(stack, 'civil-affairs');
      await stack.prisma.petition.create({
        data: {
          processInstanceId: await insertProcessInstance(stack, 'civil-petition'),
          typeCode: 'grievance',
          title: '민원',
          petitionerName: '홍민원',
          petitionerEmail: 'hong@example.kr',
          orgUnitId: civilAffairs,
          receivedAt: new Date(Date.now() - 3_600_000),
          dueAt: new Date(Date.now() + 3_600_000),
          state: 'DECIDED',
          decidedAt: new Date(),
          outcome: 'REFUSED',
          workingMinutesTaken: 60,
        },
      });
      const process = '/api/dashboards/process/{processId}';
      const dashboard = await expectAnswer(
        `GET ${process}`,
        api().get('/api/dashboards/process/demo-approval').set(as(tokens.manager)),
        200,
      );
      // The demo run left one task open past its due date.
      expect((dashboard.body as { overdue: Body[] }).overdue).toHaveLength(1);
      const csv = await expectAnswer(
        `GET ${process}`,
        api()
          .get('/api/dashboards/process/demo-approval')
          .query({ format: 'csv', part: 'overdue' })
          .set(as(tokens.manager)),
        200,
      );
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const department = await expectAnswer(
        'GET /api/dashboards/department/{orgUnitId}',
        api().get(`/api/dashboards/department/${civilAffairs}`).set(as(tokens.manager)),
        200,
      );
      expect((department.body as { petitions: Body }).petitions).toMatchObject({ decided: 1, onTime: 1 });
    });
  });

  describe('/v2', () => {
    it('answers the topology', async () => {
      await expectAnswer('GET /v2/topology', api().get('/v2/topology').set(as(tokens.clerk)), 200);
    });

    it('deploys a process with a form, a decision, and the processes the walk starts; the form reads on /api too', async () => {
      const files = [
        { name: 'oas-review.bpmn', content: processWithForm('oas-review', 'oas-form') },
        { name: 'oas-form.form', content: JSON.stringify(formSchema('oas-form')) },
        { name: 'oas-plain.bpmn', content: oneTaskProcess('oas-plain') },
        { name: 'oas-job.bpmn', content: jobProcess },
        { name: 'oas-gate.bpmn', content: gateProcess },
        { name: 'oas-wait.bpmn', content: waitProcess },
        {
          name: 'oas-fee.dmn',
          content: dmn(
            decisionTable({ id: 'oas-fee', inputs: ['kind'], outputs: ['fee'], rules: [['r1', '"deed"', '1']] }),
          ),
        },
      ];
      const upload = files.reduce(
        (req, file) => req.attach('resources', Buffer.from(file.content), file.name),
        api().post('/v2/deployments').set(as(tokens.analyst)),
      );
      const deployment = await expectAnswer('POST /v2/deployments', upload, 200);
      const kinds = (deployment.body as { deployments: Body[] }).deployments.map((entry) => Object.keys(entry)[0]);
      expect(new Set(kinds)).toEqual(
        new Set(['processDefinition', 'form', 'decisionDefinition', 'decisionRequirements']),
      );
      await expectAnswer('GET /api/forms/{formId}', api().get('/api/forms/oas-form').set(as(tokens.analyst)), 200);
    });

    it('creates, searches and cancels instances, and awaits one to its variables', async () => {
      const awaited = await createInstance(tokens.clerk, {
        processDefinitionId: 'oas-gate',
        variables: { go: true },
        awaitCompletion: true,
      });
      expect((awaited.body as { variables: Body }).variables).toEqual({ go: true });
      const plain = await createInstance(tokens.clerk, { processDefinitionId: 'oas-plain' });
      const search = await expectAnswer(
        'POST /v2/process-instances/search',
        api().post('/v2/process-instances/search').set(as(tokens.clerk)).send({}),
        200,
      );
      // The demo run's and these: completed, active, with and without an end date.
      expect((search.body as Items).items.length).toBeGreaterThanOrEqual(6);
      await expectAnswer(
        'POST /v2/process-instances/{processInstanceKey}/cancellation',
        api()
          .post(`/v2/process-instances/${keyOf(plain, 'processInstanceKey')}/cancellation`)
          .set(as(tokens.admin)),
        204,
      );
    });

    it('searches user tasks, reads one and its form (or none), assigns, unassigns and completes it', async () => {
      const withForm = keyOf(
        await createInstance(tokens.clerk, { processDefinitionId: 'oas-review' }),
        'processInstanceKey',
      );
      const plain = keyOf(
        await createInstance(tokens.clerk, { processDefinitionId: 'oas-plain' }),
        'processInstanceKey',
      );
      const search = (filter: Body) =>
        expectAnswer(
          'POST /v2/user-tasks/search',
          api().post('/v2/user-tasks/search').set(as(tokens.clerk)).send({ filter }),
          200,
        );
      const taskOf = (processInstanceKey: string) =>
        eventually(
          async () =>
            ((await search({ processInstanceKey })).body as Items).items[0]?.userTaskKey as string | undefined,
          { what: `the user task of instance ${processInstanceKey}` },
        );
      const key = await taskOf(withForm);
      const plainKey = await taskOf(plain);
      // Every task clerk1 sees: the demo run's completed ones and its open overdue one among them.
      const all = (await search({})).body as Items;
      expect(all.items.some((task) => task.dueDate && task.state === 'CREATED')).toBe(true);
      expect(all.items.some((task) => task.completionDate)).toBe(true);

      const task = `/v2/user-tasks/${key}`;
      await expectAnswer('GET /v2/user-tasks/{userTaskKey}', api().get(task).set(as(tokens.clerk)), 200);
      await expectAnswer('GET /v2/user-tasks/{userTaskKey}/form', api().get(`${task}/form`).set(as(tokens.clerk)), 200);
      await expectAnswer(
        'GET /v2/user-tasks/{userTaskKey}/form',
        api().get(`/v2/user-tasks/${plainKey}/form`).set(as(tokens.clerk)),
        204,
      );
      await expectAnswer(
        'POST /v2/user-tasks/{userTaskKey}/assignment',
        api().post(`${task}/assignment`).set(as(tokens.clerk)).send({ assignee: 'clerk1' }),
        204,
      );
      await expectAnswer(
        'DELETE /v2/user-tasks/{userTaskKey}/assignee',
        api().delete(`${task}/assignee`).set(as(tokens.clerk)),
        204,
      );
      await expectAnswer(
        'POST /v2/user-tasks/{userTaskKey}/completion',
        api()
          .post(`${task}/completion`)
          .set(as(tokens.clerk))
          .send({ variables: { comment: 'ok', approved: true } }),
        204,
      );
    });

    it('correlates and publishes a message and broadcasts a signal', async () => {
      await createInstance(tokens.clerk, { processDefinitionId: 'oas-wait', variables: { caseNo: 'OAS-1' } });
      const message = { name: 'oas-paid', correlationKey: 'OAS-1', variables: { paid: 1 } };
      await eventually(
        () =>
          expectAnswer(
            'POST /v2/messages/correlation',
            api().post('/v2/messages/correlation').set(as(tokens.analyst)).send(message),
            200,
          ),
        { what: 'the message to correlate' },
      );
      await expectAnswer(
        'POST /v2/messages/publication',
        api()
          .post('/v2/messages/publication')
          .set(as(tokens.analyst))
          .send({ ...message, timeToLive: 60_000 }),
        200,
      );
      await expectAnswer(
        'POST /v2/signals/broadcast',
        api().post('/v2/signals/broadcast').set(as(tokens.analyst)).send({ signalName: 'oas-nobody-listens' }),
        200,
      );
    });

    it('finds an incident and resolves it', async () => {
      const created = await createInstance(tokens.admin, { processDefinitionId: 'oas-gate', variables: { go: false } });
      const processInstanceKey = keyOf(created, 'processInstanceKey');
      const found = await eventually(
        async () => {
          const search = await expectAnswer(
            'POST /v2/incidents/search',
            api().post('/v2/incidents/search').set(as(tokens.admin)).send({ filter: { processInstanceKey } }),
            200,
          );
          return (search.body as Items).items[0];
        },
        { what: 'the incident' },
      );
      await expectAnswer(
        'POST /v2/incidents/{incidentKey}/resolution',
        api()
          .post(`/v2/incidents/${found.incidentKey as string}/resolution`)
          .set(as(tokens.admin)),
        204,
      );
    });

    it('activates jobs, changes one and completes it, fails one and throws an error from one', async () => {
      for (let i = 0; i < 3; i++) await createInstance(tokens.admin, { processDefinitionId: 'oas-job' });
      const activated: Body[] = [];
      await eventually(
        async () => {
          const response = await expectAnswer(
            'POST /v2/jobs/activation',
            api()
              .post('/v2/jobs/activation')
              .set(as(tokens.worker))
              .send({ type: 'oas-job', worker: 'oas', timeout: 60_000, maxJobsToActivate: 3, requestTimeout: 500 }),
            200,
          );
          activated.push(...(response.body as { jobs: Body[] }).jobs);
          return activated.length === 3 ? activated : undefined;
        },
        { what: 'three jobs' },
      );
      expect(activated[0]).toMatchObject({ customHeaders: { region: 'north' }, kind: 'BPMN_ELEMENT' });
      const [changed, failed, thrown] = activated.map((job) => `/v2/jobs/${job.jobKey as string}`);
      const send = (operation: string, path: string, body: Body, method: 'post' | 'patch' = 'post') =>
        expectAnswer(operation, api()[method](path).set(as(tokens.worker)).send(body), 204);
      await send('PATCH /v2/jobs/{jobKey}', changed!, { changeset: { retries: 2 } }, 'patch');
      await send('POST /v2/jobs/{jobKey}/completion', `${changed}/completion`, { variables: { done: true } });
      await send('POST /v2/jobs/{jobKey}/failure', `${failed}/failure`, { retries: 0, errorMessage: 'gave up' });
      await send('POST /v2/jobs/{jobKey}/error', `${thrown}/error`, { errorCode: 'oas-nobody-catches' });
    });
  });

  it('describes a problem that carries the details of its error', async () => {
    const broken = bpmn(`<bpmn:startEvent id="start" />${flow('f1', 'start', 'nowhere')}`, 'oas-broken');
    const response = await api()
      .post('/v2/deployments')
      .set(as(tokens.analyst))
      .attach('resources', Buffer.from(broken), 'oas-broken.bpmn');
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      code: 'BPMN_INVALID',
      issues: [expect.objectContaining({ message: expect.any(String) })],
    });
    expectDocumented(response);
  });

  it('drove every operation of these paths to a success', () => {
    expect([...answered].sort()).toEqual([...areaOperations].sort());
  });
});
