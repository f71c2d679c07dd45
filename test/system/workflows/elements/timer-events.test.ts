/**
 * Timer boundary and intermediate catch events on the time-skipping test server: hours pass in milliseconds.
 */
import { variablesQuery } from '../../../../shared/workflow-contract';
import { bpmn, flow, timer } from '../../../support/bpmn';
import { recordHistory } from '../../../support/histories';
import { deploy, openTask, start } from '../../../support/instances';
import { startTimeSkippingStack, type TimeSkippingStack } from '../../../support/time-skipping';
import { eventually } from '../../../support/wait';

jest.setTimeout(120_000);

const reviewTask = `<bpmn:userTask id="review" name="Review"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="civil-affairs" /></bpmn:extensionElements></bpmn:userTask>`;
const appendScript = (id: string, item: string) =>
  `<bpmn:scriptTask id="${id}"><bpmn:extensionElements><zeebe:script expression="=append(log, &#34;${item}&#34;)" resultVariable="log" /></bpmn:extensionElements></bpmn:scriptTask>`;

describe('timer events', () => {
  let stack: TimeSkippingStack;
  beforeAll(async () => {
    stack = await startTimeSkippingStack();
  });
  afterAll(() => stack.stop());

  it('a non-interrupting cycle timer on an open user task fires twice in two and a half hours, and the task stays open', async () => {
    // given a review with an hourly reminder
    await deploy(
      stack,
      bpmn(
        `<bpmn:startEvent id="start" />${flow('f1', 'start', 'review')}${reviewTask}${flow('f2', 'review', 'done')}<bpmn:endEvent id="done" />
         <bpmn:boundaryEvent id="hourly" attachedToRef="review" cancelActivity="false">${timer('timeCycle', 'R/PT1H')}</bpmn:boundaryEvent>
         ${flow('f3', 'hourly', 'remind')}${appendScript('remind', 'reminder')}${flow('f4', 'remind', 'reminded')}<bpmn:endEvent id="reminded" />`,
        'hourly-reminder',
      ),
    );
    const { instanceId, handle, result } = await start(stack, 'hourly-reminder', { log: [] });
    const task = await openTask(stack, instanceId, 'review');

    // when two and a half hours pass
    await stack.skip('150 minutes');

    // then the reminder path ran twice and the task is still open
    await eventually(async () => ((await handle.query(variablesQuery)).log as string[]).length === 2 || undefined, {
      what: 'two reminders',
    });
    expect((await stack.prisma.userTask.findUniqueOrThrow({ where: { id: task.id } })).state).toBe('CREATED');

    // and completing the task ends the cycle and the instance
    await handle.executeUpdate('completeTask', { args: [{ taskId: task.id, variables: {}, completedBy: 'clerk1' }] });
    const outcome = await result();
    expect(outcome).toMatchObject({ endElementId: 'done', variables: { log: ['reminder', 'reminder'] } });
    await recordHistory(stack.temporal, instanceId, 'timer-non-interrupting-cycle');
  });

  it('an interrupting duration timer cancels the open task and takes the escalation path', async () => {
    await deploy(
      stack,
      bpmn(
        `<bpmn:startEvent id="start" />${flow('f1', 'start', 'review')}${reviewTask}${flow('f2', 'review', 'done')}<bpmn:endEvent id="done" />
         <bpmn:boundaryEvent id="deadline" attachedToRef="review">${timer('timeDuration', '=&#34;PT&#34; + string(hours) + &#34;H&#34;')}</bpmn:boundaryEvent>
         ${flow('f3', 'deadline', 'escalated')}<bpmn:endEvent id="escalated" />`,
        'review-deadline',
      ),
    );
    const { instanceId, handle, result } = await start(stack, 'review-deadline', { hours: 48 });
    const task = await openTask(stack, instanceId, 'review');

    await stack.skip('47 hours');
    expect((await handle.describe()).status.name).toBe('RUNNING');
    await stack.skip('2 hours');

    await expect(result()).resolves.toMatchObject({ endElementId: 'escalated' });
    expect((await stack.prisma.userTask.findUniqueOrThrow({ where: { id: task.id } })).state).toBe('CANCELED');
    await expect(
      handle.executeUpdate('completeTask', { args: [{ taskId: task.id, variables: {}, completedBy: 'clerk1' }] }),
    ).rejects.toThrow();
    await recordHistory(stack.temporal, instanceId, 'timer-interrupting-duration');
  });

  it('a task completed before its deadline leaves the normal way, and the timer never fires', async () => {
    const { instanceId, handle, result } = await start(stack, 'review-deadline', { hours: 2 });
    const task = await openTask(stack, instanceId, 'review');
    await handle.executeUpdate('completeTask', {
      args: [{ taskId: task.id, variables: { ok: true }, completedBy: 'clerk1' }],
    });
    await expect(result()).resolves.toMatchObject({ endElementId: 'done', variables: { ok: true } });
    const history = await handle.fetchHistory();
    expect(history.events?.some((event) => event.timerFiredEventAttributes)).toBe(false);
  });

  it('an intermediate timer catch event waits until the date its FEEL expression yields', async () => {
    await deploy(
      stack,
      bpmn(
        `<bpmn:startEvent id="start" />${flow('f1', 'start', 'wait')}
         <bpmn:intermediateCatchEvent id="wait">${timer('timeDate', '=now() + duration(&#34;P3D&#34;)')}</bpmn:intermediateCatchEvent>
         ${flow('f2', 'wait', 'end')}<bpmn:endEvent id="end" />`,
        'wait-until',
      ),
    );
    // now() is the workflow's clock, which is the test server's (already skipped ahead by the tests above)
    const { handle, result } = await start(stack, 'wait-until');
    await stack.skip('2 days');
    expect((await handle.describe()).status.name).toBe('RUNNING');
    await stack.skip('2 days');
    await expect(result()).resolves.toMatchObject({ endElementId: 'end' });
  });
});
