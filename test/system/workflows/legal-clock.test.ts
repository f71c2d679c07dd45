/**
 * A process stops and resumes the legal clock of a deadline (보완 요구 sent, supplement received): while the clock
 * is stopped the escalation timer holds, and on resumption the due date and the timer move by the stopped time.
 */
import { bpmn, flow } from '../../support/bpmn';
import { recordHistory } from '../../support/histories';
import { deploy, openTask, start } from '../../support/instances';
import { startTimeSkippingStack, type TimeSkippingStack } from '../../support/time-skipping';
import { eventually } from '../../support/wait';

jest.setTimeout(120_000);

const task = (id: string, extra = '') =>
  `<bpmn:userTask id="${id}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="civil-affairs" />${extra}</bpmn:extensionElements></bpmn:userTask>`;
const clock = (id: string, action: 'stop' | 'resume') =>
  `<bpmn:intermediateThrowEvent id="${id}"><bpmn:extensionElements><gov:legalClock clock="answer" action="${action}" /></bpmn:extensionElements></bpmn:intermediateThrowEvent>`;
const deadline = '=legal deadline(&#34;civil-petition&#34;, receivedAt, 3, &#34;hours&#34;, &#34;answer&#34;)';

// The answer task carries the deadline; a parallel branch requests a supplement (clock stops) and receives it
// (clock resumes).
const model = bpmn(
  `<bpmn:startEvent id="received" />${flow('f0', 'received', 'fork')}<bpmn:parallelGateway id="fork" />
   ${flow('f1', 'fork', 'answer')}${task('answer', `<zeebe:taskSchedule dueDate="${deadline}" />`)}${flow('f2', 'answer', 'answered')}<bpmn:endEvent id="answered" />
   <bpmn:boundaryEvent id="overdue" attachedToRef="answer"><bpmn:timerEventDefinition><bpmn:timeDate>${deadline}</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:boundaryEvent>
   ${flow('f3', 'overdue', 'escalated')}<bpmn:endEvent id="escalated" />
   ${flow('f4', 'fork', 'request-supplement')}${task('request-supplement')}${flow('f5', 'request-supplement', 'clock-stopped')}${clock('clock-stopped', 'stop')}
   ${flow('f6', 'clock-stopped', 'supplement-received')}${task('supplement-received')}${flow('f7', 'supplement-received', 'clock-resumed')}${clock('clock-resumed', 'resume')}
   ${flow('f8', 'clock-resumed', 'supplemented')}<bpmn:endEvent id="supplemented" />`,
  'petition-supplement',
).replace('xmlns:zeebe=', 'xmlns:gov="http://bps.onnara.kr/schema/bpmn/gov/1.0" xmlns:zeebe=');

const kst = (text: string) => Date.parse(`${text}+09:00`);

describe('legal clock stop and resume', () => {
  let stack: TimeSkippingStack;
  beforeAll(async () => {
    stack = await startTimeSkippingStack();
    await deploy(stack, model);
  });
  afterAll(() => stack.stop());

  it('holds the deadline while the supplement is awaited and moves it by the stopped working time', async () => {
    // Monday 2027-12-06 09:00 receipt, 3 working hours: due 12:00 the same day
    const { instanceId, handle, result } = await start(stack, 'petition-supplement', {
      receivedAt: '2027-12-06T09:00:00+09:00',
    });
    const answer = await openTask(stack, instanceId, 'answer');
    expect(answer.dueAt?.getTime()).toBe(kst('2027-12-06T12:00:00'));
    const complete = async (elementId: string) => {
      const row = await openTask(stack, instanceId, elementId);
      await handle.executeUpdate('completeTask', { args: [{ taskId: row.id, variables: {}, completedBy: 'clerk1' }] });
    };

    // 10:00: the supplement is requested, after one working hour counted
    await stack.skipTo(kst('2027-12-06T10:00:00'));
    await complete('request-supplement');
    // past the original due time the instance still waits: the clock is stopped
    await stack.skipTo(kst('2027-12-06T15:00:00'));
    expect((await handle.describe()).status.name).toBe('RUNNING');
    // Tuesday 09:00: the supplement arrives; two working hours are left, so the answer is due Tuesday 11:00
    await stack.skipTo(kst('2027-12-07T09:00:00'));
    await complete('supplement-received');
    await eventually(
      () =>
        stack.prisma.userTask
          .findUniqueOrThrow({ where: { id: answer.id } })
          .then((row) => (row.dueAt?.getTime() === kst('2027-12-07T11:00:00') ? row : undefined)),
      { what: 'the due date to move to Tuesday 11:00' },
    );
    await stack.skipTo(kst('2027-12-07T10:59:00'));
    expect((await handle.describe()).status.name).toBe('RUNNING');
    await stack.skipTo(kst('2027-12-07T11:01:00'));
    await expect(result()).resolves.toMatchObject({ endElementId: 'escalated' });
    await recordHistory(stack.temporal, instanceId, 'legal-clock-stop-resume');
  });
});
