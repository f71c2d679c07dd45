/**
 * What Zeebe deploys and runs, run here with Zeebe's meaning (docs/zeebe-compatibility.md): a user task offered to
 * no one, dotted output targets, a FEEL job type and retries evaluated at activation, and task headers delivered
 * to external workers and built-in handlers.
 */
import request from 'supertest';
import { jobHandlers } from '../../activities/handlers';
import { recordHistory } from '../support/histories';
import { startJobWorkers } from '../support/job-workers';
import { deployModel, instanceInState, openIncident, openTask, start } from '../support/instances';
import { startTestStack, type TestStack } from '../support/stack';
import { orgUnitId } from '../support/tasks';

jest.setTimeout(120_000);

describe('accepted as Zeebe accepts it', () => {
  let stack: TestStack;
  let workers: Awaited<ReturnType<typeof startJobWorkers>>;
  const received: Array<{ elementId: string; headers: Record<string, string> }> = [];
  const tokens: Record<string, string> = {};
  const api = () => request(stack.app);
  const as = (username: string) => ({ Authorization: `Bearer ${tokens[username]}` });

  beforeAll(async () => {
    stack = await startTestStack();
    for (const name of ['unassigned-user-task', 'output-dotted-target', 'job-type-feel', 'task-headers-builtin']) {
      await deployModel(stack, name);
    }
    for (const username of ['clerk1', 'clerk2', 'clerk3']) tokens[username] = await stack.login(username);
    workers = await startJobWorkers(stack, {
      'conformance-relax-review': ({ elementId, headers }) => {
        received.push({ elementId, headers });
        return { reviewed: true };
      },
      'conformance-relax-flaky': () => {
        throw new Error('registry unavailable');
      },
    });
  });
  afterAll(async () => {
    await workers.stop();
    await stack.stop();
  });

  describe('a user task with no assignee and no candidates', () => {
    it("is unassigned work of the starter's unit: its people see and claim it, other units do not see it", async () => {
      // given an instance started by a civil servant of civil affairs
      const started = await api()
        .post('/api/process-instances')
        .set(as('clerk1'))
        .send({ processId: 'unassigned-user-task' })
        .expect(201);
      const instanceId = (started.body as { id: string }).id;

      // then its task belongs to civil affairs and is offered to a colleague there
      const task = await openTask(stack, instanceId, 'review');
      expect(task).toMatchObject({ assignee: null, orgUnitId: await orgUnitId(stack, 'civil-affairs') });
      const offered = await api().get('/api/tasks').query({ scope: 'groups' }).set(as('clerk3')).expect(200);
      expect((offered.body as { items: Array<{ id: string }> }).items.map(({ id }) => id)).toContain(task.id);

      // and someone of general affairs neither sees nor claims it
      await api().get(`/api/tasks/${task.id}`).set(as('clerk2')).expect(404);
      await api().post(`/api/tasks/${task.id}/claim`).set(as('clerk2')).expect(404);

      // when the colleague claims and completes it, the instance goes on
      await api().post(`/api/tasks/${task.id}/claim`).set(as('clerk3')).expect(200);
      await api().post(`/api/tasks/${task.id}/complete`).set(as('clerk3')).send({ variables: {} }).expect(200);
      await instanceInState(stack, instanceId, 'COMPLETED');
    });
  });

  describe('dotted output targets', () => {
    it('write into the existing context, keeping its other entries, and create the contexts that are missing', async () => {
      // given a context variable with a user and an old token
      const { instanceId, result } = await start(stack, 'output-dotted-target', {
        authentication: { user: 'kim', token: 'old' },
      });

      // then the mapping replaced only the token, and built the nested context it needed
      const { variables } = await result();
      expect(variables).toMatchObject({
        authentication: { user: 'kim', token: 'token-kim' },
        session: { limits: { minutes: 30 } },
      });
      // and only the targets left the task (Zeebe's propagation rule with output mappings)
      expect(variables).not.toHaveProperty('issued');
      await recordHistory(stack.temporal, instanceId, 'conformance-output-dotted-target');
    });
  });

  describe('a FEEL job type and FEEL retries', () => {
    it('are evaluated at activation: the worker of the resulting type gets the job with its task headers', async () => {
      const { instanceId, result } = await start(stack, 'job-type-feel', { kind: 'review', tries: 1 });

      const { variables } = await result();
      expect(variables).toMatchObject({ reviewed: true });
      expect(received).toEqual([{ elementId: 'handle', headers: { channel: 'post', template: 'notice-v2' } }]);
      await recordHistory(stack.temporal, instanceId, 'conformance-job-type-feel');
    });

    it('retries as many times as the expression says before the incident', async () => {
      const { instanceId } = await start(stack, 'job-type-feel', { kind: 'flaky', tries: 2 });

      const incident = await openIncident(stack, instanceId);
      expect(incident.message).toContain("job 'conformance-relax-flaky' failed");
      expect(workers.log.filter((entry) => entry === 'conformance-relax-flaky:handle')).toHaveLength(2);
    });

    it('raise an incident when the job type is not text or the retries are not a whole number', async () => {
      // FEEL's `"text" + 5` is null, as in Zeebe
      const badType = await start(stack, 'job-type-feel', { kind: 5, tries: 1 });
      const badRetries = await start(stack, 'job-type-feel', { kind: 'review', tries: 'twice' });

      expect(await openIncident(stack, badType.instanceId)).toMatchObject({
        elementId: 'handle',
        message: 'the job type must evaluate to a non-empty text, not null',
      });
      expect(await openIncident(stack, badRetries.instanceId)).toMatchObject({
        elementId: 'handle',
        message: 'the retries must evaluate to a whole number of at least 1, not "twice"',
      });
    });
  });

  describe('task headers', () => {
    it('reach a built-in handler with its job', async () => {
      const run = jest.spyOn(jobHandlers['send-email'], 'run');
      try {
        const { result } = await start(stack, 'task-headers-builtin');

        await result();
        expect(run).toHaveBeenCalledWith(
          expect.objectContaining({ to: 'applicant@example.kr', subject: 'Received' }),
          expect.objectContaining({ headers: { template: 'receipt' } }),
        );
      } finally {
        run.mockRestore();
      }
    });
  });
});
