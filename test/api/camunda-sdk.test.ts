/**
 * The official Node client, unmodified: `@camunda8/sdk`'s CamundaRestClient against the stack's HTTP server, as an
 * integrator moving from Camunda 8 would point it at this engine (docs/camunda-api.md). Deploys BPMN + DMN + form,
 * runs a decision, a user task completed through the API and a correlated message to the end; job workers written as
 * Camunda's documentation shows them handle service tasks with headers, a failure then a success, and a worker that
 * dies mid-job.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Camunda8 } from '@camunda8/sdk';
import type { CamundaRestClient } from '@camunda8/sdk/dist/c8/lib/CamundaRestClient';
import { flow, message, model } from '../support/bpmn';
import { decisionTable, dmn } from '../support/dmn';
import { formSchema } from '../support/forms';
import { PASSWORD, startTestStack, type TestStack } from '../support/stack';
import { eventually } from '../support/wait';

/** start → fee decision → review (linked form) → wait for `fee-paid` → end. */
const feeProcess = model(
  `<bpmn:startEvent id="start" />${flow('f1', 'start', 'decide-fee')}
   <bpmn:businessRuleTask id="decide-fee"><bpmn:extensionElements>
     <zeebe:calledDecision decisionId="sdk-fee" resultVariable="fee" />
   </bpmn:extensionElements></bpmn:businessRuleTask>
   ${flow('f2', 'decide-fee', 'review')}
   <bpmn:userTask id="review" name="Review the fee"><bpmn:extensionElements>
     <zeebe:assignmentDefinition candidateGroups="civil-affairs" /><zeebe:formDefinition formId="sdk-review" />
   </bpmn:extensionElements></bpmn:userTask>
   ${flow('f3', 'review', 'paid')}
   <bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="msg-paid" /></bpmn:intermediateCatchEvent>
   ${flow('f4', 'paid', 'end')}<bpmn:endEvent id="end" />`,
  { processId: 'sdk-fee-case', roots: message('msg-paid', 'sdk-fee-paid', '=caseNo') },
);

const feeDecision = dmn(
  decisionTable({
    id: 'sdk-fee',
    inputs: ['kind'],
    outputs: ['fee'],
    rules: [
      ['resident', '"resident"', '400'],
      ['deed', '"deed"', '1000'],
    ],
  }),
);

/** start → service task of `type` with two task headers → end. */
const serviceProcess = (processId: string, type: string) =>
  model(
    `<bpmn:startEvent id="start" />${flow('f1', 'start', 'charge')}
     <bpmn:serviceTask id="charge" name="Charge the fee"><bpmn:extensionElements>
       <zeebe:taskDefinition type="${type}" retries="3" />
       <zeebe:taskHeaders><zeebe:header key="account" value="city-treasury" /><zeebe:header key="currency" value="KRW" /></zeebe:taskHeaders>
     </bpmn:extensionElements></bpmn:serviceTask>
     ${flow('f2', 'charge', 'end')}<bpmn:endEvent id="end" />`,
    { processId },
  );

describe('the unmodified @camunda8/sdk REST client against this engine', () => {
  let stack: TestStack;
  let server: Server;
  let address: string;
  /** Clients by user, with the BEARER strategy and a session token from POST /api/auth/login. */
  const clients = new Map<string, CamundaRestClient>();

  function restClient(config: Record<string, string>): CamundaRestClient {
    return new Camunda8({
      ZEEBE_REST_ADDRESS: address,
      CAMUNDA_LOG_LEVEL: 'none',
      ...config,
    }).getCamundaRestClient();
  }

  async function clientFor(username: string): Promise<CamundaRestClient> {
    const known = clients.get(username);
    if (known) return known;
    const client = restClient({ CAMUNDA_AUTH_STRATEGY: 'BEARER', CAMUNDA_OAUTH_TOKEN: await stack.login(username) });
    clients.set(username, client);
    return client;
  }

  /** Searches until the instance is COMPLETED; job cases allow for a job timeout and a worker's next poll. */
  function untilCompleted(client: CamundaRestClient, processInstanceKey: string, timeoutMs = 20_000) {
    return eventually(
      async () => {
        const found = await client.searchProcessInstances({ filter: { processInstanceKey, state: 'COMPLETED' } });
        return found.items[0];
      },
      { timeoutMs, what: `instance ${processInstanceKey} COMPLETED` },
    );
  }

  beforeAll(async () => {
    stack = await startTestStack();
    server = stack.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    address = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const client of clients.values()) client.stopWorkers();
    // Workers' long polls may still be open; the server closes once they are gone.
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await stack.stop();
  });

  it('reads the topology with BASIC credentials', async () => {
    const client = restClient({
      CAMUNDA_AUTH_STRATEGY: 'BASIC',
      CAMUNDA_BASIC_AUTH_USERNAME: 'clerk1',
      CAMUNDA_BASIC_AUTH_PASSWORD: PASSWORD,
    });
    const topology = await client.getTopology();
    expect(topology.brokers[0]?.partitions[0]).toMatchObject({ partitionId: 1, role: 'leader', health: 'healthy' });
  });

  it('deploys BPMN + DMN + form, decides the fee, completes the user task, correlates the message, and the instance completes', async () => {
    const analyst = await clientFor('analyst1');
    const clerk = await clientFor('clerk1');
    const deployment = await analyst.deployResources([
      { name: 'sdk-fee-case.bpmn', content: feeProcess },
      { name: 'sdk-fee.dmn', content: feeDecision },
      { name: 'sdk-review.form', content: JSON.stringify(formSchema('sdk-review')) },
    ]);
    expect(deployment.processes).toEqual([
      expect.objectContaining({ processDefinitionId: 'sdk-fee-case', processDefinitionVersion: 1 }),
    ]);
    expect(deployment.decisions).toEqual([expect.objectContaining({ decisionDefinitionId: 'sdk-fee', version: 1 })]);
    expect(deployment.forms).toEqual([expect.objectContaining({ formId: 'sdk-review', version: 1 })]);
    expect(deployment.deploymentKey).toMatch(/^\d+$/);

    const created = await clerk.createProcessInstance({
      processDefinitionId: 'sdk-fee-case',
      variables: { kind: 'deed', caseNo: 'SDK-1' },
    });
    expect(created.processInstanceKey).toMatch(/^\d+$/);
    const { processInstanceKey } = created;

    const task = await eventually(async () => {
      const tasks = await clerk.searchUserTasks({ filter: { processInstanceKey, state: 'CREATED' } });
      return tasks.items[0];
    });
    expect(task).toMatchObject({ name: 'Review the fee', elementId: 'review', processInstanceKey });
    await clerk.completeUserTask({ userTaskKey: task.userTaskKey, variables: { approved: true, comment: 'fee ok' } });

    const correlated = await eventually(() =>
      analyst.correlateMessage({ name: 'sdk-fee-paid', correlationKey: 'SDK-1', variables: { receipt: 'R-1' } }),
    );
    expect(correlated.processInstanceKey).toBe(processInstanceKey);

    await untilCompleted(clerk, processInstanceKey);
    const instance = await stack.prisma.processInstance.findFirstOrThrow({ where: { bpmnProcessId: 'sdk-fee-case' } });
    expect(instance.variables).toMatchObject({ fee: 1000, approved: true, receipt: 'R-1' });
  });

  it('creates an instance with its result: awaitCompletion answers the decided variables', async () => {
    const analyst = await clientFor('analyst1');
    const decideOnly = model(
      `<bpmn:startEvent id="start" />${flow('f1', 'start', 'decide')}
       <bpmn:businessRuleTask id="decide"><bpmn:extensionElements>
         <zeebe:calledDecision decisionId="sdk-fee" resultVariable="fee" />
       </bpmn:extensionElements></bpmn:businessRuleTask>
       ${flow('f2', 'decide', 'end')}<bpmn:endEvent id="end" />`,
      { processId: 'sdk-decide-only' },
    );
    await analyst.deployResources([{ name: 'sdk-decide-only.bpmn', content: decideOnly }]);
    const clerk = await clientFor('clerk1');
    const result = await clerk.createProcessInstanceWithResult({
      processDefinitionId: 'sdk-decide-only',
      variables: { kind: 'resident' },
    });
    expect(result.variables).toMatchObject({ kind: 'resident', fee: 400 });
  });

  // The job worker cases need the external jobs of the `jobs` branch (POST /v2/jobs/activation and the job commands).
  describe('job workers', () => {
    it('handles a service task with its headers: a failure, then a success, and the instance completes', async () => {
      const analyst = await clientFor('analyst1');
      const admin = await clientFor('admin');
      await analyst.deployResources([
        { name: 'sdk-charge.bpmn', content: serviceProcess('sdk-charge', 'sdk-charge-fee') },
      ]);
      const attempts: Array<{ headers: Record<string, unknown>; retries: number }> = [];
      admin.createJobWorker({
        type: 'sdk-charge-fee',
        worker: 'charge-worker',
        maxJobsToActivate: 5,
        timeout: 30_000,
        pollIntervalMs: 200,
        jobHandler: async (job) => {
          const headers = job.customHeaders as { account: string; currency: string };
          attempts.push({ headers, retries: job.retries });
          if (attempts.length === 1) return job.fail({ errorMessage: 'bank unreachable', retries: job.retries - 1 });
          return job.complete({ charged: (job.variables as { amount: number }).amount, account: headers.account });
        },
      });
      const { processInstanceKey } = await admin.createProcessInstance({
        processDefinitionId: 'sdk-charge',
        variables: { amount: 1000 },
      });
      await untilCompleted(admin, processInstanceKey, 40_000);
      expect(attempts).toEqual([
        { headers: { account: 'city-treasury', currency: 'KRW' }, retries: 3 },
        { headers: { account: 'city-treasury', currency: 'KRW' }, retries: 2 },
      ]);
      const instance = await stack.prisma.processInstance.findFirstOrThrow({ where: { bpmnProcessId: 'sdk-charge' } });
      expect(instance.variables).toMatchObject({ charged: 1000, account: 'city-treasury' });
    });

    it('hands a job whose worker died mid-job to another worker after its timeout, and completes it once', async () => {
      const analyst = await clientFor('analyst1');
      const admin = await clientFor('admin');
      await analyst.deployResources([
        { name: 'sdk-stamp.bpmn', content: serviceProcess('sdk-stamp', 'sdk-stamp-document') },
      ]);
      // The first worker takes the job and stops without answering, as a worker killed mid-job would.
      let takenJobKey: string | undefined;
      const dying = admin.createJobWorker({
        type: 'sdk-stamp-document',
        worker: 'dying-worker',
        maxJobsToActivate: 1,
        timeout: 2_000,
        pollIntervalMs: 200,
        jobHandler: (job) => {
          takenJobKey = job.jobKey;
          void dying.stop();
          return Promise.resolve(job.forward());
        },
      });
      const { processInstanceKey } = await admin.createProcessInstance({
        processDefinitionId: 'sdk-stamp',
        variables: {},
      });
      await eventually(() => Promise.resolve(takenJobKey));

      const completions: string[] = [];
      admin.createJobWorker({
        type: 'sdk-stamp-document',
        worker: 'second-worker',
        maxJobsToActivate: 1,
        timeout: 30_000,
        pollIntervalMs: 200,
        jobHandler: async (job) => {
          completions.push(job.jobKey);
          return job.complete({ stamped: true });
        },
      });
      await untilCompleted(admin, processInstanceKey, 40_000);
      expect(completions).toEqual([takenJobKey]);
      // The dead worker's late answer is refused: the job completed once.
      await expect(admin.completeJob({ jobKey: takenJobKey!, variables: { stamped: false } })).rejects.toMatchObject({
        statusCode: 404,
      });
      const instance = await stack.prisma.processInstance.findFirstOrThrow({ where: { bpmnProcessId: 'sdk-stamp' } });
      expect(instance.variables).toMatchObject({ stamped: true });
    });
  });
});
