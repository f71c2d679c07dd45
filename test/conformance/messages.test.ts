/**
 * Conformance: messages on the real stack. Catch events, receive tasks, boundary events and start events
 * correlated by name and FEEL correlation key; buffered messages (time to live) published before the instance
 * gets there; an event-based gateway where the message wins the race.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { variablesQuery } from '../../shared/workflow-contract';
import { publish, subscribed } from '../support/correlation';
import { completedPath, countIn, elementHistory } from '../support/element-history';
import { recordHistory } from '../support/histories';
import { completeTask, deployModel, openTask, start } from '../support/instances';
import { startTestStack, type TestStack } from '../support/stack';
import { eventually } from '../support/wait';

const MODELS = [
  'event-gateway-message-or-timer',
  'message-catch-correlation',
  'receive-task-output',
  'message-boundary-interrupting',
  'message-boundary-non-interrupting',
  'message-start',
  'message-start-case',
];

describe('messages', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
    for (const name of MODELS) await deployModel(stack, name);
  });
  afterAll(() => stack.stop());

  /** Gives a delivery that should not happen the time to happen, then checks the instance still waits. */
  async function stillRunning(instanceId: string): Promise<void> {
    await sleep(500);
    expect((await stack.temporal.workflow.getHandle(instanceId).describe()).status.name).toBe('RUNNING');
  }

  const subscriptions = (instanceId: string) =>
    stack.prisma.eventSubscription.findMany({ where: { processInstanceId: instanceId } });

  describe('event-based gateway', () => {
    it('the message arrives before the timer: the message path is taken, with its variables, and the timer never fires', async () => {
      const { instanceId, handle, result } = await start(stack, 'event-gateway-message-or-timer', {
        orderId: 'order-1',
      });
      await subscribed(stack, instanceId, 'payment-received');
      // when the payment is reported
      const published = await publish(stack, 'payment-received', 'order-1', { amount: 12000, paidBy: 'card' });
      expect(published.correlatedInstanceIds).toEqual([instanceId]);
      // then the token took the message path
      const { endElementId, variables } = await result();
      expect(endElementId).toBe('paid');
      expect(variables).toMatchObject({ orderId: 'order-1', amount: 12000, paidBy: 'card' });
      expect(await completedPath(stack, instanceId)).toEqual(['start', 'wait-for-payment', 'payment-received', 'paid']);
      expect((await elementHistory(stack, instanceId)).some((row) => row.elementId === 'payment-timeout')).toBe(false);
      const history = await handle.fetchHistory();
      expect(history.events?.some((event) => event.timerFiredEventAttributes)).toBe(false);
      expect(await subscriptions(instanceId)).toEqual([]);
      await recordHistory(stack.temporal, instanceId, 'conformance-event-gateway-message-first');
    });
  });

  describe('message intermediate catch event', () => {
    it('a message with another correlation key does not match; the right key continues with its variables', async () => {
      const { instanceId, result } = await start(stack, 'message-catch-correlation', { orderId: 'A-100' });
      await completeTask(stack, instanceId, 'prepare');
      await subscribed(stack, instanceId, 'document-received');
      // when a document for another order arrives
      const other = await publish(stack, 'document-received', 'A-999', { document: 'wrong.pdf' });
      // then nothing is correlated and the instance keeps waiting
      expect(other.correlatedInstanceIds).toEqual([]);
      await stillRunning(instanceId);
      // when the document for this order arrives
      const right = await publish(stack, 'document-received', 'A-100', { document: 'deed.pdf' });
      expect(right.correlatedInstanceIds).toEqual([instanceId]);
      const { endElementId, variables } = await result();
      expect(endElementId).toBe('done');
      expect(variables).toMatchObject({ orderId: 'A-100', document: 'deed.pdf' });
      expect(await completedPath(stack, instanceId)).toEqual(['start', 'prepare', 'document-received', 'done']);
      expect(await subscriptions(instanceId)).toEqual([]);
      await recordHistory(stack.temporal, instanceId, 'conformance-message-catch-correlation');
    });

    it('a message published with a time to live before the instance reaches the catch is correlated when it gets there', async () => {
      const { instanceId, result } = await start(stack, 'message-catch-correlation', { orderId: 'B-200' });
      await openTask(stack, instanceId, 'prepare');
      // given the document arrives while the instance is still at the preparation task
      const early = await publish(stack, 'document-received', 'B-200', { document: 'early.pdf' }, 60_000);
      expect(early.buffered).toBe(true);
      expect(early.correlatedInstanceIds).toEqual([]);
      // when the preparation is done
      await completeTask(stack, instanceId, 'prepare');
      // then the catch takes the buffered message at once
      const { endElementId, variables } = await result();
      expect(endElementId).toBe('done');
      expect(variables.document).toBe('early.pdf');
    });

    it('a message published without a time to live before the instance reaches the catch is lost', async () => {
      const { instanceId, result } = await start(stack, 'message-catch-correlation', { orderId: 'C-300' });
      await openTask(stack, instanceId, 'prepare');
      const early = await publish(stack, 'document-received', 'C-300', { document: 'early.pdf' });
      expect(early.buffered).toBe(false);
      await completeTask(stack, instanceId, 'prepare');
      await subscribed(stack, instanceId, 'document-received');
      await stillRunning(instanceId);
      // only a message published now reaches it
      await publish(stack, 'document-received', 'C-300', { document: 'late.pdf' });
      expect((await result()).variables.document).toBe('late.pdf');
    });
    it('a numeric correlation key matches the message published with its text', async () => {
      const { instanceId, result } = await start(stack, 'message-catch-correlation', { orderId: 4711 });
      await completeTask(stack, instanceId, 'prepare');
      await subscribed(stack, instanceId, 'document-received');
      expect(
        (await publish(stack, 'document-received', '4711', { document: 'numbered.pdf' })).correlatedInstanceIds,
      ).toEqual([instanceId]);
      expect((await result()).variables).toMatchObject({ orderId: 4711, document: 'numbered.pdf' });
    });
  });

  describe('receive task', () => {
    it('takes a buffered message when it starts, and its output mapping keeps only what it names', async () => {
      const { instanceId, result } = await start(stack, 'receive-task-output', { caseId: 'case-7' });
      await openTask(stack, instanceId, 'prepare');
      await publish(
        stack,
        'reply-received',
        'case-7',
        { text: 'approved by the district office', internalRef: 'X-1' },
        60_000,
      );
      await completeTask(stack, instanceId, 'prepare');
      const { endElementId, variables } = await result();
      expect(endElementId).toBe('done');
      expect(variables.replyText).toBe('approved by the district office');
      expect(variables).not.toHaveProperty('internalRef');
      expect(variables).not.toHaveProperty('text');
      expect(await completedPath(stack, instanceId)).toEqual(['start', 'prepare', 'await-reply', 'done']);
      expect(
        (await elementHistory(stack, instanceId)).find((row) => row.elementId === 'await-reply')?.elementType,
      ).toBe('receiveTask');
    });

    it('waits for the message with its correlation key; another key does not match', async () => {
      const { instanceId, result } = await start(stack, 'receive-task-output', { caseId: 'case-8' });
      await completeTask(stack, instanceId, 'prepare');
      await subscribed(stack, instanceId, 'reply-received');
      expect((await publish(stack, 'reply-received', 'case-80', { text: 'not yours' })).correlatedInstanceIds).toEqual(
        [],
      );
      await stillRunning(instanceId);
      await publish(stack, 'reply-received', 'case-8', { text: 'yours' });
      expect((await result()).variables.replyText).toBe('yours');
    });
  });

  describe('message boundary events on a user task', () => {
    it('interrupting: the message cancels the open task and the token leaves by the boundary', async () => {
      const { instanceId, result } = await start(stack, 'message-boundary-interrupting', { applicationId: 'app-1' });
      const task = await openTask(stack, instanceId, 'review');
      await subscribed(stack, instanceId, 'application-withdrawn');
      await publish(stack, 'application-withdrawn', 'app-1', { reason: 'moved abroad' });
      const { endElementId, variables } = await result();
      expect(endElementId).toBe('withdrawn-end');
      expect(variables.reason).toBe('moved abroad');
      expect((await stack.prisma.userTask.findUniqueOrThrow({ where: { id: task.id } })).state).toBe('CANCELED');
      const history = await elementHistory(stack, instanceId);
      expect(history.find((row) => row.elementId === 'review')?.state).toBe('TERMINATED');
      expect(await completedPath(stack, instanceId)).toEqual(['start', 'withdrawn', 'withdrawn-end']);
    });

    it('non-interrupting: each message runs the boundary path while the task stays open', async () => {
      const { instanceId, handle, result } = await start(stack, 'message-boundary-non-interrupting', {
        applicationId: 'app-2',
        log: [],
      });
      const task = await openTask(stack, instanceId, 'review');
      await subscribed(stack, instanceId, 'document-added');
      await publish(stack, 'document-added', 'app-2', { document: 'floor-plan.pdf' });
      // the boundary keeps its subscription: a second document is noted too
      await eventually(async () => ((await handle.query(variablesQuery)).log as string[]).length === 1 || undefined);
      await subscribed(stack, instanceId, 'document-added');
      await publish(stack, 'document-added', 'app-2', { document: 'photo.jpg' });
      await eventually(async () => ((await handle.query(variablesQuery)).log as string[]).length === 2 || undefined);
      expect((await stack.prisma.userTask.findUniqueOrThrow({ where: { id: task.id } })).state).toBe('CREATED');
      // completing the task ends the instance the normal way
      await completeTask(stack, instanceId, 'review', { decision: 'approved' });
      const { endElementId, variables } = await result();
      expect(endElementId).toBe('reviewed');
      expect(variables).toMatchObject({ log: ['floor-plan.pdf', 'photo.jpg'], decision: 'approved' });
      expect(await countIn(stack, instanceId, 'COMPLETED')).toMatchObject({
        review: 1,
        'document-added': 2,
        'note-document': 2,
        noted: 2,
        reviewed: 1,
      });
      expect(await subscriptions(instanceId)).toEqual([]);
    });
  });

  describe('message start event', () => {
    it('publishing the message starts an instance at the start event with the message variables', async () => {
      const published = await publish(stack, 'application-submitted', '', { applicant: 'Kim Minji' });
      expect(published.startedInstanceIds).toHaveLength(1);
      const instanceId = published.startedInstanceIds[0] as string;
      const outcome = (await stack.temporal.workflow.getHandle(instanceId).result()) as {
        endElementId: string;
        variables: Record<string, unknown>;
      };
      expect(outcome.endElementId).toBe('registered');
      expect(outcome.variables).toMatchObject({ applicant: 'Kim Minji', registration: 'registered: Kim Minji' });
      expect(await completedPath(stack, instanceId)).toEqual(['submitted', 'register', 'registered']);
      const row = await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } });
      expect(row).toMatchObject({ bpmnProcessId: 'message-start', state: 'COMPLETED' });
    });

    it('starts one case per correlation key: the same key starts none while its case runs, and one again after it ends', async () => {
      // given a petition filed for case P-1
      const first = await publish(stack, 'petition-filed', 'P-1', { subject: 'noise' });
      expect(first.startedInstanceIds).toHaveLength(1);
      const caseId = first.startedInstanceIds[0] as string;
      expect(await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({
        businessKey: 'P-1',
        state: 'ACTIVE',
      });

      // when it is filed again while the case runs, and another case is filed
      const again = await publish(stack, 'petition-filed', 'P-1', { subject: 'noise, again' });
      const other = await publish(stack, 'petition-filed', 'P-2', { subject: 'parking' });

      // then the repeat starts nothing and the other case starts its own instance
      expect(again.startedInstanceIds).toEqual([]);
      expect(other.startedInstanceIds).toHaveLength(1);
      expect(
        await stack.prisma.processInstance.count({
          where: { bpmnProcessId: 'message-start-case', businessKey: 'P-1' },
        }),
      ).toBe(1);

      // and once the first case has ended, the key starts a new case
      await completeTask(stack, caseId, 'handle');
      await stack.temporal.workflow.getHandle(caseId).result();
      const later = await publish(stack, 'petition-filed', 'P-1', { subject: 'noise, a month later' });
      expect(later.startedInstanceIds).toHaveLength(1);
      expect(later.startedInstanceIds[0]).not.toBe(caseId);
    });
  });
});
