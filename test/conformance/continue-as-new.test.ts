import { startProcessInstance } from '../../engine/instances';
import { createLogger } from '../../platform/logger';
import { openTasksQuery, variablesQuery, type ProcessResult } from '../../shared/workflow-contract';
import { countIn } from '../support/element-history';
import { recordHistory } from '../support/histories';
import { bpmn, flow } from '../support/bpmn';
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
});

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
