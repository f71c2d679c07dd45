/**
 * Containers: embedded sub-processes (variable scoping) and event sub-processes (interrupting timer and signal
 * starts, non-interrupting message and escalation starts). Error start event sub-processes are in errors.test.ts.
 */
import { variablesQuery } from '../../shared/workflow-contract';
import { publish, signal, subscribed } from '../support/correlation';
import { completedPath, elementHistory } from '../support/element-history';
import { recordHistory } from '../support/histories';
import { completeTask, deployModel, openTask, start } from '../support/instances';
import { startTestStack, type TestStack } from '../support/stack';
import { startTimeSkippingStack, type TimeSkippingStack } from '../support/time-skipping';
import { eventually } from '../support/wait';

jest.setTimeout(120_000);

describe('embedded sub-process', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
    await deployModel(stack, 'sub-process-variable-scoping');
  });
  afterAll(() => stack.stop());

  it('keeps input mappings local, lets variables set inside reach the process, and writes its output mappings out', async () => {
    // given a fee of 1000
    const { instanceId, result } = await start(stack, 'sub-process-variable-scoping', { fee: 1000 });
    const { endElementId, variables } = await result();
    expect(endElementId).toBe('end');
    // then the total computed inside (fee + the local tax) reached the process, the output mapping wrote taxPaid,
    // and the tax itself stayed inside the sub-process
    expect(variables).toEqual({ fee: 1000, total: 1100, taxPaid: 100, taxScope: 'local' });
    expect(await completedPath(stack, instanceId)).toEqual([
      'start',
      'assess',
      'assess-start',
      'total',
      'assess-end',
      'check-scope',
      'end',
    ]);
    const history = await elementHistory(stack, instanceId);
    const assess = history.find((row) => row.elementId === 'assess');
    expect(history.find((row) => row.elementId === 'total')?.scopeInstanceId).toBe(assess?.elementInstanceId);
    await recordHistory(stack.temporal, instanceId, 'conformance-sub-process-variable-scoping');
  });
});

describe('event sub-processes', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
    for (const name of [
      'event-sub-process-message-non-interrupting',
      'event-sub-process-signal-interrupting',
      'event-sub-process-escalation',
    ])
      await deployModel(stack, name);
  });
  afterAll(() => stack.stop());

  it('a non-interrupting message start runs beside the main path, and both complete', async () => {
    // given an application under review
    const { instanceId, handle, result } = await start(stack, 'event-sub-process-message-non-interrupting', {
      caseId: 'C-17',
      notes: [],
    });
    const task = await openTask(stack, instanceId, 'review');
    await subscribed(stack, instanceId, 'supplement-received');

    // when a supplement arrives for the case
    await publish(stack, 'supplement-received', 'C-17', { note: 'floor plan' });

    // then it is recorded while the review stays open
    await eventually(async () => ((await handle.query(variablesQuery)).notes as string[]).length === 1 || undefined, {
      what: 'the note recorded',
    });
    expect((await stack.prisma.userTask.findUniqueOrThrow({ where: { id: task.id } })).state).toBe('CREATED');

    // and the review then completes the instance normally
    await completeTask(stack, instanceId, 'review', { approved: true });
    const { endElementId, variables } = await result();
    expect(endElementId).toBe('reviewed');
    expect(variables).toMatchObject({ notes: ['floor plan'], approved: true, note: 'floor plan' });
    const path = await completedPath(stack, instanceId);
    expect(path).toEqual(
      expect.arrayContaining([
        'on-supplement',
        'supplement-received',
        'record-note',
        'note-recorded',
        'review',
        'reviewed',
      ]),
    );
    // the review started first and was still open when the note was recorded
    expect(path.indexOf('review')).toBeLessThan(path.indexOf('record-note'));
    await recordHistory(stack.temporal, instanceId, 'conformance-event-sub-process-message-non-interrupting');
  });
  it('an interrupting signal start withdraws the open review and runs the handler to the end of the instance', async () => {
    // given a review waiting for a person
    const { instanceId, result } = await start(stack, 'event-sub-process-signal-interrupting', { reason: 'typhoon' });
    const task = await openTask(stack, instanceId, 'review');
    await subscribed(stack, instanceId, 'office-closed');

    // when the office-closed signal is broadcast
    await signal(stack, 'office-closed');

    // then the review leaves the queue and the handler closes the case
    const { endElementId, variables } = await result();
    expect(endElementId).toBe('case-closed');
    expect(variables).toMatchObject({ outcome: 'closed: typhoon' });
    expect((await stack.prisma.userTask.findUniqueOrThrow({ where: { id: task.id } })).state).toBe('CANCELED');
    const history = await elementHistory(stack, instanceId);
    expect(history.find((row) => row.elementId === 'review')?.state).toBe('TERMINATED');
    expect(await completedPath(stack, instanceId)).toEqual([
      'start',
      'on-closure',
      'closure-signal',
      'close-case',
      'case-closed',
    ]);
  });

  it('an escalation thrown inside a sub-process starts the non-interrupting escalation event sub-process, and the sub-process goes on', async () => {
    const { instanceId, result } = await start(stack, 'event-sub-process-escalation', {});
    const { endElementId, variables } = await result();
    expect(endElementId).toBe('end');
    expect(variables).toMatchObject({ draft: 'draft ready', managerNotified: true });
    const completed = await completedPath(stack, instanceId);
    expect(completed).toEqual(
      expect.arrayContaining(['running-late', 'draft', 'prepare', 'on-late', 'notify-manager', 'late-end', 'end']),
    );
    // the handler ran in the process scope, beside the sub-process
    const history = await elementHistory(stack, instanceId);
    expect(history.find((row) => row.elementId === 'on-late')?.scopeInstanceId).toBeNull();
  });
});

describe('event sub-processes on the time-skipping server', () => {
  let stack: TimeSkippingStack;
  beforeAll(async () => {
    stack = await startTimeSkippingStack();
    await deployModel(stack, 'event-sub-process-timer-interrupting');
  });
  afterAll(() => stack.stop());

  it('an interrupting timer start cancels the waiting review and runs the handler', async () => {
    // given an application waiting for review
    const { instanceId, result } = await start(stack, 'event-sub-process-timer-interrupting', {});
    const task = await openTask(stack, instanceId, 'review');

    // when 72 hours pass without an answer
    await stack.skip('73 hours');

    // then the review is withdrawn and the handler rejects the application
    const { variables } = await result();
    expect(variables).toEqual({ outcome: 'rejected: no answer within 72 hours' });
    expect((await stack.prisma.userTask.findUniqueOrThrow({ where: { id: task.id } })).state).toBe('CANCELED');
    expect(await completedPath(stack, instanceId)).toEqual([
      'start',
      'deadline-passed',
      'deadline',
      'auto-reject',
      'auto-rejected',
    ]);
    expect((await elementHistory(stack, instanceId)).find((row) => row.elementId === 'review')?.state).toBe(
      'TERMINATED',
    );
    expect((await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } })).state).toBe(
      'COMPLETED',
    );
    await recordHistory(stack.temporal, instanceId, 'conformance-event-sub-process-timer-interrupting');
  });

  it("the instance ended by the handler reports the handler's end event as its end", async () => {
    const { instanceId, result } = await start(stack, 'event-sub-process-timer-interrupting', {});
    await openTask(stack, instanceId, 'review');
    await stack.skip('73 hours');
    expect((await result()).endElementId).toBe('auto-rejected');
    expect((await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } })).endElementId).toBe(
      'auto-rejected',
    );
  });
});
