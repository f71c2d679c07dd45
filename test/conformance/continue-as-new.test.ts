import { startProcessInstance } from '../../engine/instances';
import { createLogger } from '../../platform/logger';
import { completeTaskUpdate, openTasksQuery, variablesQuery, type ProcessResult } from '../../shared/workflow-contract';
import { countIn, elementHistory } from '../support/element-history';
import { recordHistory } from '../support/histories';
import { bpmn, flow, timer } from '../support/bpmn';
import { completeTask, deploy, deployModel, openTask } from '../support/instances';
import { startTestStack, type TestStack } from '../support/stack';
import { startTimeSkippingStack, type TimeSkippingStack } from '../support/time-skipping';
import { eventually } from '../support/wait';

jest.setTimeout(120_000);

describe('continue-as-new', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
    await deployModel(stack, 'loop-continue-as-new');
  });
  afterAll(() => stack.stop());

  it('a loop continues as new mid-run with a user task open, and both go on where they were', async () => {
    // given an instance whose history is cut short after 25 events (Temporal itself suggests a few thousand)
    const definition = await stack.prisma.processDefinition.findFirstOrThrow({
      where: { bpmnProcessId: 'loop-continue-as-new' },
    });
    const instance = await startProcessInstance(
      {
        prisma: stack.prisma,
        temporal: stack.temporal,
        taskQueue: stack.config.TEMPORAL_TASK_QUEUE,
        logger: createLogger('test', 'silent'),
      },
      { definition, variables: { reminders: 0 }, continueAsNewAfterEvents: 25 },
    );
    const firstRun = stack.temporal.workflow.getHandle(instance.id);
    const firstRunId = (await firstRun.describe()).runId;
    const task = await openTask(stack, instance.id, 'approve');

    // when the loop has run long enough to continue as new
    await eventually(
      async () =>
        (await stack.temporal.workflow.getHandle(instance.id, firstRunId).describe()).status.name === 'CONTINUED_AS_NEW'
          ? true
          : undefined,
      {
        what: 'the first run to continue as new',
        timeoutMs: 20_000,
      },
    );
    // then the task is still the one open row, and completing it reaches the new run
    expect(await stack.prisma.userTask.count({ where: { processInstanceId: instance.id } })).toBe(1);
    expect(await completeTask(stack, instance.id, 'approve', { approved: true })).toBe(task.id);

    const { endElementId, variables } = (await firstRun.result()) as ProcessResult;
    expect(endElementId).toBe('end');
    // the loop kept its count across runs: six reminders, not six per run
    expect(variables).toMatchObject({ reminders: 6, approved: true });
    const completed = await countIn(stack, instance.id, 'COMPLETED');
    expect(completed).toMatchObject({ tick: 6, wait: 6, approve: 1, join: 1, end: 1 });
    expect((await stack.prisma.userTask.findUniqueOrThrow({ where: { id: task.id } })).state).toBe('COMPLETED');
    await recordHistory(stack.temporal, instance.id, 'conformance-loop-continue-as-new');
  });

  it('a sequential multi-instance continues as new while an iteration waits, and goes on from that iteration', async () => {
    // given twelve reviews in sequence, in an instance cut short after 30 history events
    await deploy(stack, sequentialReviews);
    const definition = await stack.prisma.processDefinition.findFirstOrThrow({
      where: { bpmnProcessId: 'sequential-reviews' },
    });
    const reviewers = Array.from({ length: 12 }, (_, index) => `reviewer-${index + 1}`);
    const instance = await startProcessInstance(
      {
        prisma: stack.prisma,
        temporal: stack.temporal,
        taskQueue: stack.config.TEMPORAL_TASK_QUEUE,
        logger: createLogger('test', 'silent'),
      },
      { definition, variables: { reviewers }, continueAsNewAfterEvents: 30 },
    );
    const handle = stack.temporal.workflow.getHandle(instance.id);
    const firstRunId = (await handle.describe()).runId;

    // when each review is completed in turn, with its reviewer's verdict
    let continuedInside = false;
    for (const reviewer of reviewers) {
      const task = await openTask(stack, instance.id, 'review');
      continuedInside ||=
        (await stack.temporal.workflow.getHandle(instance.id, firstRunId).describe()).status.name ===
        'CONTINUED_AS_NEW';
      // The run that holds the task (a run continuing as new hands it over first).
      await eventually(async () => ((await handle.query(openTasksQuery)).includes(task.id) ? true : undefined), {
        what: `the task of ${reviewer} open in the workflow`,
      });
      await completeTask(stack, instance.id, 'review', { verdict: `ok from ${reviewer}` });
      expect((await stack.prisma.userTask.findUniqueOrThrow({ where: { id: task.id } })).state).toBe('COMPLETED');
    }

    // then the instance continued as new while reviews were still open, and the result is as in one run
    expect(continuedInside).toBe(true);
    const { endElementId, variables } = (await handle.result()) as ProcessResult;
    expect(endElementId).toBe('end');
    expect(variables.verdicts).toEqual(reviewers.map((reviewer) => `ok from ${reviewer}`));
    expect(await stack.prisma.userTask.count({ where: { processInstanceId: instance.id } })).toBe(12);
    expect(await countIn(stack, instance.id, 'COMPLETED')).toMatchObject({ review: 13, end: 1 });
    await recordHistory(stack.temporal, instance.id, 'conformance-mi-sequential-continue-as-new', 'first');
  });

  it('a parallel multi-instance continues as new while every open iteration waits, and the rest finish in it', async () => {
    // given six reviews at once, in an instance cut short after 10 history events
    await deploy(stack, parallelReviews);
    const definition = await stack.prisma.processDefinition.findFirstOrThrow({
      where: { bpmnProcessId: 'parallel-reviews' },
    });
    const reviewers = Array.from({ length: 6 }, (_, index) => `reviewer-${index + 1}`);
    const instance = await startProcessInstance(engineOf(stack), {
      definition,
      variables: { reviewers },
      continueAsNewAfterEvents: 10,
    });
    const handle = stack.temporal.workflow.getHandle(instance.id);
    const firstRunId = (await handle.describe()).runId;
    const tasks = await eventually(
      async () => {
        const open = await stack.prisma.userTask.findMany({
          where: { processInstanceId: instance.id, state: 'CREATED' },
          orderBy: { elementInstanceId: 'asc' },
        });
        return open.length === 6 ? open : undefined;
      },
      { what: 'six open reviews' },
    );

    // when the first review is completed (the run, past its events, continues as new with five waiting),
    // and the others after it in reverse order
    const byIteration = [...tasks].sort(
      (a, b) => Number(a.elementInstanceId.split('#')[1]) - Number(b.elementInstanceId.split('#')[1]),
    );
    const order = [...byIteration.entries()];
    for (const [turn, [index, task]] of [...order.slice(0, 1), ...order.slice(1).reverse()].entries()) {
      if (turn === 1) await continuedAsNew(stack, instance.id, firstRunId);
      await eventually(async () => ((await handle.query(openTasksQuery)).includes(task.id) ? true : undefined), {
        what: `review ${index + 1} open in the workflow`,
      });
      await handle.executeUpdate(completeTaskUpdate, {
        args: [{ taskId: task.id, variables: { verdict: `ok ${index + 1}` }, completedBy: 'clerk1' }],
      });
    }

    // then each verdict is at its reviewer's place, and no task row was made twice
    const { endElementId, variables } = (await handle.result()) as ProcessResult;
    expect(endElementId).toBe('end');
    expect(variables.verdicts).toEqual(reviewers.map((_, index) => `ok ${index + 1}`));
    expect(await stack.prisma.userTask.count({ where: { processInstanceId: instance.id } })).toBe(6);
    expect(await countIn(stack, instance.id, 'COMPLETED')).toMatchObject({ review: 7, end: 1 });
    expect(await countIn(stack, instance.id, 'ACTIVE')).toEqual({});
    await recordHistory(stack.temporal, instance.id, 'conformance-mi-parallel-continue-as-new', 'first');
  });

  it('a parallel multi-instance sub-process continues as new while every round waits inside it', async () => {
    // given four vetting rounds at once, each a sub-process with a local seat, cut short after 10 history events
    await deploy(stack, vetting('parallel-vetting', false));
    const definition = await stack.prisma.processDefinition.findFirstOrThrow({
      where: { bpmnProcessId: 'parallel-vetting' },
    });
    const reviewers = Array.from({ length: 4 }, (_, index) => `reviewer-${index + 1}`);
    const instance = await startProcessInstance(engineOf(stack), {
      definition,
      variables: { reviewers },
      continueAsNewAfterEvents: 10,
    });
    const handle = stack.temporal.workflow.getHandle(instance.id);
    const firstRunId = (await handle.describe()).runId;

    // when one round's review is completed, the run continues as new, and the other rounds' reviews are completed
    await completeInLatestRun(stack, instance.id, 'review', { decision: 'ok' });
    await continuedAsNew(stack, instance.id, firstRunId);
    for (let round = 2; round <= 4; round += 1)
      await completeInLatestRun(stack, instance.id, 'review', { decision: 'ok' });

    // then every round kept its item and its sub-process's local seat, in the reviewers' order
    const { endElementId, variables } = (await handle.result()) as ProcessResult;
    expect(endElementId).toBe('end');
    expect(variables.verdicts).toEqual(
      reviewers.map((reviewer, index) => ({ reviewer, seat: (index + 1) * 10, decision: 'ok' })),
    );
    expect(await stack.prisma.userTask.count({ where: { processInstanceId: instance.id } })).toBe(4);
    expect(await countIn(stack, instance.id, 'COMPLETED')).toMatchObject({ vet: 5, review: 4, end: 1 });
    expect(await countIn(stack, instance.id, 'ACTIVE')).toEqual({});
  });

  it('a sequential multi-instance sub-process continues as new while an iteration waits inside it', async () => {
    // given eight vetting rounds in sequence, each a sub-process with a local seat, cut short after 30 events
    await deploy(stack, vetting('sequential-vetting', true));
    const definition = await stack.prisma.processDefinition.findFirstOrThrow({
      where: { bpmnProcessId: 'sequential-vetting' },
    });
    const reviewers = Array.from({ length: 8 }, (_, index) => `reviewer-${index + 1}`);
    const instance = await startProcessInstance(engineOf(stack), {
      definition,
      variables: { reviewers },
      continueAsNewAfterEvents: 30,
    });
    const handle = stack.temporal.workflow.getHandle(instance.id);
    const firstRunId = (await handle.describe()).runId;

    // when each round's review is completed in turn
    for (const [index] of reviewers.entries())
      await completeInLatestRun(stack, instance.id, 'review', { decision: `ok ${index + 1}` });

    // then the first run continued as new, and each round kept its item, its counter and its sub-process's local seat
    expect(await runStatus(stack, instance.id, firstRunId)).toBe('CONTINUED_AS_NEW');
    const { endElementId, variables } = (await handle.result()) as ProcessResult;
    expect(endElementId).toBe('end');
    expect(variables.verdicts).toEqual(
      reviewers.map((reviewer, index) => ({ reviewer, seat: (index + 1) * 10, decision: `ok ${index + 1}` })),
    );
    expect(variables).not.toHaveProperty('seat');
    expect(await stack.prisma.userTask.count({ where: { processInstanceId: instance.id } })).toBe(8);
    expect(await countIn(stack, instance.id, 'COMPLETED')).toMatchObject({ vet: 9, review: 8, end: 1 });
    expect(await countIn(stack, instance.id, 'ACTIVE')).toEqual({});
    await recordHistory(stack.temporal, instance.id, 'conformance-mi-sub-process-continue-as-new', 'first');
  });
});

/** The engine's start dependencies over a test stack. */
function engineOf(stack: TestStack) {
  return {
    prisma: stack.prisma,
    temporal: stack.temporal,
    taskQueue: stack.config.TEMPORAL_TASK_QUEUE,
    logger: createLogger('test', 'silent'),
  };
}

async function runStatus(stack: TestStack, instanceId: string, runId: string): Promise<string> {
  return (await stack.temporal.workflow.getHandle(instanceId, runId).describe()).status.name;
}

function continuedAsNew(stack: TestStack, instanceId: string, runId: string): Promise<true> {
  return eventually(
    async () => ((await runStatus(stack, instanceId, runId)) === 'CONTINUED_AS_NEW' ? true : undefined),
    { what: 'the first run to continue as new', timeoutMs: 20_000 },
  );
}

/** Completes the open task at the element once the run holding it knows it (a run continuing as new hands it over). */
async function completeInLatestRun(stack: TestStack, instanceId: string, elementId: string, variables = {}) {
  const task = await openTask(stack, instanceId, elementId);
  await eventually(
    async () =>
      (await stack.temporal.workflow.getHandle(instanceId).query(openTasksQuery)).includes(task.id) ? true : undefined,
    { what: `the task at ${elementId} open in the workflow` },
  );
  await completeTask(stack, instanceId, elementId, variables);
}

/** Reviews all at once, one per reviewer, collecting their verdicts in the reviewers' order. */
const parallelReviews = bpmn(
  `<bpmn:startEvent id="start" />${flow('f1', 'start', 'review')}
   <bpmn:userTask id="review">
     <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="civil-affairs" /></bpmn:extensionElements>
     <bpmn:multiInstanceLoopCharacteristics isSequential="false"><bpmn:extensionElements>
       <zeebe:loopCharacteristics inputCollection="=reviewers" inputElement="reviewer" outputCollection="verdicts" outputElement="=verdict" />
     </bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
   </bpmn:userTask>
   ${flow('f2', 'review', 'end')}<bpmn:endEvent id="end" />`,
  'parallel-reviews',
);

/** Vetting rounds, each a sub-process with a seat of its own, collecting each round's verdict. */
const vetting = (processId: string, sequential: boolean) =>
  bpmn(
    `<bpmn:startEvent id="start" />${flow('f1', 'start', 'vet')}
   <bpmn:subProcess id="vet">
     <bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=loopCounter * 10" target="seat" /></zeebe:ioMapping></bpmn:extensionElements>
     <bpmn:multiInstanceLoopCharacteristics isSequential="${sequential}"><bpmn:extensionElements>
       <zeebe:loopCharacteristics inputCollection="=reviewers" inputElement="reviewer" outputCollection="verdicts"
         outputElement="={reviewer: reviewer, seat: seat, decision: decision}" />
     </bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
     <bpmn:startEvent id="vet-start" />${flow('v1', 'vet-start', 'review')}
     <bpmn:userTask id="review">
       <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="civil-affairs" /></bpmn:extensionElements>
     </bpmn:userTask>
     ${flow('v2', 'review', 'vet-end')}<bpmn:endEvent id="vet-end" />
   </bpmn:subProcess>
   ${flow('f2', 'vet', 'end')}<bpmn:endEvent id="end" />`,
    processId,
  );

/**
 * A case file reviewed until six reviews are counted (a loop inside a sub-process, counting in a local variable),
 * with a one-hour nudge on the sub-process that leaves it running.
 */
const reviewLoopInCase = bpmn(
  `<bpmn:startEvent id="start" />${flow('f1', 'start', 'case')}
   <bpmn:subProcess id="case">
     <bpmn:extensionElements><zeebe:ioMapping>
       <zeebe:input source="=0" target="attempts" /><zeebe:output source="=attempts" target="reviews" />
     </zeebe:ioMapping></bpmn:extensionElements>
     <bpmn:startEvent id="case-start" />${flow('c1', 'case-start', 'review')}
     <bpmn:userTask id="review">
       <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="civil-affairs" /></bpmn:extensionElements>
     </bpmn:userTask>
     ${flow('c2', 'review', 'count')}
     <bpmn:scriptTask id="count">
       <bpmn:extensionElements><zeebe:script expression="=attempts + 1" resultVariable="attempts" /></bpmn:extensionElements>
     </bpmn:scriptTask>
     ${flow('c3', 'count', 'again')}<bpmn:exclusiveGateway id="again" default="c5" />
     <bpmn:sequenceFlow id="c4" sourceRef="again" targetRef="review">
       <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=attempts &lt; 6</bpmn:conditionExpression>
     </bpmn:sequenceFlow>
     ${flow('c5', 'again', 'case-end')}<bpmn:endEvent id="case-end" />
   </bpmn:subProcess>
   ${flow('f2', 'case', 'end')}<bpmn:endEvent id="end" />
   <bpmn:boundaryEvent id="nudge" attachedToRef="case" cancelActivity="false">${timer('timeDuration', 'PT1H')}</bpmn:boundaryEvent>
   ${flow('f3', 'nudge', 'remind')}
   <bpmn:scriptTask id="remind">
     <bpmn:extensionElements><zeebe:script expression="=true" resultVariable="nudged" /></bpmn:extensionElements>
   </bpmn:scriptTask>
   ${flow('f4', 'remind', 'nudged')}<bpmn:endEvent id="nudged" />`,
  'review-loop-in-case',
);

/** Reviews one after another, one per reviewer, collecting their verdicts. */
const sequentialReviews = bpmn(
  `<bpmn:startEvent id="start" />${flow('f1', 'start', 'review')}
   <bpmn:userTask id="review">
     <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="civil-affairs" /></bpmn:extensionElements>
     <bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:extensionElements>
       <zeebe:loopCharacteristics inputCollection="=reviewers" inputElement="reviewer" outputCollection="verdicts" outputElement="=verdict" />
     </bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
   </bpmn:userTask>
   ${flow('f2', 'review', 'end')}<bpmn:endEvent id="end" />`,
  'sequential-reviews',
);

describe('continue-as-new of a repeating timer', () => {
  let stack: TimeSkippingStack;
  beforeAll(async () => {
    stack = await startTimeSkippingStack();
    await deployModel(stack, 'reminder-cycle-continue-as-new');
  });
  afterAll(() => stack.stop());

  it('a cycle on an open task keeps its schedule and its count across runs: five reminders, no more', async () => {
    // given a review with at most five hourly reminders, in an instance cut short after 20 history events
    const definition = await stack.prisma.processDefinition.findFirstOrThrow({
      where: { bpmnProcessId: 'reminder-cycle-continue-as-new' },
    });
    const instance = await startProcessInstance(
      {
        prisma: stack.prisma,
        temporal: stack.temporal,
        taskQueue: stack.config.TEMPORAL_TASK_QUEUE,
        logger: createLogger('test', 'silent'),
      },
      { definition, variables: { reminders: 0 }, continueAsNewAfterEvents: 20 },
    );
    const handle = stack.temporal.workflow.getHandle(instance.id);
    const firstRunId = (await handle.describe()).runId;
    const task = await openTask(stack, instance.id, 'review');

    // when eight hours pass, an hour at a time
    for (let hour = 1; hour <= 8; hour += 1) {
      await stack.skip('1 hour');
      await eventually(
        async () => ((await handle.query(variablesQuery)).reminders === Math.min(hour, 5) ? true : undefined),
        { what: `${Math.min(hour, 5)} reminders` },
      );
    }

    // then the instance has continued as new at least once, and the cycle fired exactly five times in all
    expect((await stack.temporal.workflow.getHandle(instance.id, firstRunId).describe()).status.name).toBe(
      'CONTINUED_AS_NEW',
    );
    expect((await handle.describe()).runId).not.toBe(firstRunId);
    expect((await stack.prisma.userTask.findUniqueOrThrow({ where: { id: task.id } })).state).toBe('CREATED');
    await completeTask(stack, instance.id, 'review');
    const { endElementId, variables } = (await handle.result()) as ProcessResult;
    expect(endElementId).toBe('done');
    expect(variables.reminders).toBe(5);
    expect(await countIn(stack, instance.id, 'COMPLETED')).toMatchObject({ remind: 5, reminded: 5, review: 1 });
    await recordHistory(stack.temporal, instance.id, 'conformance-cycle-continue-as-new');
  });
});

describe('continue-as-new inside a sub-process', () => {
  let stack: TimeSkippingStack;
  beforeAll(async () => {
    stack = await startTimeSkippingStack();
    await deploy(stack, reviewLoopInCase);
  });
  afterAll(() => stack.stop());

  it('a loop of user tasks inside a sub-process continues as new, and its boundary timer still fires after', async () => {
    // given a case reviewed six times in a loop inside its sub-process, cut short after 20 history events
    const definition = await stack.prisma.processDefinition.findFirstOrThrow({
      where: { bpmnProcessId: 'review-loop-in-case' },
    });
    const instance = await startProcessInstance(engineOf(stack), {
      definition,
      variables: {},
      continueAsNewAfterEvents: 20,
    });
    const handle = stack.temporal.workflow.getHandle(instance.id);
    const firstRunId = (await handle.describe()).runId;

    // when three reviews are done, and the first run has continued as new
    for (let review = 1; review <= 3; review += 1) await completeInLatestRun(stack, instance.id, 'review');
    await continuedAsNew(stack, instance.id, firstRunId);
    // then the nudge on the sub-process, armed in the first run, fires an hour after the case began
    await stack.skip('1 hour');
    await eventually(async () => ((await handle.query(variablesQuery)).nudged === true ? true : undefined), {
      what: 'the nudge on the case',
    });

    // and the remaining reviews finish the loop where it was: six reviews, counted in the sub-process's local
    for (let review = 4; review <= 6; review += 1) await completeInLatestRun(stack, instance.id, 'review');
    const { endElementId, variables } = (await handle.result()) as ProcessResult;
    expect(endElementId).toBe('end');
    expect(variables).toEqual({ reviews: 6, nudged: true });
    expect(await stack.prisma.userTask.count({ where: { processInstanceId: instance.id } })).toBe(6);
    expect(await stack.prisma.userTask.count({ where: { processInstanceId: instance.id, state: 'COMPLETED' } })).toBe(
      6,
    );
    const history = await elementHistory(stack, instance.id);
    const caseRows = history.filter((row) => row.elementId === 'case');
    expect(caseRows).toEqual([expect.objectContaining({ state: 'COMPLETED', scopeInstanceId: null })]);
    // every review sits inside the one case instance, none left open
    const reviews = history.filter((row) => row.elementId === 'review');
    expect(reviews).toHaveLength(6);
    expect(new Set(reviews.map((row) => `${row.state} in ${row.scopeInstanceId}`))).toEqual(
      new Set([`COMPLETED in ${caseRows[0]?.elementInstanceId}`]),
    );
    expect(await countIn(stack, instance.id, 'COMPLETED')).toMatchObject({ count: 6, nudge: 1, remind: 1, end: 1 });
    await recordHistory(stack.temporal, instance.id, 'conformance-sub-process-loop-continue-as-new', 'first');
  });
});
