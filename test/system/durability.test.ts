/**
 * State survives a kill -9 of anything: with an instance waiting at its user task, (a) the worker and (b) the
 * Temporal dev server are killed without warning and started again; the task then completes and the instance
 * finishes with exactly one task row and one email.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { freePort } from '../../scripts/stack/ports';
import { spawnTsx, type ChildService } from '../../scripts/stack/processes';
import { startTemporalDevServer, type TemporalDevServer } from '../../scripts/stack/temporal';
import { createLogger } from '../../platform/logger';
import { demoApprovalXml } from '../support/bpmn';
import { mailTo } from '../support/mail';
import { requiredEnv, startTestStack, type TestStack } from '../support/stack';
import { eventually } from '../support/wait';

jest.setTimeout(180_000);

const logger = createLogger('durability-test', process.env.TEST_LOG_LEVEL ?? 'warn');

describe('durability across kill -9', () => {
  let dataDir: string;
  let temporalPort: number;
  let temporal: TemporalDevServer;
  let stack: TestStack;
  let worker: ChildService;
  let clerk: string;
  const as = () => ({ Authorization: `Bearer ${clerk}` });

  const startTemporal = () =>
    startTemporalDevServer({
      cliPath: requiredEnv('TEMPORAL_CLI'),
      port: temporalPort,
      dbFile: path.join(dataDir, 'temporal.db'),
      logger,
    });
  const startWorker = () =>
    spawnTsx({
      name: 'worker',
      file: path.resolve(__dirname, '../../worker/main.ts'),
      logger,
      env: {
        DATABASE_URL: stack.databaseUrl,
        TEMPORAL_ADDRESS: temporal.address,
        TEMPORAL_TASK_QUEUE: stack.config.TEMPORAL_TASK_QUEUE,
        SMTP_URL: stack.config.SMTP_URL,
        BID_SEALING_KEY: stack.config.BID_SEALING_KEY,
        LOG_LEVEL: 'warn',
      },
    });

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'bps-durability-'));
    temporalPort = await freePort();
    temporal = await startTemporal();
    stack = await startTestStack({ worker: false, temporalAddress: temporal.address });
    worker = startWorker();
    const analyst = await stack.login('analyst1');
    clerk = await stack.login('clerk1');
    await request(stack.app)
      .post('/api/deployments')
      .set({ Authorization: `Bearer ${analyst}` })
      .type('application/xml')
      .send(demoApprovalXml)
      .expect(201);
  });

  afterAll(async () => {
    await worker?.stop();
    await stack?.stop();
    await temporal?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function waitingInstance(applicant: string) {
    const started = await request(stack.app)
      .post('/api/process-instances')
      .set(as())
      .send({ processId: 'demo-approval', variables: { applicantEmail: applicant } })
      .expect(201);
    const instanceId = (started.body as { id: string }).id;
    const task = await eventually(
      () =>
        stack.prisma.userTask.findFirst({ where: { processInstanceId: instanceId } }).then((row) => row ?? undefined),
      {
        timeoutMs: 60_000,
        what: 'the task row (the worker bundles workflows on start)',
      },
    );
    return { instanceId, taskId: task.id };
  }

  async function completeAndExpectOneOfEach(instanceId: string, taskId: string, applicant: string) {
    await eventually(
      async () => {
        const response = await request(stack.app)
          .post(`/api/tasks/${taskId}/complete`)
          .set(as())
          .send({ variables: { approved: true } });
        // While the restarted part is still coming up the API may answer 5xx; retry like a person would.
        return response.status === 200 ? response : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 1000, what: 'the completion to be accepted' },
    );
    const instance = await eventually(
      async () => {
        const row = await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } });
        return row.state === 'COMPLETED' ? row : undefined;
      },
      { timeoutMs: 60_000, what: 'the instance to complete' },
    );
    expect(instance.endElementId).toBe('request-approved');
    expect(await stack.prisma.userTask.count({ where: { processInstanceId: instanceId } })).toBe(1);
    await eventually(async () => ((await mailTo(applicant)).length > 0 ? true : undefined), { what: 'the email' });
    // Give a duplicate, if there were one, time to arrive before counting.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await mailTo(applicant)).toHaveLength(1);
  }

  it('(a) survives a kill -9 of the worker while an instance waits at its user task', async () => {
    const applicant = `worker-kill-${Date.now()}@citizen.example.kr`;
    const { instanceId, taskId } = await waitingInstance(applicant);
    const killed = await worker.kill9();
    expect(killed.signal).toBe('SIGKILL');
    worker = startWorker();
    await completeAndExpectOneOfEach(instanceId, taskId, applicant);
  });

  it('(b) survives a kill -9 of the Temporal dev server, restarted on the same file', async () => {
    const applicant = `server-kill-${Date.now()}@citizen.example.kr`;
    const { instanceId, taskId } = await waitingInstance(applicant);
    await temporal.kill9();
    temporal = await startTemporal();
    await completeAndExpectOneOfEach(instanceId, taskId, applicant);
  });
});
