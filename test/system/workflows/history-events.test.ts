/**
 * The demo writes 19 history events per approved instance, and pure elements cost no Temporal history: a model with gateways taking one path, none intermediate events,
 * untyped and manual tasks, a script task and a parallel fork/join of pure branches added to the demo's path
 * writes exactly as many history events per instance as the demo itself; so does an inclusive fork and join taking
 * one path followed by a link throw/catch pair.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deploy, historyEventCount, openTask, start } from '../../support/instances';
import { startTestStack, type TestStack } from '../../support/stack';
import { eventually } from '../../support/wait';
import { mailTo } from '../../support/mail';
import { recordHistory } from '../../support/histories';

const demoXml = readFileSync(path.resolve(__dirname, '../../../processes/demo-approval.bpmn'), 'utf8');

/** The demo with a detour of pure elements inserted between the start event and the user task. */
function demoWithPureDetour(): string {
  const detour = `
    <bpmn:intermediateThrowEvent id="received-note" /><bpmn:sequenceFlow id="d1" sourceRef="received-note" targetRef="triage" />
    <bpmn:exclusiveGateway id="triage" default="d2" /><bpmn:sequenceFlow id="d2" sourceRef="triage" targetRef="fork" />
    <bpmn:parallelGateway id="fork" />
    <bpmn:sequenceFlow id="d3" sourceRef="fork" targetRef="classify" /><bpmn:sequenceFlow id="d4" sourceRef="fork" targetRef="paper-check" />
    <bpmn:scriptTask id="classify"><bpmn:extensionElements><zeebe:script expression="=&#34;simple&#34;" resultVariable="category" /></bpmn:extensionElements></bpmn:scriptTask>
    <bpmn:manualTask id="paper-check" />
    <bpmn:sequenceFlow id="d5" sourceRef="classify" targetRef="join" /><bpmn:sequenceFlow id="d6" sourceRef="paper-check" targetRef="join" />
    <bpmn:parallelGateway id="join" /><bpmn:sequenceFlow id="d7" sourceRef="join" targetRef="file" />
    <bpmn:task id="file" /><bpmn:sequenceFlow id="to-review" sourceRef="file" targetRef="review-request" />
    <bpmn:sequenceFlow id="to-detour" sourceRef="request-received" targetRef="received-note" />`;
  return withDetour('demo-approval-detour', detour);
}

/**
 * The demo with an inclusive fork and join taking one of two paths, then a link throw and its catch, between the
 * start event and the user task.
 */
function demoWithLinksAndInclusive(): string {
  const detour = `
    <bpmn:inclusiveGateway id="route" />
    <bpmn:sequenceFlow id="i1" sourceRef="route" targetRef="stamp"><bpmn:conditionExpression>=applicantEmail != null</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="i2" sourceRef="route" targetRef="manual-check"><bpmn:conditionExpression>=applicantEmail = "nobody"</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:task id="stamp" /><bpmn:manualTask id="manual-check" />
    <bpmn:sequenceFlow id="i3" sourceRef="stamp" targetRef="merge" /><bpmn:sequenceFlow id="i4" sourceRef="manual-check" targetRef="merge" />
    <bpmn:inclusiveGateway id="merge" /><bpmn:sequenceFlow id="i5" sourceRef="merge" targetRef="jump" />
    <bpmn:intermediateThrowEvent id="jump"><bpmn:linkEventDefinition name="review" /></bpmn:intermediateThrowEvent>
    <bpmn:intermediateCatchEvent id="landing"><bpmn:linkEventDefinition name="review" /></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="to-review" sourceRef="landing" targetRef="review-request" />
    <bpmn:sequenceFlow id="to-detour" sourceRef="request-received" targetRef="route" />`;
  return withDetour('demo-approval-links', detour);
}

function withDetour(processId: string, detour: string): string {
  return demoXml
    .replace('id="demo-approval" name', `id="${processId}" name`)
    .replace('<bpmn:sequenceFlow id="to-review" sourceRef="request-received" targetRef="review-request" />', detour)
    .replace(
      '<bpmn:outgoing>to-review</bpmn:outgoing>\n    </bpmn:startEvent>',
      '<bpmn:outgoing>to-detour</bpmn:outgoing>\n    </bpmn:startEvent>',
    )
    .replace(/<bpmndi:BPMNDiagram[\s\S]*<\/bpmndi:BPMNDiagram>/, '');
}

describe('history events per instance', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
    await deploy(stack, demoXml);
    await deploy(stack, demoWithPureDetour());
    await deploy(stack, demoWithLinksAndInclusive());
  });
  afterAll(() => stack.stop());

  async function approvedRun(processId: string) {
    const applicant = `${processId}-${Date.now()}@citizen.example.kr`;
    const { instanceId, handle, result } = await start(stack, processId, { applicantEmail: applicant });
    const task = await openTask(stack, instanceId, 'review-request');
    await handle.executeUpdate('completeTask', {
      args: [{ taskId: task.id, variables: { approved: true }, completedBy: 'clerk1' }],
    });
    const outcome = await result();
    await eventually(async () => ((await mailTo(applicant)).length === 1 ? true : undefined), { what: 'the email' });
    return { instanceId, outcome, events: await historyEventCount(handle) };
  }

  it('is the same for the demo and the demo with a detour of pure elements', async () => {
    const plain = await approvedRun('demo-approval');
    const detour = await approvedRun('demo-approval-detour');
    expect(detour.outcome).toMatchObject({ endElementId: 'request-approved', variables: { category: 'simple' } });
    expect(plain.outcome.endElementId).toBe('request-approved');
    // Written in the workflow's own words: started; a workflow task (3) with createUserTask's marker; the
    // completeTask update's task (3), accepted, completeUserTask's marker, completed, send-email scheduled; the
    // email started and completed; a workflow task (3) with completeInstance's marker; completed (34 when every
    // write was an activity).
    expect(plain.events).toBe(19);
    expect(detour.events).toBe(plain.events);
    await recordHistory(stack.temporal, plain.instanceId, 'demo-approval-approved-lean');
  });

  it('is the same for the demo and the demo with an inclusive gateway taking one path and a link throw/catch pair', async () => {
    const plain = await approvedRun('demo-approval');
    const linked = await approvedRun('demo-approval-links');
    expect(linked.outcome.endElementId).toBe('request-approved');
    const rows = await stack.prisma.elementInstance.findMany({ where: { processInstanceId: linked.instanceId } });
    const states = Object.fromEntries(rows.map((row) => [row.elementId, row.state]));
    expect(states).toMatchObject({
      route: 'COMPLETED',
      stamp: 'COMPLETED',
      merge: 'COMPLETED',
      jump: 'COMPLETED',
      landing: 'COMPLETED',
      'review-request': 'COMPLETED',
    });
    expect(states['manual-check']).toBeUndefined();
    expect(linked.events).toBe(plain.events);
  });
});
