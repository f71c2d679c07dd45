/**
 * Conformance: timers on Temporal's time-skipping test server (days pass in milliseconds): an event-based gateway
 * won by its timer, a timer start event, timer catch events with a FEEL duration and a date from a variable.
 * (test/workflows/elements/timer-events.test.ts covers timer boundaries and a FEEL now()-based date.)
 */
import { deployResource } from '../../engine/deployments';
import { timerStartWorkflowId, type ProcessResult } from '../../shared/workflow-contract';
import { modelXml } from '../support/bpmn';
import { subscribed } from '../support/correlation';
import { completedPath, elementHistory } from '../support/element-history';
import { deployModel, start } from '../support/instances';
import { startTimeSkippingStack, type TimeSkippingStack } from '../support/time-skipping';
import { eventually } from '../support/wait';

jest.setTimeout(120_000);

describe('timers', () => {
  let stack: TimeSkippingStack;
  beforeAll(async () => {
    stack = await startTimeSkippingStack();
    for (const name of ['timer-catch-date', 'timer-catch-feel-duration', 'event-gateway-message-or-timer'])
      await deployModel(stack, name);
  });
  afterAll(() => stack.stop());

  /** Skipping time before the workflow has set its timer would set it from the skipped-to clock. */
  const timerStarted = (workflowId: string) =>
    eventually(
      async () =>
        (await stack.temporal.workflow.getHandle(workflowId).fetchHistory()).events?.some(
          (event) => event.timerStartedEventAttributes,
        )
          ? true
          : undefined,
      {
        what: 'the timer to be set',
      },
    );
  const status = async (instanceId: string) =>
    (await stack.temporal.workflow.getHandle(instanceId).describe()).status.name;

  // First in the file: the test server's clock still agrees with the wall clock to within the hours skipped so far.
  it('a timer catch with a date waits until the date its variable gives', async () => {
    const deadline = new Date(Date.now() + 30 * 24 * 3600_000).toISOString();
    const { instanceId, result } = await start(stack, 'timer-catch-date', { deadline });
    await timerStarted(instanceId);
    await stack.skip('29 days');
    expect(await status(instanceId)).toBe('RUNNING');
    await stack.skip('2 days');
    expect((await result()).endElementId).toBe('done');
    expect(await completedPath(stack, instanceId)).toEqual(['start', 'until-deadline', 'done']);
  });

  it('a timer catch with a FEEL duration waits that long', async () => {
    const { instanceId, result } = await start(stack, 'timer-catch-feel-duration', { days: 3 });
    await timerStarted(instanceId);
    await stack.skip('71 hours');
    expect(await status(instanceId)).toBe('RUNNING');
    await stack.skip('2 hours');
    const { endElementId, variables } = await result();
    expect(endElementId).toBe('done');
    expect(variables.days).toBe(3);
    expect(await completedPath(stack, instanceId)).toEqual(['start', 'cooling-off', 'done']);
  });

  it('an event-based gateway without a message takes the timer path, and the message subscription is gone', async () => {
    const { instanceId, result } = await start(stack, 'event-gateway-message-or-timer', { orderId: 'order-late' });
    await subscribed(stack, instanceId, 'payment-received');
    await stack.skip('23 hours');
    expect(await status(instanceId)).toBe('RUNNING');
    await stack.skip('2 hours');
    const { endElementId } = await result();
    expect(endElementId).toBe('expired');
    expect(await completedPath(stack, instanceId)).toEqual(['start', 'wait-for-payment', 'payment-timeout', 'expired']);
    expect((await elementHistory(stack, instanceId)).some((row) => row.elementId === 'payment-received')).toBe(false);
    expect(await stack.prisma.eventSubscription.count({ where: { processInstanceId: instanceId } })).toBe(0);
  });

  it('a timer start event starts an instance at that event once its time has come', async () => {
    // given the process deployed with its timer start scheduled (one hour after the deploy)
    await deployResource(stack.deps, { xml: modelXml('timer-start'), resourceName: 'timer-start.bpmn' });
    await timerStarted(timerStartWorkflowId('timer-start', 'in-one-hour'));
    const instances = () => stack.prisma.processInstance.findMany({ where: { bpmnProcessId: 'timer-start' } });
    await stack.skip('50 minutes');
    expect(await instances()).toEqual([]);
    // when the hour has passed
    await stack.skip('15 minutes');
    // then one instance runs from the timer start event
    const [instance] = await eventually(
      async () => {
        const rows = await instances();
        return rows.length > 0 ? rows : undefined;
      },
      { what: 'an instance of timer-start' },
    );
    const outcome = (await stack.temporal.workflow.getHandle(instance!.id).result()) as ProcessResult;
    expect(outcome).toMatchObject({ endElementId: 'opened', variables: { status: 'opened' } });
    expect(await completedPath(stack, instance!.id)).toEqual(['in-one-hour', 'open-file', 'opened']);
    expect(await instances()).toHaveLength(1);
  });
});
