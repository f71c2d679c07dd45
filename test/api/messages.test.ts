/**
 * Messages and signals: POST /api/messages and /api/signals, the buffer (a message with a time to live reaches a
 * subscription opened later, once per instance, and not after it expired), deliveries to the workflows of waiting
 * instances, and instances started by message and signal start events. The activities run directly over the
 * stack's dependencies; waiting workflows sit on a task queue no worker polls (test/support/instances-without-interpreter.ts).
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createActivities } from '../../activities';
import type { MessageDelivery, ProcessInput, SignalDelivery } from '../../shared/workflow-contract';
import { oneTaskProcess, eventStartProcess, uniqueProcessId } from '../support/bpmn';
import {
  insertInstance,
  signalsReceived,
  startInput,
  terminateQuietly,
  waitingWorkflow,
} from '../support/instances-without-interpreter';
import { startTestStack, type TestStack } from '../support/stack';

interface PublishResponse {
  messageId: string;
  correlatedInstances: string[];
  startedInstances: string[];
  buffered: boolean;
}

describe('messages and signals', () => {
  let stack: TestStack;
  let analyst: string;
  let clerk: string;
  const workflows: string[] = [];
  const api = () => request(stack.app);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const activities = (now?: () => Date) => createActivities({ ...stack.deps, ...(now ? { now } : {}) });
  const waitingProcess = 'waiting';
  let elementCounter = 0;
  const subscribe = (
    instanceId: string,
    name: string,
    correlationKey: string,
    now?: () => Date,
    elementInstanceId = `catch#${++elementCounter}`,
  ) =>
    activities(now).openSubscription({
      instanceId,
      elementInstanceId,
      elementId: 'catch',
      kind: 'message',
      name,
      correlationKey,
    });

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    analyst = await stack.login('analyst1');
    clerk = await stack.login('clerk1');
    await api()
      .post('/api/deployments')
      .set(as(analyst))
      .type('application/xml')
      .send(oneTaskProcess(waitingProcess))
      .expect(201);
  });
  afterAll(async () => {
    await terminateQuietly(stack, workflows);
    await stack.stop();
  });

  it('buffers a message with a time to live: a subscription opened later gets it once per instance', async () => {
    // Given a message published with a time to live, before anyone waits for it
    const name = `payment-received-${randomUUID()}`;
    const published = await api()
      .post('/api/messages')
      .set(as(analyst))
      .send({ name, correlationKey: 'ORDER-1', variables: { amount: 30_000 }, timeToLive: 'PT1H' })
      .expect(200);
    const body = published.body as PublishResponse;
    expect(body).toEqual({
      messageId: expect.any(String),
      correlatedInstances: [],
      startedInstances: [],
      buffered: true,
    });

    // When two instances open subscriptions for that name and key
    const [first, second] = [await insertInstance(stack, waitingProcess), await insertInstance(stack, waitingProcess)];
    const delivered = await subscribe(first, name, 'ORDER-1', undefined, 'catch#1');
    const retried = await subscribe(first, name, 'ORDER-1', undefined, 'catch#1');
    const secondWait = await subscribe(first, name, 'ORDER-1', undefined, 'catch#2');
    const toSecond = await subscribe(second, name, 'ORDER-1');
    const otherKey = await subscribe(await insertInstance(stack, waitingProcess), name, 'ORDER-2');

    // Then each instance gets it exactly once (a retried open returns the same message), other keys never
    const expected: MessageDelivery = {
      messageId: body.messageId,
      name,
      correlationKey: 'ORDER-1',
      variables: { amount: 30_000 },
    };
    expect(delivered).toEqual(expected);
    expect(retried).toEqual(expected);
    expect(secondWait).toBeUndefined();
    expect(toSecond).toEqual(expected);
    expect(otherKey).toBeUndefined();
    const correlations = await stack.prisma.messageCorrelation.findMany({ where: { messageId: body.messageId } });
    expect(correlations.map((row) => row.processInstanceId).sort()).toEqual([first, second].sort());
  });

  it('does not hand out a buffered message after its time to live', async () => {
    const name = `deadline-passed-${randomUUID()}`;
    await api()
      .post('/api/messages')
      .set(as(analyst))
      .send({ name, correlationKey: 'K', timeToLive: 60_000 })
      .expect(200);
    const instanceId = await insertInstance(stack, waitingProcess);
    const twoMinutesLater = () => new Date(Date.now() + 120_000);
    expect(await subscribe(instanceId, name, 'K', twoMinutesLater)).toBeUndefined();
    expect(await stack.prisma.messageCorrelation.count({ where: { processInstanceId: instanceId } })).toBe(0);
  });

  it('does not buffer a message without a time to live: nobody waiting, nobody gets it', async () => {
    const name = `lost-${randomUUID()}`;
    const published = await api()
      .post('/api/messages')
      .set(as(analyst))
      .send({ name, correlationKey: 'K' })
      .expect(200);
    expect(published.body).toMatchObject({ correlatedInstances: [], startedInstances: [], buffered: false });
    expect(await stack.prisma.bufferedMessage.count({ where: { name } })).toBe(0);
    expect(await subscribe(await insertInstance(stack, waitingProcess), name, 'K')).toBeUndefined();
  });

  it('delivers a message to the workflow of each waiting instance once, and skips instances that have ended', async () => {
    // Given two instances waiting for the message (one with two waiting elements), and one whose workflow is gone
    const name = `document-arrived-${randomUUID()}`;
    const [waiting, twice, ended] = [
      await insertInstance(stack, waitingProcess),
      await insertInstance(stack, waitingProcess),
      await insertInstance(stack, waitingProcess),
    ];
    const handles = [await waitingWorkflow(stack, waiting), await waitingWorkflow(stack, twice)];
    workflows.push(waiting, twice);
    for (const instanceId of [waiting, twice, twice, ended])
      expect(await subscribe(instanceId, name, 'DOC-7')).toBeUndefined();

    // When the message is published
    const response = await api()
      .post('/api/messages')
      .set(as(analyst))
      .send({ name, correlationKey: 'DOC-7', variables: { pages: 3 } })
      .expect(200);

    // Then each waiting workflow got one deliverMessage signal; the ended instance is skipped and its subscription gone
    const body = response.body as PublishResponse;
    expect(body.correlatedInstances.sort()).toEqual([waiting, twice].sort());
    for (const handle of handles) {
      expect(await signalsReceived(handle)).toEqual([
        {
          name: 'deliverMessage',
          arg: { messageId: body.messageId, name, correlationKey: 'DOC-7', variables: { pages: 3 } },
        },
      ]);
    }
    expect(await stack.prisma.eventSubscription.count({ where: { processInstanceId: ended } })).toBe(0);
  });

  it('starts an instance of each process with a message start event of that name, at that start event, once per message id', async () => {
    // Given a process whose latest version starts on the message
    const processId = uniqueProcessId('on-order');
    const name = `order-placed-${randomUUID()}`;
    await api()
      .post('/api/deployments')
      .set(as(analyst))
      .type('application/xml')
      .send(eventStartProcess(processId, { message: name }))
      .expect(201);

    // When a process throws the message (the activity, retried with the same message id)
    const input = {
      messageId: randomUUID(),
      name,
      correlationKey: 'ORDER-9',
      variables: { item: 'passport' },
      timeToLiveMs: 0,
    };
    const first = await activities().publishMessage(input);
    const retried = await activities().publishMessage(input);

    // Then one instance runs, started at the message start event with the message's variables
    expect(first.startedInstanceIds).toHaveLength(1);
    expect(retried.startedInstanceIds).toEqual(first.startedInstanceIds);
    const instanceId = first.startedInstanceIds[0]!;
    workflows.push(instanceId);
    expect(await stack.prisma.processInstance.count({ where: { bpmnProcessId: processId } })).toBe(1);
    const started = await startInput<ProcessInput>(stack.temporal.workflow.getHandle(instanceId));
    expect(started).toMatchObject({
      instanceId,
      startElementId: 'on-message',
      variables: { item: 'passport' },
      definition: { processId },
    });
    expect(await stack.prisma.auditLog.count({ where: { objectType: 'Message', objectId: input.messageId } })).toBe(1);
  });

  it('broadcasts a signal to every waiting instance and starts the processes with a signal start event', async () => {
    const name = `storm-warning-${randomUUID()}`;
    const processId = uniqueProcessId('on-storm');
    await api()
      .post('/api/deployments')
      .set(as(analyst))
      .type('application/xml')
      .send(eventStartProcess(processId, { signal: name }))
      .expect(201);
    const waiting = await insertInstance(stack, waitingProcess);
    const handle = await waitingWorkflow(stack, waiting);
    workflows.push(waiting);
    await activities().openSubscription({
      instanceId: waiting,
      elementInstanceId: 'storm#1',
      elementId: 'storm',
      kind: 'signal',
      name,
    });

    const response = await api()
      .post('/api/signals')
      .set(as(analyst))
      .send({ name, variables: { level: 'red' } })
      .expect(200);

    const body = response.body as { signalId: string; deliveredInstances: string[]; startedInstances: string[] };
    expect(body.deliveredInstances).toEqual([waiting]);
    expect(body.startedInstances).toHaveLength(1);
    workflows.push(...body.startedInstances);
    const delivery: SignalDelivery = { signalId: body.signalId, name, variables: { level: 'red' } };
    expect(await signalsReceived(handle)).toEqual([{ name: 'deliverSignal', arg: delivery }]);
    const started = await startInput<ProcessInput>(stack.temporal.workflow.getHandle(body.startedInstances[0]!));
    expect(started).toMatchObject({ startElementId: 'on-signal', variables: { level: 'red' } });
  });

  it('closes a subscription: a later message no longer reaches it', async () => {
    const name = `closed-${randomUUID()}`;
    const instanceId = await insertInstance(stack, waitingProcess);
    await subscribe(instanceId, name, 'K', undefined, 'closing#1');
    await activities().closeSubscription({ instanceId, elementInstanceId: 'closing#1' });
    expect(await stack.prisma.eventSubscription.count({ where: { processInstanceId: instanceId } })).toBe(0);
    const response = await api().post('/api/messages').set(as(analyst)).send({ name, correlationKey: 'K' }).expect(200);
    expect(response.body).toMatchObject({ correlatedInstances: [] });
  });

  const badMessages: Array<{ what: string; body: unknown; field: string }> = [
    { what: 'no name', body: { correlationKey: 'K' }, field: 'name' },
    { what: 'no correlation key', body: { name: 'm' }, field: 'correlationKey' },
    {
      what: 'variables that are not an object',
      body: { name: 'm', correlationKey: 'K', variables: [1, 2] },
      field: 'variables',
    },
    {
      what: 'a time to live that is not a duration',
      body: { name: 'm', correlationKey: 'K', timeToLive: 'an hour' },
      field: 'timeToLive',
    },
    { what: 'a negative time to live', body: { name: 'm', correlationKey: 'K', timeToLive: -5 }, field: 'timeToLive' },
  ];

  it.each(badMessages)('refuses a message with $what: 400 naming $field, nothing stored', async ({ body, field }) => {
    const before = await stack.prisma.bufferedMessage.count();
    const response = await api()
      .post('/api/messages')
      .set(as(analyst))
      .send(body as object)
      .expect(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining(field) });
    expect(await stack.prisma.bufferedMessage.count()).toBe(before);
  });

  it('refuses a signal without a name with 400 naming the field', async () => {
    const response = await api().post('/api/signals').set(as(analyst)).send({ variables: {} }).expect(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('name') });
  });

  it('lets civil servants neither publish messages nor broadcast signals (403), buffering nothing', async () => {
    const name = `not-yours-${randomUUID()}`;
    const message = await api()
      .post('/api/messages')
      .set(as(clerk))
      .send({ name, correlationKey: 'K', timeToLive: 'PT1H' })
      .expect(403);
    expect(message.body).toMatchObject({ code: 'FORBIDDEN' });
    const signal = await api().post('/api/signals').set(as(clerk)).send({ name }).expect(403);
    expect(signal.body).toMatchObject({ code: 'FORBIDDEN' });
    expect(await stack.prisma.bufferedMessage.count({ where: { name } })).toBe(0);
  });
});
