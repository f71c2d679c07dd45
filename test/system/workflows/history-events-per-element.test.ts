/**
 * What one element of each type adds to an instance's Temporal history, so that no change grows it unseen
 * (docs/architecture.md, "Where an instance's history goes"). Each model is start → the element → end, and is
 * compared with start → end. The drive is deterministic: an instance is acted on (a task completed, a message
 * published) only once its workflow is idle, so no two steps ever share a workflow task by chance.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { bpmn, flow, message, model, oneTaskProcess, path, timer } from '../../support/bpmn';
import { publish, subscribed } from '../../support/correlation';
import { recordHistory } from '../../support/histories';
import { childInstances, completeTask, deploy, openTask, start } from '../../support/instances';
import { startTestStack, type TestStack } from '../../support/stack';
import { eventually, eventuallyFound } from '../../support/wait';

/** Process `processId`: start → `element` (whose id is `el`) → end. */
const around = (processId: string, element: string, roots?: string) =>
  model(path('el', 'el', element), { processId, roots });

const models = {
  'start-end': bpmn(
    `<bpmn:startEvent id="start" />${flow('f', 'start', 'end')}<bpmn:endEvent id="end" />`,
    'start-end',
  ),
  'user-task': around('user-task', `<bpmn:userTask id="el" name="Check" />`),
  'service-task': around(
    'service-task',
    `<bpmn:serviceTask id="el"><bpmn:extensionElements><zeebe:taskDefinition type="send-email" />
       <zeebe:ioMapping><zeebe:input source="=applicant" target="to" /><zeebe:input source="=&#34;Received&#34;" target="subject" />
       <zeebe:input source="=&#34;Your request was received.&#34;" target="text" /></zeebe:ioMapping></bpmn:extensionElements></bpmn:serviceTask>`,
  ),
  timer: around(
    'timer',
    `<bpmn:intermediateCatchEvent id="el">${timer('timeDuration', 'PT1S')}</bpmn:intermediateCatchEvent>`,
  ),
  'message-catch': around(
    'message-catch',
    `<bpmn:intermediateCatchEvent id="el"><bpmn:messageEventDefinition messageRef="msg" /></bpmn:intermediateCatchEvent>`,
    message('msg', 'document-arrived', '=caseNo'),
  ),
  'exclusive-gateway': around('exclusive-gateway', `<bpmn:exclusiveGateway id="el" default="from-el" />`),
  'sub-process': around(
    'sub-process',
    `<bpmn:subProcess id="el"><bpmn:startEvent id="in" />${flow('inner', 'in', 'out')}<bpmn:endEvent id="out" /></bpmn:subProcess>`,
  ),
  'parallel-multi-instance': around(
    'parallel-multi-instance',
    `<bpmn:subProcess id="el"><bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements>
       <zeebe:loopCharacteristics inputCollection="=[1, 2]" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
       <bpmn:startEvent id="in" />${flow('inner', 'in', 'out')}<bpmn:endEvent id="out" /></bpmn:subProcess>`,
  ),
  'call-activity': around(
    'call-activity',
    `<bpmn:callActivity id="el"><bpmn:extensionElements><zeebe:calledElement processId="called-task" /></bpmn:extensionElements></bpmn:callActivity>`,
  ),
};

type ModelId = keyof typeof models;

describe('history events per element type', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
    await deploy(stack, oneTaskProcess('called-task'));
    for (const xml of Object.values(models)) await deploy(stack, xml);
  });
  afterAll(() => stack.stop());

  /** Idle: the last workflow task has completed (the markers of its local activities follow it) and none is due. */
  function idle(handle: WorkflowHandle) {
    return eventually(
      async () => {
        const events = (await handle.fetchHistory()).events ?? [];
        const last = events.filter((event) => !event.markerRecordedEventAttributes).at(-1);
        return last?.workflowTaskCompletedEventAttributes ? true : undefined;
      },
      { intervalMs: 50, what: `workflow ${handle.workflowId} idle` },
    );
  }

  /** What a person or system does, once the instance waits at the element. */
  const drives: Partial<
    Record<ModelId, (instanceId: string, handle: WorkflowHandle, caseNo: string) => Promise<unknown>>
  > = {
    'user-task': async (instanceId, handle) => {
      await openTask(stack, instanceId, 'el');
      await idle(handle);
      await completeTask(stack, instanceId, 'el');
    },
    'message-catch': async (instanceId, handle, caseNo) => {
      await subscribed(stack, instanceId, 'document-arrived');
      await idle(handle);
      await publish(stack, 'document-arrived', caseNo);
    },
    'call-activity': async (instanceId, handle) => {
      const child = await eventuallyFound(
        async () => (await childInstances(stack, instanceId))[0] ?? null,
        'the child',
      );
      await openTask(stack, child.id, 'task');
      await idle(handle);
      await idle(stack.temporal.workflow.getHandle(child.id));
      await completeTask(stack, child.id, 'task');
    },
  };

  async function eventsOf(processId: ModelId): Promise<number> {
    // Each run's own correlation key, so that no other run's message reaches it.
    const caseNo = `${processId}-${Date.now()}`;
    const { instanceId, handle, result } = await start(stack, processId, {
      applicant: 'applicant@citizen.example.kr',
      caseNo,
    });
    await drives[processId]?.(instanceId, handle, caseNo);
    expect((await result()).endElementId).toBe('end');
    // Stored for replay: a lean instance's timer (the element history written before it), call (the child's input)
    // and parallel multi-instance that never waits (no continue-as-new patch asked).
    if (processId === 'timer' || processId === 'call-activity' || processId === 'parallel-multi-instance')
      await recordHistory(stack.temporal, instanceId, `${processId}-lean`);
    return (await handle.fetchHistory()).events?.length ?? 0;
  }

  it('adds exactly these events for one element of each type', async () => {
    const base = await eventsOf('start-end');
    const added: Record<string, number> = {};
    for (const id of Object.keys(models) as ModelId[]) if (id !== 'start-end') added[id] = (await eventsOf(id)) - base;
    console.log(`start → end: ${base} events; one element adds ${JSON.stringify(added)}`);
    // start → end: started, a workflow task (3), completeInstance's marker, completed.
    expect(base).toBe(6);
    expect(added).toEqual({
      // createUserTask's marker; for the completeTask update a workflow task (3), accepted, completeUserTask's marker, completed.
      'user-task': 7,
      // The send-email job, an activity (scheduled, started, completed), and the workflow task its result starts (3).
      'service-task': 6,
      // The history written before the wait (a marker), timer started and fired, and the workflow task it starts (3).
      timer: 6,
      // openSubscription's marker; the delivery (a signal), its workflow task (3) and closeSubscription's marker.
      'message-catch': 6,
      // Pure elements write nothing to Temporal.
      'exclusive-gateway': 0,
      'sub-process': 0,
      // Nor a multi-instance body that never waits: no continue-as-new patch is asked for it.
      'parallel-multi-instance': 0,
      // prepareCalledInstance's marker, the child initiated and started, its result (completed): two workflow tasks (6).
      'call-activity': 10,
    });
  });
});
