/**
 * External jobs through Camunda's job endpoints (/v2/jobs, docs/external-jobs.md): activation with locking, time-outs
 * and long polling; completion exactly once; failures with retries, back-off and incidents; BPMN errors; updates;
 * who may work jobs.
 */
import type { AddressInfo } from 'node:net';
import { CamundaRestClient } from '@camunda8/sdk';
import { Role } from '../../api/auth/ability';
import request from 'supertest';
import { error, flow, model, path, timer } from '../support/bpmn';
import { recordHistory } from '../support/histories';
import { deploy, instanceInState, openIncident, resolveIncident, start } from '../support/instances';
import { startTestStack, type TestStack } from '../support/stack';
import { addUser } from '../support/users';
import { eventually, eventuallyFound } from '../support/wait';

jest.setTimeout(60_000);

interface CamundaJob {
  jobKey: string;
  type: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  processDefinitionVersion: number;
  elementId: string;
  customHeaders: Record<string, string>;
  variables: Record<string, unknown>;
  worker: string;
  retries: number;
  deadline: number;
  tenantId: string;
  kind: string;
  listenerEventType: string;
}

/** start → service task of `type` (3 retries, a header) with what `boundary` attaches → end. */
function jobProcess(processId: string, type: string, boundary = '', roots?: string): string {
  const task = `<bpmn:serviceTask id="work" name="Work"><bpmn:extensionElements>
      <zeebe:taskDefinition type="${type}" retries="3" />
      <zeebe:taskHeaders><zeebe:header key="region" value="north" /></zeebe:taskHeaders>
    </bpmn:extensionElements></bpmn:serviceTask>${boundary}`;
  return model(path('work', 'work', task), { processId, roots });
}

describe('external jobs through /v2/jobs', () => {
  let stack: TestStack;
  let admin: string;
  let clerk: string;
  const api = () => request(stack.app);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    stack = await startTestStack();
    admin = await stack.login('admin');
    clerk = await stack.login('clerk1');
  });
  afterAll(() => stack.stop());

  async function activate(
    type: string,
    options: { worker?: string; timeout?: number; max?: number; requestTimeout?: number; token?: string } = {},
  ): Promise<CamundaJob[]> {
    const response = await api()
      .post('/v2/jobs/activation')
      .set(as(options.token ?? admin))
      .send({
        type,
        worker: options.worker ?? 'worker-a',
        timeout: options.timeout ?? 30_000,
        maxJobsToActivate: options.max ?? 10,
        requestTimeout: options.requestTimeout ?? -1,
      })
      .expect(200);
    return (response.body as { jobs: CamundaJob[] }).jobs;
  }

  /** Starts instances of a one-job process and waits until their jobs are in the table. */
  async function startJobs(processId: string, type: string, count = 1, xml = jobProcess(processId, type)) {
    await deploy(stack, xml);
    const instances = [];
    for (let i = 0; i < count; i += 1) instances.push(await start(stack, processId, { order: i }));
    await eventually(
      async () =>
        (await stack.prisma.externalJob.count({ where: { type, state: 'ACTIVATABLE' } })) === count ? true : undefined,
      { what: `${count} jobs of ${type}` },
    );
    return instances;
  }

  const jobRow = (key: string) => stack.prisma.externalJob.findUniqueOrThrow({ where: { key: BigInt(key) } });

  it('two workers activating at once never get the same job; each job carries its process, headers and variables', async () => {
    // given four waiting jobs
    await startJobs('jobs-parallel', 'jobs-parallel', 4);

    // when two workers ask for three each at the same moment
    const [first, second] = await Promise.all([
      activate('jobs-parallel', { worker: 'worker-a', max: 3 }),
      activate('jobs-parallel', { worker: 'worker-b', max: 3 }),
    ]);

    // then the four jobs are shared between them, none twice
    const keys = [...first, ...second].map((job) => job.jobKey);
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(4);
    const [job] = [...first, ...second];
    for (const key of [job?.jobKey, job?.processInstanceKey, job?.processDefinitionKey]) expect(key).toMatch(/^\d+$/);
    expect(job).toMatchObject({
      type: 'jobs-parallel',
      processDefinitionId: 'jobs-parallel',
      processDefinitionVersion: 1,
      elementId: 'work',
      customHeaders: { region: 'north' },
      retries: 3,
      tenantId: '<default>',
      kind: 'BPMN_ELEMENT',
    });
    expect(job?.variables).toHaveProperty('order');
    expect(job?.deadline).toBeGreaterThan(Date.now());
  });

  it("a listener's job says what it listens to: an execution listener's kind and event type (Zeebe's job kinds)", async () => {
    // given a service task with a start execution listener of its own type
    const listened = `<bpmn:serviceTask id="work" name="Work"><bpmn:extensionElements>
        <zeebe:taskDefinition type="jobs-listened" />
        <zeebe:executionListeners><zeebe:executionListener eventType="start" type="jobs-listener" /></zeebe:executionListeners>
      </bpmn:extensionElements></bpmn:serviceTask>`;
    await startJobs(
      'jobs-listener',
      'jobs-listener',
      1,
      model(path('work', 'work', listened), { processId: 'jobs-listener' }),
    );

    // when a worker activates it
    const [job] = await activate('jobs-listener');

    // then the job is the listener's, and the element's own job comes only once it completed
    expect(job).toMatchObject({ elementId: 'work', kind: 'EXECUTION_LISTENER', listenerEventType: 'START' });
    expect(await activate('jobs-listened')).toEqual([]);
    await api().post(`/v2/jobs/${job?.jobKey}/completion`).set(as(admin)).send({}).expect(204);
    const [own] = await activate('jobs-listened', { requestTimeout: 5_000 });
    expect(own).toMatchObject({ elementId: 'work', kind: 'BPMN_ELEMENT' });
  });

  it('a job not completed within its timeout is handed out again, completes once, and the late worker is told it is gone', async () => {
    // given a job worker A holds for half a second
    const [instance] = await startJobs('jobs-timeout', 'jobs-timeout');
    const [held] = await activate('jobs-timeout', { worker: 'worker-a', timeout: 500 });
    const key = (held as CamundaJob).jobKey;
    expect(await activate('jobs-timeout', { worker: 'worker-b' })).toEqual([]);

    // when the timeout passes, worker B gets the same job and completes it
    await new Promise((resolve) => setTimeout(resolve, 700));
    const [again] = await activate('jobs-timeout', { worker: 'worker-b' });
    expect(again).toMatchObject({ jobKey: key, worker: 'worker-b' });
    await api()
      .post(`/v2/jobs/${key}/completion`)
      .set(as(admin))
      .send({ variables: { by: 'worker-b' } })
      .expect(204);

    // then worker A's late completion is refused as Zeebe refuses it, and the instance ends with B's result
    const late = await api()
      .post(`/v2/jobs/${key}/completion`)
      .set(as(admin))
      .send({ variables: { by: 'worker-a' } })
      .expect(404);
    expect(late.body).toMatchObject({
      title: 'NOT_FOUND',
      status: 404,
      detail: `Expected to complete job with key '${key}', but no such job was found.`,
    });
    expect((await instance?.result())?.variables).toMatchObject({ by: 'worker-b' });
    expect(await jobRow(key)).toMatchObject({ state: 'COMPLETED', worker: 'worker-b' });
  });

  it('unknown and malformed job keys: 404 for a key no job has, 400 for one that is no int64', async () => {
    await api().post('/v2/jobs/987654321/completion').set(as(admin)).send({}).expect(404);
    const malformed = await api().post('/v2/jobs/not-a-key/completion').set(as(admin)).send({}).expect(400);
    expect(malformed.body).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('a completion racing a final failure of one job: exactly one lands, and the row and the instance agree', async () => {
    const [instance] = await startJobs('jobs-race', 'jobs-race');
    const [job] = await activate('jobs-race');
    const key = (job as CamundaJob).jobKey;

    const [completion, failure] = await Promise.all([
      api()
        .post(`/v2/jobs/${key}/completion`)
        .set(as(admin))
        .send({ variables: { by: 'completion' } }),
      api().post(`/v2/jobs/${key}/failure`).set(as(admin)).send({ retries: 0, errorMessage: 'gave up' }),
    ]);

    expect([completion.status, failure.status].filter((status) => status === 204)).toHaveLength(1);
    if (completion.status === 204) {
      expect([404, 409]).toContain(failure.status);
      expect(await jobRow(key)).toMatchObject({ state: 'COMPLETED' });
      expect((await instance?.result())?.variables).toMatchObject({ by: 'completion' });
    } else {
      expect(completion.status).toBe(409);
      expect(await jobRow(key)).toMatchObject({ state: 'FAILED', errorMessage: 'gave up' });
    }
  });

  it('a failure with retries left puts the job back after its back-off, with the retries the worker gave', async () => {
    // given an activated job
    await startJobs('jobs-backoff', 'jobs-backoff');
    const [job] = await activate('jobs-backoff');
    const key = (job as CamundaJob).jobKey;

    // when the worker fails it with two retries left and a back-off of 1.5 s
    const failedAt = Date.now();
    await api()
      .post(`/v2/jobs/${key}/failure`)
      .set(as(admin))
      .send({ retries: 2, errorMessage: 'registry busy', retryBackOff: 1500 })
      .expect(204);

    // then nobody gets it during the back-off (nor can its timeout change, no worker holds it); a long poll gets it
    // once the back-off is over
    expect(await activate('jobs-backoff')).toEqual([]);
    await api()
      .patch(`/v2/jobs/${key}`)
      .set(as(admin))
      .send({ changeset: { timeout: 5_000 } })
      .expect(409);
    const [again] = await activate('jobs-backoff', { requestTimeout: 10_000 });
    expect(Date.now() - failedAt).toBeGreaterThanOrEqual(1400);
    expect(again).toMatchObject({ jobKey: key, retries: 2 });
    await api().post(`/v2/jobs/${key}/completion`).set(as(admin)).send({}).expect(204);
  });

  it('a failure with no retries left is an incident naming the message; resolving it hands out a new job', async () => {
    // given an activated job the worker fails for good
    const [instance] = await startJobs('jobs-incident', 'jobs-incident');
    const instanceId = (instance as { instanceId: string }).instanceId;
    const [job] = await activate('jobs-incident');
    const key = (job as CamundaJob).jobKey;
    await api()
      .post(`/v2/jobs/${key}/failure`)
      .set(as(admin))
      .send({ retries: 0, errorMessage: 'certificate expired' })
      .expect(204);

    // then the element waits in an incident that names the message, and the failed job cannot be completed
    const incident = await openIncident(stack, instanceId);
    expect(incident).toMatchObject({ elementId: 'work' });
    expect(incident.message).toContain('certificate expired');
    expect(await jobRow(key)).toMatchObject({ state: 'FAILED', retries: 0, errorMessage: 'certificate expired' });
    const refused = await api().post(`/v2/jobs/${key}/completion`).set(as(admin)).send({}).expect(409);
    expect(refused.body).toMatchObject({
      title: 'INVALID_STATE',
      status: 409,
      detail: `Expected to complete job with key '${key}', but it is in state 'FAILED'.`,
    });

    // when the incident is resolved
    await resolveIncident(stack, instanceId, incident.id);

    // then a new job is handed out, and completing it completes the instance
    const [retry] = await activate('jobs-incident', { requestTimeout: 10_000 });
    expect(retry?.jobKey).not.toBe(key);
    await api()
      .post(`/v2/jobs/${retry?.jobKey}/completion`)
      .set(as(admin))
      .send({ variables: { renewed: true } })
      .expect(204);
    expect((await instance?.result())?.variables).toMatchObject({ renewed: true });
    await recordHistory(stack.temporal, instanceId, 'external-job-incident-resolved');
  });

  it('a BPMN error thrown by the worker is caught by the boundary error event, with its variables', async () => {
    // given a job whose task has an error boundary for NOT_ELIGIBLE
    const boundary = `<bpmn:boundaryEvent id="on-not-eligible" attachedToRef="work"><bpmn:errorEventDefinition errorRef="not-eligible" /></bpmn:boundaryEvent>
      ${flow('to-refused', 'on-not-eligible', 'refused')}<bpmn:endEvent id="refused" />`;
    const xml = jobProcess('jobs-error', 'jobs-error', boundary, error('not-eligible', 'NOT_ELIGIBLE'));
    const [instance] = await startJobs('jobs-error', 'jobs-error', 1, xml);
    const [job] = await activate('jobs-error');
    const key = (job as CamundaJob).jobKey;

    // when the worker throws the error
    await api()
      .post(`/v2/jobs/${key}/error`)
      .set(as(admin))
      .send({ errorCode: 'NOT_ELIGIBLE', errorMessage: 'applicant too young', variables: { reason: 'age' } })
      .expect(204);

    // then the instance leaves by the boundary and ends there
    const result = await instance?.result();
    expect(result).toMatchObject({ endElementId: 'refused', variables: { reason: 'age' } });
    expect(await jobRow(key)).toMatchObject({ state: 'ERROR_THROWN', errorCode: 'NOT_ELIGIBLE' });
  });

  it('a job whose element is left first (an interrupting timer) is withdrawn: activation skips it, completion finds none', async () => {
    const boundary = `<bpmn:boundaryEvent id="too-late" attachedToRef="work">${timer('timeDuration', 'PT1S')}</bpmn:boundaryEvent>
      ${flow('to-expired', 'too-late', 'expired')}<bpmn:endEvent id="expired" />`;
    const [instance] = await startJobs(
      'jobs-withdrawn',
      'jobs-withdrawn',
      1,
      jobProcess('jobs-withdrawn', 'jobs-withdrawn', boundary),
    );
    const [job] = await activate('jobs-withdrawn');
    const key = (job as CamundaJob).jobKey;

    expect((await instance?.result())?.endElementId).toBe('expired');
    expect(await jobRow(key)).toMatchObject({ state: 'CANCELED' });
    await api().post(`/v2/jobs/${key}/completion`).set(as(admin)).send({}).expect(404);
  });

  it('cancelling the instance withdraws its job: the row is CANCELED and a late completion finds no job', async () => {
    const [instance] = await startJobs('jobs-cancelled', 'jobs-cancelled');
    const [job] = await activate('jobs-cancelled');
    const key = (job as CamundaJob).jobKey;

    await api()
      .post(`/api/process-instances/${instance?.instanceId}/cancel`)
      .set(as(admin))
      .send({ reason: 'filed twice' })
      .expect(200);

    expect(await jobRow(key)).toMatchObject({ state: 'CANCELED' });
    await api().post(`/v2/jobs/${key}/completion`).set(as(admin)).send({}).expect(404);
  });

  it('updating a job: a longer timeout keeps it from other workers, retries change, zero retries is refused', async () => {
    // given a job held for half a second
    await startJobs('jobs-update', 'jobs-update');
    const [job] = await activate('jobs-update', { timeout: 500 });
    const key = (job as CamundaJob).jobKey;

    // when the worker asks for a minute more and sets five retries
    await api()
      .patch(`/v2/jobs/${key}`)
      .set(as(admin))
      .send({ changeset: { timeout: 60_000, retries: 5 } })
      .expect(204);

    // then after the first half second nobody else gets it, and it has five retries
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await activate('jobs-update', { worker: 'worker-b' })).toEqual([]);
    expect(await jobRow(key)).toMatchObject({ state: 'ACTIVATED', retries: 5 });

    // and zero retries, or an empty changeset, are refused
    await api()
      .patch(`/v2/jobs/${key}`)
      .set(as(admin))
      .send({ changeset: { retries: 0 } })
      .expect(400);
    await api().patch(`/v2/jobs/${key}`).set(as(admin)).send({ changeset: {} }).expect(400);
    await api().post(`/v2/jobs/${key}/completion`).set(as(admin)).send({}).expect(204);
    await api()
      .patch(`/v2/jobs/${key}`)
      .set(as(admin))
      .send({ changeset: { retries: 2 } })
      .expect(404);
  });

  it('a long poll answers as soon as a job appears; with none it answers empty after its request timeout', async () => {
    await deploy(stack, jobProcess('jobs-long-poll', 'jobs-long-poll'));
    // an empty poll waits for its whole request timeout
    const emptyFrom = Date.now();
    expect(await activate('jobs-long-poll', { requestTimeout: 600 })).toEqual([]);
    expect(Date.now() - emptyFrom).toBeGreaterThanOrEqual(550);

    // a poll waiting when an instance starts gets its job well before its timeout
    const from = Date.now();
    const polling = activate('jobs-long-poll', { requestTimeout: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await start(stack, 'jobs-long-poll');
    const jobs = await polling;
    expect(jobs).toHaveLength(1);
    expect(Date.now() - from).toBeLessThan(10_000);
  });

  it('a long poll waits at most JOB_ACTIVATION_MAX_WAIT_MS, however long its request timeout', async () => {
    const configured = stack.config.JOB_ACTIVATION_MAX_WAIT_MS;
    stack.config.JOB_ACTIVATION_MAX_WAIT_MS = 500;
    try {
      const from = Date.now();
      expect(await activate('jobs-never-deployed', { requestTimeout: Number.MAX_SAFE_INTEGER })).toEqual([]);
      expect(Date.now() - from).toBeGreaterThanOrEqual(450);
      expect(Date.now() - from).toBeLessThan(5_000);
    } finally {
      stack.config.JOB_ACTIVATION_MAX_WAIT_MS = configured;
    }
  });

  it('a long poll whose client went away ends: a job that appears later is left for the next worker', async () => {
    // given a worker that gives up on its long poll after 300 ms
    await deploy(stack, jobProcess('jobs-abandoned', 'jobs-abandoned'));
    const abandoned = api()
      .post('/v2/jobs/activation')
      .set(as(admin))
      .send({ type: 'jobs-abandoned', worker: 'gone', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: 20_000 })
      .timeout(300);
    await expect(abandoned).rejects.toThrow();

    // when a job of its type appears afterwards
    const { instanceId } = await start(stack, 'jobs-abandoned');
    const row = () => stack.prisma.externalJob.findFirst({ where: { processInstanceId: instanceId } });
    await eventuallyFound(row, 'the job row');
    // (a poll still running would take it within one of its 200 ms rounds)
    await new Promise((resolve) => setTimeout(resolve, 800));

    // then it is still there for the next worker
    expect(await row()).toMatchObject({ state: 'ACTIVATABLE', worker: null });
  });

  /** The API listening on a free port, and the official SDK's REST client pointed at it with an admin's token. */
  async function withSdk(use: (client: CamundaRestClient) => Promise<void>): Promise<void> {
    const server = stack.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const client = new CamundaRestClient({
      config: {
        ZEEBE_REST_ADDRESS: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        CAMUNDA_AUTH_STRATEGY: 'BEARER',
        CAMUNDA_OAUTH_TOKEN: admin,
        CAMUNDA_LOG_LEVEL: 'none',
      },
    });
    try {
      await use(client);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }

  it("the official SDK's REST client activates, updates, fails and completes jobs unmodified", async () => {
    await withSdk(async (client) => {
      const [instance] = await startJobs('jobs-sdk', 'jobs-sdk');

      // when a worker activates the job, extends it, fails it once with a retry left, then completes it
      const [job] = await client.activateJobs({
        type: 'jobs-sdk',
        worker: 'sdk-worker',
        timeout: 30_000,
        maxJobsToActivate: 1,
      });
      expect(job).toMatchObject({ elementId: 'work', customHeaders: { region: 'north' }, retries: 3 });
      await client.updateJob({ jobKey: job?.jobKey as string, timeout: 60_000 });
      expect(await job?.fail({ errorMessage: 'try later', retries: 1 })).toBe('JOB_ACTION_ACKNOWLEDGEMENT');
      const [again] = await client.activateJobs({
        type: 'jobs-sdk',
        worker: 'sdk-worker',
        timeout: 30_000,
        maxJobsToActivate: 1,
        requestTimeout: 10_000,
      });
      expect(again).toMatchObject({ jobKey: job?.jobKey, retries: 1 });
      expect(await again?.complete({ handledBy: 'sdk' })).toBe('JOB_ACTION_ACKNOWLEDGEMENT');

      // then the instance completes with the worker's variables
      expect((await instance?.result())?.variables).toMatchObject({ handledBy: 'sdk' });
    });
  });

  it("a job worker written as Camunda's docs show it handles a failure, then succeeds with the job's headers", async () => {
    await withSdk(async (client) => {
      const [instance] = await startJobs('jobs-sdk-worker', 'jobs-sdk-worker');
      const attempts: Array<{ retries: number; region: unknown }> = [];

      // given a worker whose first attempt fails
      const worker = client.createJobWorker({
        type: 'jobs-sdk-worker',
        worker: 'sdk-job-worker',
        timeout: 30_000,
        maxJobsToActivate: 5,
        requestTimeout: 20_000,
        jobHandler: (job) => {
          attempts.push({ retries: job.retries, region: (job.customHeaders as Record<string, unknown>).region });
          if (attempts.length === 1) return job.fail({ errorMessage: 'not yet', retries: job.retries - 1 });
          return job.complete({ attempts: attempts.length });
        },
      });
      try {
        // then the job comes back with one retry fewer, and the second attempt completes the instance
        expect((await instance?.result())?.variables).toMatchObject({ attempts: 2 });
        expect(attempts).toEqual([
          { retries: 3, region: 'north' },
          { retries: 2, region: 'north' },
        ]);
      } finally {
        await worker.stop();
      }
    });
  });

  it("a job worker's own identity works jobs and reads none of the instances behind them", async () => {
    // given a user with only the job-worker role
    await addUser(stack.prisma, 'worker-svc', Role.JobWorker);
    const worker = await stack.login('worker-svc');
    const [instance] = await startJobs('jobs-worker-role', 'jobs-worker-role');

    // when it activates and completes the job
    const [job] = await activate('jobs-worker-role', { token: worker });
    await api()
      .post(`/v2/jobs/${job?.jobKey}/completion`)
      .set(as(worker))
      .send({ variables: { checked: true } })
      .expect(204);

    // then the instance goes on, and the worker may not read it, nor the org chart
    expect((await instance?.result())?.variables).toMatchObject({ checked: true });
    await api().get(`/api/process-instances/${instance?.instanceId}`).set(as(worker)).expect(404);
    await api().get('/api/org/units').set(as(worker)).expect(403);
  });

  it('another user may not work jobs: activation is forbidden, a job key is not found, and the job stays held', async () => {
    // given a job an administrator's worker holds
    const [instance] = await startJobs('jobs-outsider', 'jobs-outsider');
    const [job] = await activate('jobs-outsider');
    const key = (job as CamundaJob).jobKey;

    // when a clerk tries to activate, complete, fail or update it
    await api()
      .post('/v2/jobs/activation')
      .set(as(clerk))
      .send({ type: 'jobs-outsider', worker: 'clerk', timeout: 1000, maxJobsToActivate: 1 })
      .expect(403);
    await api().post(`/v2/jobs/${key}/completion`).set(as(clerk)).send({}).expect(404);
    await api().post(`/v2/jobs/${key}/failure`).set(as(clerk)).send({ retries: 0 }).expect(404);
    await api()
      .patch(`/v2/jobs/${key}`)
      .set(as(clerk))
      .send({ changeset: { retries: 9 } })
      .expect(404);

    // then the job is as it was and the instance still waits for it
    expect(await jobRow(key)).toMatchObject({ state: 'ACTIVATED', retries: 3, worker: 'worker-a' });
    await instanceInState(stack, (instance as { instanceId: string }).instanceId, 'ACTIVE');
  });
});
