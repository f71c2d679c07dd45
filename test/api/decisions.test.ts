/**
 * Decisions end to end (docs/decisions.md): a BPMN process and its DMN file deployed in one request, a business rule
 * task writing the decision's result, a hit-policy violation as an incident naming the rules, and deployments that
 * call a decision nobody deployed refused with the element's id.
 */
import request from 'supertest';
import type { ProcessResult } from '../../shared/workflow-contract';
import { flow, model } from '../support/bpmn';
import { decisionTable, dmn, literalDecision } from '../support/dmn';
import { instanceInState, openIncident, resolveIncident } from '../support/instances';
import { startTestStack, type TestStack } from '../support/stack';
import { recordHistory } from '../support/histories';

type Upload = { name: string; content: string };
type Deployed = { decisions: Array<{ decisionId: string; version: number; created: boolean }> };

/** start → business rule task calling `decisionId` into `fee` → end. */
function feeProcess(processId: string, decisionId: string): string {
  return model(
    `<bpmn:startEvent id="start" />${flow('f1', 'start', 'decide-fee')}
     <bpmn:businessRuleTask id="decide-fee"><bpmn:extensionElements>
       <zeebe:calledDecision decisionId="${decisionId}" resultVariable="fee" />
     </bpmn:extensionElements></bpmn:businessRuleTask>
     ${flow('f2', 'decide-fee', 'end')}<bpmn:endEvent id="end" />`,
    { processId },
  );
}

/** A certificate fee by kind and copies: a UNIQUE table whose two rules overlap for 10 copies or more of a deed. */
const feeDecisions = dmn(
  decisionTable({
    id: 'certificate-fee',
    inputs: ['kind', 'copies'],
    outputs: ['perCopy'],
    rules: [
      ['resident-copy', '"resident"', '-', '400'],
      ['deed', '"deed"', '< 20', '1000'],
      ['deed-bulk', '"deed"', '>= 10', '800'],
    ],
  }),
  literalDecision('certificate-total', 'certificate-fee * copies', ['certificate-fee']),
);

describe('decisions deployed with processes and run by business rule tasks', () => {
  let stack: TestStack;
  let analyst: string;
  let clerk: string;
  const api = () => request(stack.app);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const upload = (files: Upload[]) =>
    files.reduce(
      (req, file) => req.attach('resource', Buffer.from(file.content), file.name),
      api().post('/api/deployments').set(as(analyst)),
    );
  const start = async (processId: string, variables: object) => {
    const started = await api().post('/api/process-instances').set(as(clerk)).send({ processId, variables });
    expect(started.status).toBe(201);
    return (started.body as { id: string }).id;
  };

  beforeAll(async () => {
    stack = await startTestStack();
    analyst = await stack.login('analyst1');
    clerk = await stack.login('clerk1');
  });
  afterAll(() => stack.stop());

  it('deploys BPMN and DMN together, and the business rule task writes the required decisions’ result', async () => {
    const deployment = await upload([
      { name: 'certificate.bpmn', content: feeProcess('certificate', 'certificate-total') },
      { name: 'certificate-fee.dmn', content: feeDecisions },
    ]).expect(201);
    expect(deployment.body).toMatchObject({
      processes: [expect.objectContaining({ processId: 'certificate', version: 1 })],
      decisions: [
        expect.objectContaining({ decisionId: 'certificate-fee', version: 1, created: true }),
        expect.objectContaining({ decisionId: 'certificate-total', version: 1, created: true }),
      ],
    });

    const instanceId = await start('certificate', { kind: 'resident', copies: 3 });
    const result = (await stack.temporal.workflow.getHandle(instanceId).result()) as ProcessResult;
    expect(result.variables).toMatchObject({ fee: 1200 });
    await recordHistory(stack.temporal, instanceId, 'business-rule-task-decision');
  });

  it('versions decisions by id: an identical file keeps the version, a changed one makes the next and runs', async () => {
    const again = await upload([{ name: 'certificate-fee.dmn', content: feeDecisions }]).expect(201);
    expect((again.body as Deployed).decisions).toEqual([
      expect.objectContaining({ decisionId: 'certificate-fee', version: 1, created: false }),
      expect.objectContaining({ decisionId: 'certificate-total', version: 1, created: false }),
    ]);
    const cheaper = feeDecisions.replace('<text>400</text>', '<text>300</text>');
    const changed = await upload([{ name: 'certificate-fee.dmn', content: cheaper }]).expect(201);
    expect((changed.body as Deployed).decisions).toEqual([
      expect.objectContaining({ decisionId: 'certificate-fee', version: 2, created: true }),
      expect.objectContaining({ decisionId: 'certificate-total', version: 2, created: true }),
    ]);
    const instanceId = await start('certificate', { kind: 'resident', copies: 3 });
    const result = (await stack.temporal.workflow.getHandle(instanceId).result()) as ProcessResult;
    expect(result.variables).toMatchObject({ fee: 900 });
  });

  it('makes a hit-policy violation an incident naming the decision and the rules; resolving with new input goes on', async () => {
    const instanceId = await start('certificate', { kind: 'deed', copies: 12 });
    const incident = await openIncident(stack, instanceId);
    expect(incident.elementId).toBe('decide-fee');
    expect(incident.message).toContain(
      "decision 'certificate-fee': hit policy UNIQUE allows one matching rule, but rules 'deed', 'deed-bulk' match",
    );
    await instanceInState(stack, instanceId, 'INCIDENT');

    await resolveIncident(stack, instanceId, incident.id, { copies: 25 });
    const result = (await stack.temporal.workflow.getHandle(instanceId).result()) as ProcessResult;
    expect(result.variables).toMatchObject({ fee: 25 * 800 });
  });

  it('refuses a business rule task calling a decision that is neither deployed nor in the deployment (422, element id), storing nothing', async () => {
    const before = await stack.prisma.processDefinition.count({ where: { bpmnProcessId: 'orphan-rule' } });
    const refused = await upload([
      { name: 'orphan.bpmn', content: feeProcess('orphan-rule', 'no-such-decision') },
      {
        name: 'other.dmn',
        content: dmn(literalDecision('other-decision', '1')),
      },
    ]).expect(422);
    expect(refused.body).toMatchObject({
      code: 'BPMN_INVALID',
      elementId: 'decide-fee',
      message: expect.stringContaining("orphan.bpmn, decide-fee: the decision 'no-such-decision'"),
    });
    expect(await stack.prisma.processDefinition.count({ where: { bpmnProcessId: 'orphan-rule' } })).toBe(before);
    expect(await stack.prisma.decisionDefinition.count({ where: { decisionId: 'other-decision' } })).toBe(0);
  });

  it('refuses an invalid DMN file with its name and the decision at fault', async () => {
    const refused = await upload([
      { name: 'cycle.dmn', content: dmn(literalDecision('a', 'b', ['b']), literalDecision('b', 'a', ['a'])) },
    ]).expect(422);
    expect(refused.body).toMatchObject({ code: 'DMN_INVALID', message: expect.stringMatching(/^cycle\.dmn: .*cycle/) });
  });
});
