/**
 * The Camunda REST API under /v2 (docs/camunda-api.md): Camunda's shapes and int64 keys, problem+json errors, Bearer
 * and Basic authentication without cookies, and the same authorization as /api (another user's instance is not found).
 */
import request from 'supertest';
import { bpmn, flow, message, model } from '../support/bpmn';
import { decisionTable, dmn } from '../support/dmn';
import { formSchema, processWithForm } from '../support/forms';
import { PASSWORD, startTestStack, type TestStack } from '../support/stack';
import { eventually } from '../support/wait';

const KEY = /^\d+$/;

type Problem = { type: string; title: string; status: number; detail: string; instance: string };

describe('the Camunda REST API under /v2', () => {
  let stack: TestStack;
  let analyst: string;
  let clerk: string;
  let otherClerk: string;
  const api = () => request(stack.app);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const basic = (username: string, password: string) => ({
    Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
  });
  const deploy = (files: Array<{ name: string; content: string }>) =>
    files.reduce(
      (req, file) => req.attach('resources', Buffer.from(file.content), file.name),
      api().post('/v2/deployments').set(as(analyst)),
    );
  const createInstance = (token: string, body: object) => api().post('/v2/process-instances').set(as(token)).send(body);
  const searchTasks = (token: string, filter: object) =>
    api().post('/v2/user-tasks/search').set(as(token)).send({ filter });
  const searchInstances = (token: string, filter: object) =>
    api().post('/v2/process-instances/search').set(as(token)).send({ filter });

  function expectProblem(response: request.Response, status: number, title: string): Problem {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.body as Problem;
    expect(problem).toMatchObject({ type: 'about:blank', title, status, instance: expect.stringMatching(/^\/v2\//) });
    expect(problem.detail).toEqual(expect.any(String));
    return problem;
  }

  beforeAll(async () => {
    stack = await startTestStack();
    analyst = await stack.login('analyst1');
    clerk = await stack.login('clerk1');
    otherClerk = await stack.login('clerk2');
  });
  afterAll(() => stack.stop());

  it('documents its paths in /api/openapi.json, with Basic among the security schemes', async () => {
    const document = await api().get('/api/openapi.json').expect(200);
    const body = document.body as { paths: Record<string, object>; components: { securitySchemes: object } };
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/v2/topology',
        '/v2/deployments',
        '/v2/process-instances',
        '/v2/process-instances/search',
        '/v2/messages/correlation',
        '/v2/user-tasks/{userTaskKey}/completion',
        '/v2/incidents/{incidentKey}/resolution',
      ]),
    );
    expect(body.components.securitySchemes).toHaveProperty('basic', { type: 'http', scheme: 'basic' });
  });

  describe('authentication', () => {
    it('refuses a request without credentials as a 401 problem', async () => {
      expectProblem(await api().get('/v2/topology'), 401, 'UNAUTHORIZED');
    });

    it('takes a session token from POST /api/auth/login as a bearer token', async () => {
      const topology = await api().get('/v2/topology').set(as(clerk)).expect(200);
      expect(topology.body).toMatchObject({
        clusterSize: 1,
        partitionsCount: 1,
        brokers: [{ partitions: [{ partitionId: 1, role: 'leader', health: 'healthy' }] }],
      });
    });

    it('takes HTTP Basic with the login password, opening no session, and refuses a wrong one', async () => {
      const sessionsBefore = await stack.prisma.session.count();
      await api().get('/v2/topology').set(basic('clerk1', PASSWORD)).expect(200);
      expect(await stack.prisma.session.count()).toBe(sessionsBefore);
      const refused = expectProblem(
        await api().get('/v2/topology').set(basic('clerk1', 'not-the-password')),
        401,
        'UNAUTHORIZED',
      );
      expect(refused.detail).toMatch(/username or password is wrong/);
      // The failure counts on the login throttle like a failed login.
      expect(await stack.prisma.loginThrottle.findUnique({ where: { key: 'account:clerk1' } })).toMatchObject({
        failures: 1,
      });
    });

    it('does not read the session cookie', async () => {
      expectProblem(await api().get('/v2/topology').set('Cookie', `bps_session=${clerk}`), 401, 'UNAUTHORIZED');
    });
  });

  describe('deployments', () => {
    it('deploys BPMN, DMN and a form in one multipart request and answers each with a key', async () => {
      const form = formSchema('v2-review-form');
      const deployment = await deploy([
        { name: 'v2-review.bpmn', content: processWithForm('v2-review', 'v2-review-form') },
        { name: 'v2-review.form', content: JSON.stringify(form) },
        {
          name: 'v2-fee.dmn',
          content: dmn(
            decisionTable({ id: 'v2-fee', inputs: ['kind'], outputs: ['fee'], rules: [['r1', '"deed"', '1000']] }),
          ),
        },
      ]).expect(200);
      expect(deployment.body).toMatchObject({ deploymentKey: expect.stringMatching(KEY), tenantId: '<default>' });
      const entries = (deployment.body as { deployments: object[] }).deployments;
      expect(entries).toEqual(
        expect.arrayContaining([
          {
            processDefinition: {
              processDefinitionId: 'v2-review',
              processDefinitionVersion: 1,
              resourceName: 'v2-review.bpmn',
              tenantId: '<default>',
              processDefinitionKey: expect.stringMatching(KEY),
            },
          },
          {
            form: {
              formId: 'v2-review-form',
              version: 1,
              resourceName: 'v2-review.form',
              tenantId: '<default>',
              formKey: expect.stringMatching(KEY),
            },
          },
          {
            decisionDefinition: expect.objectContaining({
              decisionDefinitionId: 'v2-fee',
              version: 1,
              decisionDefinitionKey: expect.stringMatching(KEY),
              decisionRequirementsKey: expect.stringMatching(KEY),
            }),
          },
          { decisionRequirements: expect.objectContaining({ decisionRequirementsKey: expect.stringMatching(KEY) }) },
        ]),
      );
    });

    it('refuses a model the compiler refuses as a problem naming the file, and stores nothing', async () => {
      const problem = expectProblem(
        await deploy([{ name: 'broken.bpmn', content: '<bpmn:definitions' }]),
        400,
        'INVALID_ARGUMENT',
      );
      expect(problem.detail).toMatch(/broken\.bpmn/);
    });

    it('refuses a caller who may not deploy before reading the files', async () => {
      const refused = await ['a.bpmn'].reduce(
        (req, name) => req.attach('resources', Buffer.from(bpmn('<bpmn:startEvent id="s" />', 'never')), name),
        api().post('/v2/deployments').set(as(clerk)),
      );
      expectProblem(refused, 403, 'FORBIDDEN');
      expect(await stack.prisma.processDefinition.count({ where: { bpmnProcessId: 'never' } })).toBe(0);
    });
  });

  describe('an instance through its user task', () => {
    it('starts by id, finds the task by instance key, serves its form, completes it, and the search shows it COMPLETED', async () => {
      const created = await createInstance(clerk, { processDefinitionId: 'v2-review', variables: { caseNo: 7 } });
      expect(created.status).toBe(200);
      expect(created.body).toEqual({
        processDefinitionId: 'v2-review',
        processDefinitionVersion: 1,
        processDefinitionKey: expect.stringMatching(KEY),
        processInstanceKey: expect.stringMatching(KEY),
        tenantId: '<default>',
      });
      const { processInstanceKey } = created.body as { processInstanceKey: string };

      const found = await eventually(async () => {
        const search = await searchTasks(clerk, { processInstanceKey }).expect(200);
        const body = search.body as { items: Array<Record<string, unknown>> };
        return body.items.length > 0 ? body.items : undefined;
      });
      expect(found).toEqual([
        expect.objectContaining({
          userTaskKey: expect.stringMatching(KEY),
          name: 'Review',
          state: 'CREATED',
          elementId: 'review',
          candidateGroups: ['civil-affairs'],
          processDefinitionId: 'v2-review',
          processInstanceKey,
          formKey: expect.stringMatching(KEY),
        }),
      ]);
      const task = found[0] as { userTaskKey: string; formKey: string };
      const { userTaskKey } = task;
      const one = await api().get(`/v2/user-tasks/${userTaskKey}`).set(as(clerk)).expect(200);
      expect(one.body).toMatchObject({ userTaskKey, processInstanceKey });
      const form = await api().get(`/v2/user-tasks/${userTaskKey}/form`).set(as(clerk)).expect(200);
      expect(form.body).toMatchObject({ formId: 'v2-review-form', version: 1, formKey: task.formKey });
      expect(JSON.parse((form.body as { schema: string }).schema)).toEqual(formSchema('v2-review-form'));

      // The form's own rules still apply: an unknown field is refused and the task stays open.
      expectProblem(
        await api()
          .post(`/v2/user-tasks/${userTaskKey}/completion`)
          .set(as(clerk))
          .send({ variables: { notAField: 1 } }),
        400,
        'INVALID_ARGUMENT',
      );
      await api()
        .post(`/v2/user-tasks/${userTaskKey}/completion`)
        .set(as(clerk))
        .send({ variables: { approved: true, comment: 'fine' } })
        .expect(204);

      const completed = await eventually(async () => {
        const found = await searchInstances(clerk, { processInstanceKey, state: 'COMPLETED' }).expect(200);
        const body = found.body as { items: Array<Record<string, unknown>>; page: { totalItems: number } };
        if (body.page.totalItems !== 1) throw new Error('not completed yet');
        return body.items[0];
      });
      expect(completed).toMatchObject({
        processInstanceKey,
        processDefinitionId: 'v2-review',
        state: 'COMPLETED',
        hasIncident: false,
        endDate: expect.any(String),
      });
      expectProblem(
        await api().post(`/v2/user-tasks/${userTaskKey}/completion`).set(as(clerk)).send({ variables: {} }),
        409,
        'INVALID_STATE',
      );
    });

    it('starts by definition key and answers awaitCompletion with the variables it ended with, only those fetched', async () => {
      const deployed = await deploy([
        {
          name: 'v2-straight.bpmn',
          content: bpmn(
            `<bpmn:startEvent id="start" />${flow('f', 'start', 'end')}<bpmn:endEvent id="end" />`,
            'v2-straight',
          ),
        },
      ]).expect(200);
      const { deployments } = deployed.body as {
        deployments: Array<{ processDefinition: { processDefinitionKey: string } }>;
      };
      const processDefinitionKey = deployments[0]?.processDefinition.processDefinitionKey;
      expect(processDefinitionKey).toMatch(KEY);
      // Started by the definition's key this time.
      const awaited = await createInstance(clerk, {
        processDefinitionKey,
        variables: { a: 1, b: { nested: true } },
        awaitCompletion: true,
        fetchVariables: ['b'],
      }).expect(200);
      expect(awaited.body).toMatchObject({ processDefinitionId: 'v2-straight', variables: { b: { nested: true } } });
      expect((awaited.body as { variables: object }).variables).not.toHaveProperty('a');
    });
  });

  describe('assignment', () => {
    it('assigns a task to oneself, refuses taking it over without allowOverride, and unassigns it', async () => {
      const created = await createInstance(clerk, { processDefinitionId: 'v2-review' }).expect(200);
      const { processInstanceKey } = created.body as { processInstanceKey: string };
      const { userTaskKey } = await eventually(async () => {
        const found = await searchTasks(clerk, { processInstanceKey }).expect(200);
        return (found.body as { items: Array<{ userTaskKey: string }> }).items[0];
      });
      const task = () => api().get(`/v2/user-tasks/${userTaskKey}`).set(as(clerk)).expect(200);
      const assign = (token: string, assignee: string, allowOverride: boolean) =>
        api().post(`/v2/user-tasks/${userTaskKey}/assignment`).set(as(token)).send({ assignee, allowOverride });

      await assign(clerk, 'clerk1', true).expect(204);
      expect((await task()).body).toMatchObject({ assignee: 'clerk1' });
      const colleague = await stack.login('clerk3');
      expectProblem(await assign(colleague, 'clerk3', false), 409, 'INVALID_STATE');
      expect((await task()).body).toMatchObject({ assignee: 'clerk1' });

      await api().delete(`/v2/user-tasks/${userTaskKey}/assignee`).set(as(clerk)).expect(204);
      expect((await task()).body).not.toHaveProperty('assignee');
      const mine = await api()
        .post('/v2/user-tasks/search')
        .set(as(clerk))
        .send({ filter: { processInstanceKey, assignee: 'clerk1' } })
        .expect(200);
      expect(mine.body).toMatchObject({ items: [], page: { totalItems: 0 } });
    });
  });

  describe('another user and bad input', () => {
    it("answers another user's instance and task 404 and leaves the instance running", async () => {
      const created = await createInstance(clerk, { processDefinitionId: 'v2-review' }).expect(200);
      const { processInstanceKey } = created.body as { processInstanceKey: string };
      const problem = expectProblem(
        await api().post(`/v2/process-instances/${processInstanceKey}/cancellation`).set(as(otherClerk)).send({}),
        404,
        'NOT_FOUND',
      );
      expect(problem.detail).not.toMatch(/clerk1/);
      // Read as for a key that names nothing: the answer does not tell that the key exists, nor name our own id.
      expect(problem.detail).toBe(`No process instance has the key ${processInstanceKey}.`);
      const search = await searchInstances(otherClerk, { processInstanceKey }).expect(200);
      expect(search.body).toMatchObject({ items: [], page: { totalItems: 0 } });
      const task = await eventually(async () => {
        const found = await searchTasks(clerk, { processInstanceKey }).expect(200);
        const [item] = (found.body as { items: Array<{ userTaskKey: string }> }).items;
        if (!item) throw new Error('no task yet');
        return item;
      });
      const hidden = expectProblem(
        await api().get(`/v2/user-tasks/${task.userTaskKey}`).set(as(otherClerk)),
        404,
        'NOT_FOUND',
      );
      expect(hidden.detail).toBe(`No user task has the key ${task.userTaskKey}.`);

      // An administrator may cancel it.
      await api()
        .post(`/v2/process-instances/${processInstanceKey}/cancellation`)
        .set(as(await stack.login('admin')))
        .send({})
        .expect(204);
      const cancelled = await searchInstances(clerk, { processInstanceKey }).expect(200);
      expect(cancelled.body).toMatchObject({ items: [{ state: 'TERMINATED' }] });
    });

    it('answers unknown keys 404, malformed keys and bodies 400, and unknown paths 404, all as problems', async () => {
      expectProblem(await createInstance(clerk, { processDefinitionId: 'no-such-process' }), 404, 'NOT_FOUND');
      expectProblem(await api().get('/v2/user-tasks/9223372036854775807').set(as(clerk)), 404, 'NOT_FOUND');
      expectProblem(await api().get('/v2/user-tasks/not-a-key').set(as(clerk)), 400, 'INVALID_ARGUMENT');
      // One past the largest int64 is no key either.
      expectProblem(await api().get('/v2/user-tasks/9223372036854775808').set(as(clerk)), 400, 'INVALID_ARGUMENT');
      expectProblem(
        await createInstance(clerk, { processDefinitionId: 'v2-review', variables: [1, 2] }),
        400,
        'INVALID_ARGUMENT',
      );
      expectProblem(
        await api().post('/v2/process-instances').set(as(clerk)).set('Content-Type', 'application/json').send('{"a":'),
        400,
        'INVALID_ARGUMENT',
      );
      expectProblem(
        await createInstance(clerk, { processDefinitionId: 'v2-review', tenantId: 'tenant-b' }),
        400,
        'INVALID_ARGUMENT',
      );
      expectProblem(await api().get('/v2/no-such-resource').set(as(clerk)), 404, 'NOT_FOUND');
      // An instance waiting at its user task does not complete within the wait asked for; it goes on.
      const waited = expectProblem(
        await createInstance(clerk, { processDefinitionId: 'v2-review', awaitCompletion: true, requestTimeout: 300 }),
        504,
        'DEADLINE_EXCEEDED',
      );
      expect(waited.detail).toMatch(/goes on running/);
    });
  });

  describe('messages, signals and incidents', () => {
    it('correlates a message to the waiting instance and answers its key; a message nothing waits for is 404', async () => {
      await deploy([
        {
          name: 'v2-wait.bpmn',
          content: model(
            `<bpmn:startEvent id="start" />${flow('f1', 'start', 'wait')}
             <bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="paid" /></bpmn:intermediateCatchEvent>
             ${flow('f2', 'wait', 'end')}<bpmn:endEvent id="end" />`,
            { processId: 'v2-wait', roots: message('paid', 'fee-paid', '=caseNo') },
          ),
        },
      ]).expect(200);
      const created = await createInstance(clerk, { processDefinitionId: 'v2-wait', variables: { caseNo: 'C-1' } });
      const { processInstanceKey } = created.body as { processInstanceKey: string };
      const correlate = (correlationKey: string) =>
        api()
          .post('/v2/messages/correlation')
          .set(as(analyst))
          .send({ name: 'fee-paid', correlationKey, variables: { paid: 1000 } });
      const correlated = await eventually(async () => correlate('C-1').expect(200));
      expect(correlated.body).toEqual({
        messageKey: expect.stringMatching(KEY),
        processInstanceKey,
        tenantId: '<default>',
      });
      expectProblem(await correlate('C-unknown'), 404, 'NOT_FOUND');
      await eventually(async () =>
        searchInstances(clerk, { processInstanceKey, state: { $in: ['COMPLETED'] } })
          .expect(200)
          .expect((found) => {
            expect(found.body).toMatchObject({ page: { totalItems: 1 } });
          }),
      );

      const published = await api()
        .post('/v2/messages/publication')
        .set(as(analyst))
        .send({ name: 'fee-paid', correlationKey: 'C-later', timeToLive: 60_000 })
        .expect(200);
      expect(published.body).toEqual({ messageKey: expect.stringMatching(KEY), tenantId: '<default>' });
      const broadcast = await api()
        .post('/v2/signals/broadcast')
        .set(as(analyst))
        .send({ signalName: 'v2-nobody-listens' })
        .expect(200);
      expect(broadcast.body).toEqual({ signalKey: expect.stringMatching(KEY), tenantId: '<default>' });
    });

    it('finds an incident by its instance key and resolves it by its key (the element runs again)', async () => {
      await deploy([
        {
          name: 'v2-gate.bpmn',
          content: bpmn(
            `<bpmn:startEvent id="start" />${flow('f1', 'start', 'gate')}
             <bpmn:exclusiveGateway id="gate" />
             <bpmn:sequenceFlow id="yes" sourceRef="gate" targetRef="end"><bpmn:conditionExpression>=go = true</bpmn:conditionExpression></bpmn:sequenceFlow>
             <bpmn:endEvent id="end" />`,
            'v2-gate',
          ),
        },
      ]).expect(200);
      const admin = await stack.login('admin');
      const created = await createInstance(admin, { processDefinitionId: 'v2-gate', variables: { go: false } });
      const { processInstanceKey } = created.body as { processInstanceKey: string };
      const searchIncidents = () =>
        api().post('/v2/incidents/search').set(as(admin)).send({ filter: { processInstanceKey } }).expect(200);
      const incident = await eventually(async () => {
        const { items } = (await searchIncidents()).body as { items: Array<Record<string, string>> };
        return items[0];
      });
      expect(incident).toMatchObject({
        incidentKey: expect.stringMatching(KEY),
        processInstanceKey,
        processDefinitionId: 'v2-gate',
        elementId: 'gate',
        state: 'ACTIVE',
        errorMessage: expect.any(String),
      });
      const asInstance = await searchInstances(admin, { processInstanceKey, hasIncident: true }).expect(200);
      expect(asInstance.body).toMatchObject({ items: [{ state: 'ACTIVE', hasIncident: true }] });

      await api().post(`/v2/incidents/${incident.incidentKey}/resolution`).set(as(admin)).expect(204);
      // Nothing changed the variable, so the gateway stops again: the first incident is resolved, a new one is open.
      const states = await eventually(async () => {
        const { items } = (await searchIncidents()).body as { items: Array<{ state: string }> };
        if (items.length < 2) throw new Error('no second incident yet');
        return items.map((item) => item.state).sort();
      });
      expect(states).toEqual(['ACTIVE', 'RESOLVED']);
    });
  });
});
