/**
 * Conformance: signal, conditional, link, escalation and terminate events on the real stack. The path taken, the
 * variables, the element history states and the task rows are what a user sees.
 */
import { variablesQuery } from '../../shared/workflow-contract';
import { signal, subscribed } from '../support/correlation';
import { completedPath, countIn, elementHistory } from '../support/element-history';
import { recordHistory } from '../support/histories';
import { completeTask, deployModel, openTask, start } from '../support/instances';
import { startTestStack, type TestStack } from '../support/stack';
import { eventually } from '../support/wait';

const MODELS = [
  'signal-catch',
  'signal-throw',
  'signal-boundary',
  'signal-start',
  'conditional-catch',
  'conditional-boundary-interrupting',
  'conditional-boundary-non-interrupting',
  'link-jump',
  'escalation-throw-non-interrupting',
  'escalation-end-interrupting',
  'escalation-uncaught',
  'terminate-parallel',
];

describe('events', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
    for (const name of MODELS) await deployModel(stack, name);
  });
  afterAll(() => stack.stop());

  const stateOf = async (instanceId: string, elementId: string) =>
    (await elementHistory(stack, instanceId)).find((row) => row.elementId === elementId)?.state;
  const taskState = async (taskId: string) =>
    (await stack.prisma.userTask.findUniqueOrThrow({ where: { id: taskId } })).state;

  describe('signals', () => {
    it('an intermediate catch event continues when the signal is broadcast, with its variables', async () => {
      const { instanceId, result } = await start(stack, 'signal-catch');
      await subscribed(stack, instanceId, 'storm-warning');
      const broadcast = await signal(stack, 'storm-warning', { level: 'orange' });
      expect(broadcast.deliveredInstanceIds).toEqual([instanceId]);
      const { endElementId, variables } = await result();
      expect(endElementId).toBe('sheltered');
      expect(variables.level).toBe('orange');
      expect(await completedPath(stack, instanceId)).toEqual(['start', 'storm-warning', 'sheltered']);
      await recordHistory(stack.temporal, instanceId, 'conformance-signal-catch');
    });

    it('a signal throw event in one instance reaches the waiting instances of another process', async () => {
      const waiters = [await start(stack, 'signal-catch'), await start(stack, 'signal-catch')];
      for (const waiter of waiters) await subscribed(stack, waiter.instanceId, 'storm-warning');
      // when an instance of the other process throws the signal
      const thrower = await start(stack, 'signal-throw', { name: 'Hinnamnor' });
      expect((await thrower.result()).endElementId).toBe('warned');
      await recordHistory(stack.temporal, thrower.instanceId, 'conformance-signal-throw-with-variables');
      expect(await completedPath(stack, thrower.instanceId)).toEqual(['start', 'warn', 'warned']);
      // then every waiting instance continues, with the variables the throw event's input mapping gave the signal
      for (const waiter of waiters) {
        const outcome = await waiter.result();
        expect(outcome.endElementId).toBe('sheltered');
        expect(outcome.variables).toMatchObject({ warning: 'typhoon Hinnamnor' });
        expect(await stateOf(waiter.instanceId, 'storm-warning')).toBe('COMPLETED');
      }
    });

    it('an interrupting signal boundary event cancels the open user task', async () => {
      const { instanceId, result } = await start(stack, 'signal-boundary');
      const task = await openTask(stack, instanceId, 'review');
      await subscribed(stack, instanceId, 'system-shutdown');
      await signal(stack, 'system-shutdown', { until: 'Monday' });
      const { endElementId, variables } = await result();
      expect(endElementId).toBe('suspended');
      expect(variables.until).toBe('Monday');
      expect(await taskState(task.id)).toBe('CANCELED');
      expect(await stateOf(instanceId, 'review')).toBe('TERMINATED');
      expect(await completedPath(stack, instanceId)).toEqual(['start', 'shutdown', 'suspended']);
    });

    it('a signal start event: each broadcast starts a new instance with the signal variables', async () => {
      const first = await signal(stack, 'census-day', { district: 'Jongno' });
      const second = await signal(stack, 'census-day', { district: 'Mapo' });
      expect(first.startedInstanceIds).toHaveLength(1);
      expect(second.startedInstanceIds).toHaveLength(1);
      expect(second.startedInstanceIds[0]).not.toBe(first.startedInstanceIds[0]);
      const outcome = (await stack.temporal.workflow.getHandle(second.startedInstanceIds[0] as string).result()) as {
        endElementId: string;
        variables: Record<string, unknown>;
      };
      expect(outcome).toMatchObject({
        endElementId: 'counted',
        variables: { district: 'Mapo', status: 'Mapo counted' },
      });
      expect(await completedPath(stack, second.startedInstanceIds[0] as string)).toEqual([
        'census',
        'count',
        'counted',
      ]);
    });
  });

  describe('conditional events', () => {
    it('an intermediate catch waits until a parallel branch makes its condition true', async () => {
      const { instanceId, handle, result } = await start(stack, 'conditional-catch', { ready: false, log: [] });
      await openTask(stack, instanceId, 'prepare');
      // while the preparation is open the condition is false: nothing after the catch ran
      expect((await handle.query(variablesQuery)).log).toEqual([]);
      // when the preparation is completed and the script after it sets ready
      await completeTask(stack, instanceId, 'prepare');
      const { endElementId, variables } = await result();
      expect(endElementId).toBe('done');
      expect(variables).toMatchObject({ ready: true, log: ['notified'] });
      const completed = await completedPath(stack, instanceId);
      expect(completed).toEqual(
        expect.arrayContaining(['prepare', 'mark-ready', 'wait-ready', 'notify', 'join', 'done']),
      );
      expect(await countIn(stack, instanceId, 'COMPLETED')).toMatchObject({ 'wait-ready': 1, notify: 1, done: 1 });
      expect(await countIn(stack, instanceId, 'ACTIVE')).toEqual({});
    });

    it('an interrupting conditional boundary event cancels its user task when a parallel branch changes a variable', async () => {
      const { instanceId, result } = await start(stack, 'conditional-boundary-interrupting', { withdrawn: false });
      const review = await openTask(stack, instanceId, 'review');
      await completeTask(stack, instanceId, 'withdraw');
      await result();
      expect(await taskState(review.id)).toBe('CANCELED');
      expect(await stateOf(instanceId, 'review')).toBe('TERMINATED');
      const completed = await completedPath(stack, instanceId);
      expect(completed).toEqual(
        expect.arrayContaining(['withdraw', 'mark-withdrawn', 'withdraw-done', 'on-withdrawn', 'review-withdrawn']),
      );
      expect(completed).not.toContain('reviewed');
    });

    it('a non-interrupting conditional boundary event runs its path once the condition becomes true, and the task stays open', async () => {
      const { instanceId, handle, result } = await start(stack, 'conditional-boundary-non-interrupting', {
        priority: 1,
        log: [],
      });
      const review = await openTask(stack, instanceId, 'review');
      await completeTask(stack, instanceId, 'raise');
      await eventually(
        async () => ((await handle.query(variablesQuery)).log as string[]).includes('head-notified') || undefined,
        { what: 'the head notified' },
      );
      expect(await taskState(review.id)).toBe('CREATED');
      await completeTask(stack, instanceId, 'review');
      const { variables } = await result();
      expect(variables).toMatchObject({ priority: 9, log: ['head-notified'] });
      expect(await countIn(stack, instanceId, 'COMPLETED')).toMatchObject({
        review: 1,
        'on-urgent': 1,
        'notify-head': 1,
        reviewed: 1,
        raised: 1,
      });
    });
  });

  it('a link throw event jumps to its link catch event; both show as completed', async () => {
    const { instanceId, result } = await start(stack, 'link-jump', { log: [] });
    const { endElementId, variables } = await result();
    expect(endElementId).toBe('done');
    expect(variables.log).toEqual(['checked', 'filed']);
    expect(await completedPath(stack, instanceId)).toEqual([
      'start',
      'check',
      'go-to-archive',
      'archive',
      'file',
      'done',
    ]);
    const history = await elementHistory(stack, instanceId);
    expect(history.find((row) => row.elementId === 'go-to-archive')).toMatchObject({
      elementType: 'intermediateThrowEvent',
      state: 'COMPLETED',
    });
    expect(history.find((row) => row.elementId === 'archive')).toMatchObject({
      elementType: 'intermediateCatchEvent',
      state: 'COMPLETED',
    });
    await recordHistory(stack.temporal, instanceId, 'conformance-link-jump');
  });

  describe('escalations', () => {
    it('an escalation thrown inside a sub-process is caught by a non-interrupting boundary: both paths run', async () => {
      const { instanceId, result } = await start(stack, 'escalation-throw-non-interrupting', { log: [] });
      const { endElementId, variables } = await result();
      expect(['done', 'notified']).toContain(endElementId);
      expect([...(variables.log as string[])].sort()).toEqual(['finished', 'notified']);
      expect(await countIn(stack, instanceId, 'COMPLETED')).toMatchObject({
        handle: 1,
        'report-late': 1,
        finish: 1,
        'handle-end': 1,
        done: 1,
        'on-late': 1,
        notify: 1,
        notified: 1,
      });
      expect(await countIn(stack, instanceId, 'TERMINATED')).toEqual({});
      await recordHistory(stack.temporal, instanceId, 'conformance-escalation-non-interrupting');
    });

    it('an escalation end event is caught by an interrupting boundary: the sub-process ends and the token leaves by the boundary', async () => {
      const { instanceId, result } = await start(stack, 'escalation-end-interrupting', { log: [] });
      const { endElementId, variables } = await result();
      expect(endElementId).toBe('escalated');
      expect(variables.log).toEqual(['assessed']);
      expect(await stateOf(instanceId, 'handle')).toBe('TERMINATED');
      expect(await stateOf(instanceId, 'hand-over')).toBe('COMPLETED');
      expect(await completedPath(stack, instanceId)).toEqual([
        'start',
        'handle-start',
        'assess',
        'hand-over',
        'on-beyond-authority',
        'escalated',
      ]);
    });

    it('an escalation nobody catches changes nothing', async () => {
      const { instanceId, result } = await start(stack, 'escalation-uncaught', { log: [] });
      const { endElementId, variables } = await result();
      expect(endElementId).toBe('done');
      expect(variables.log).toEqual(['carried-on']);
      expect(await completedPath(stack, instanceId)).toEqual(['start', 'report-late', 'carry-on', 'done']);
      expect(await stack.prisma.incident.count({ where: { processInstanceId: instanceId } })).toBe(0);
    });
  });

  it('a terminate end event on one parallel branch ends the instance and withdraws the other branch’s task', async () => {
    const { instanceId, result } = await start(stack, 'terminate-parallel');
    const review = await openTask(stack, instanceId, 'review');
    await completeTask(stack, instanceId, 'withdraw', { reason: 'duplicate application' });
    const { endElementId, variables } = await result();
    expect(endElementId).toBe('terminated');
    expect(variables.reason).toBe('duplicate application');
    expect(await taskState(review.id)).toBe('CANCELED');
    expect(await stateOf(instanceId, 'review')).toBe('TERMINATED');
    expect(await stateOf(instanceId, 'terminated')).toBe('COMPLETED');
    expect((await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } })).state).toBe(
      'COMPLETED',
    );
    await recordHistory(stack.temporal, instanceId, 'conformance-terminate-parallel');
  });
});
