/**
 * A legal deadline drives a process (issue 5): a user task's due date and an escalation timer come from the
 * civil-petition rule (3 working hours), on the time-skipping server across a weekend; a holiday declared while
 * the instance waits moves both, and the instance records the move.
 */
import request from 'supertest';
import { bpmn } from '../../support/bpmn';
import { recordHistory } from '../../support/histories';
import { deploy, openTask, start } from '../../support/instances';
import { startTimeSkippingStack, type TimeSkippingStack } from '../../support/time-skipping';
import { eventually } from '../../support/wait';

jest.setTimeout(120_000);

const deadline = '=legal deadline(&#34;civil-petition&#34;, receivedAt, 3, &#34;hours&#34;)';
const petitionModel = bpmn(
  `<bpmn:startEvent id="received" /><bpmn:sequenceFlow id="f1" sourceRef="received" targetRef="answer" />
   <bpmn:userTask id="answer" name="민원 답변">
     <bpmn:extensionElements>
       <zeebe:assignmentDefinition candidateGroups="civil-affairs" />
       <zeebe:taskSchedule dueDate="${deadline}" />
     </bpmn:extensionElements>
   </bpmn:userTask>
   <bpmn:boundaryEvent id="overdue" attachedToRef="answer"><bpmn:timerEventDefinition><bpmn:timeDate>${deadline}</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:boundaryEvent>
   <bpmn:sequenceFlow id="f2" sourceRef="answer" targetRef="answered" /><bpmn:endEvent id="answered" />
   <bpmn:sequenceFlow id="f3" sourceRef="overdue" targetRef="escalated" /><bpmn:endEvent id="escalated" />`,
  'petition-3h',
);

// Friday 16:00 KST: 2 working hours that day, then Monday 09:00-10:00. (Fixed dates inside the holiday data's
// horizon, which ends with 2027; the test server's clock starts at today and only moves forward, so the second
// test uses the following week.)
const kst = (text: string) => Date.parse(`${text}+09:00`);

async function timerFiredAt(stack: TimeSkippingStack, instanceId: string): Promise<number | undefined> {
  const history = await stack.temporal.workflow.getHandle(instanceId).fetchHistory();
  const fired = history.events?.find((event) => event.timerFiredEventAttributes);
  const seconds = fired?.eventTime?.seconds;
  return seconds === undefined || seconds === null
    ? undefined
    : Number(seconds) * 1000 + Math.floor((fired?.eventTime?.nanos ?? 0) / 1e6);
}

describe('a legal deadline in a process', () => {
  let stack: TimeSkippingStack;
  beforeAll(async () => {
    stack = await startTimeSkippingStack();
    await deploy(stack, petitionModel);
  });
  afterAll(() => stack.stop());

  it('sets the due date and escalates at Monday 10:00 for a Friday 16:00 receipt with 3 working hours', async () => {
    const mondayTen = kst('2027-12-13T10:00:00');
    const { instanceId, handle, result } = await start(stack, 'petition-3h', {
      receivedAt: '2027-12-10T16:00:00+09:00',
    });
    const task = await openTask(stack, instanceId, 'answer');
    expect(task.dueAt?.getTime()).toBe(mondayTen);

    await stack.skipTo(mondayTen - 60_000);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    await stack.skipTo(mondayTen + 60_000);

    await expect(result()).resolves.toMatchObject({ endElementId: 'escalated' });
    const firedAt = await timerFiredAt(stack, instanceId);
    expect(Math.abs((firedAt ?? 0) - mondayTen)).toBeLessThan(1000);
    await recordHistory(stack.temporal, instanceId, 'legal-deadline-escalation');
  });

  it('moves the due date and the timer when an administrator declares the Monday a holiday meanwhile', async () => {
    const [mondayTen, tuesdayTen] = [kst('2027-12-20T10:00:00'), kst('2027-12-21T10:00:00')];
    const { instanceId, handle, result } = await start(stack, 'petition-3h', {
      receivedAt: '2027-12-17T16:00:00+09:00',
    });
    const task = await openTask(stack, instanceId, 'answer');
    expect(task.dueAt?.getTime()).toBe(mondayTen);

    const admin = await stack.login('admin');
    await request(stack.app)
      .post('/api/calendar/holidays')
      .set({ Authorization: `Bearer ${admin}` })
      .send({ date: '2027-12-20', name: '임시공휴일' })
      .expect(201);

    await eventually(
      () =>
        stack.prisma.userTask
          .findUniqueOrThrow({ where: { id: task.id } })
          .then((row) => (row.dueAt?.getTime() === tuesdayTen ? row : undefined)),
      { what: 'the due date to move to Tuesday 10:00' },
    );
    await stack.skipTo(mondayTen + 3_600_000);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    await stack.skipTo(tuesdayTen + 60_000);
    await expect(result()).resolves.toMatchObject({ endElementId: 'escalated' });
    expect(Math.abs(((await timerFiredAt(stack, instanceId)) ?? 0) - tuesdayTen)).toBeLessThan(1000);

    const moves = await stack.prisma.auditLog.findMany({
      where: { objectType: 'ProcessInstance', objectId: instanceId, action: 'deadline.moved' },
    });
    expect(moves.map((move) => move.details)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ elementId: 'answer', what: 'due date', to: '2027-12-21T10:00:00+09:00' }),
        expect.objectContaining({ elementId: 'overdue', what: 'timer', to: new Date(tuesdayTen).toISOString() }),
      ]),
    );
  });
});
