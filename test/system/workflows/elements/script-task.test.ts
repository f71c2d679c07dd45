import { bpmn } from '../../../support/bpmn';
import { recordHistory } from '../../../support/histories';
import { deploy, start } from '../../../support/instances';
import { startTestStack, type TestStack } from '../../../support/stack';
import { eventually } from '../../../support/wait';

const scriptProcess = (processId: string, expression: string) =>
  bpmn(
    `<bpmn:startEvent id="start" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fee" />
     <bpmn:scriptTask id="fee"><bpmn:extensionElements><zeebe:script expression="${expression}" resultVariable="fee" /></bpmn:extensionElements></bpmn:scriptTask>
     <bpmn:sequenceFlow id="f2" sourceRef="fee" targetRef="end" /><bpmn:endEvent id="end" />`,
    processId,
  );

describe('script task (zeebe:script)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.stop());

  it('evaluates its FEEL expression and stores the result variable', async () => {
    // 인지액 for a claim under 10M KRW: 0.5%, e-filing 10% off
    await deploy(stack, scriptProcess('stamp-fee', '=floor(claim * 0.005 * 0.9)'));
    const { instanceId, result } = await start(stack, 'stamp-fee', { claim: 8_000_000 });
    await expect(result()).resolves.toMatchObject({
      endElementId: 'end',
      variables: { claim: 8_000_000, fee: 36_000 },
    });
    await recordHistory(stack.temporal, instanceId, 'script-task');
  });

  it('puts the instance into an incident at the script when the expression cannot be evaluated', async () => {
    // a call of a FEEL function that does not exist: valid syntax, fails only at run time
    await deploy(stack, scriptProcess('bad-script', '=stamp duty(claim)'));
    const { instanceId, handle } = await start(stack, 'bad-script', { claim: 1 });
    const row = await eventually(
      () =>
        stack.prisma.processInstance
          .findUniqueOrThrow({ where: { id: instanceId } })
          .then((r) => (r.state === 'INCIDENT' ? r : undefined)),
      { what: 'the incident in the index' },
    );
    expect(row.incident).toMatchObject({ elementId: 'fee' });
    // the instance waits at the script for an operator (it neither fails nor retries on its own)
    const incident = await stack.prisma.incident.findFirstOrThrow({ where: { processInstanceId: instanceId } });
    expect(incident).toMatchObject({ elementId: 'fee', state: 'OPEN' });
    expect(incident.message).toContain('stamp duty');
    expect((await handle.describe()).status.name).toBe('RUNNING');
    await handle.terminate('test over');
  });
});
