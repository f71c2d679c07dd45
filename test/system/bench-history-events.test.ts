/**
 * The benchmark's deterministic check (issue 6): one approved demo request on the interpreter (arm A:
 * processes/demo-approval.bpmn) writes exactly as many Temporal history events as the same shape written by hand
 * (arm B: bench/bare-workflow.ts). Each instance is driven a step at a time (bench/driver.ts runQuietly: its task is
 * completed only once the workflow is idle), so the counts do not depend on timing. Real Temporal server, real
 * PostgreSQL and SMTP catcher of the global setup; the task is completed through the API's completeTask.
 */
import { NativeConnection, type Worker } from '@temporalio/worker';
import nodemailer from 'nodemailer';
import { armContext, arms, deployArmModels, type ArmContext } from '../../bench/arms';
import { runQuietly, type QuietRun } from '../../bench/driver';
import { createBareWorker } from '../../bench/bare-worker';
import { createLogger } from '../../platform/logger';
import { startTestStack, type TestStack } from '../support/stack';

describe('history events of the benchmark arms', () => {
  let stack: TestStack;
  let ctx: ArmContext;
  let bare: {
    worker: Worker;
    running: Promise<void>;
    connection: NativeConnection;
    mailer: ReturnType<typeof nodemailer.createTransport>;
  };

  beforeAll(async () => {
    stack = await startTestStack();
    const logger = createLogger('test', 'silent');
    const connection = await NativeConnection.connect({ address: stack.config.TEMPORAL_ADDRESS });
    const mailer = nodemailer.createTransport(stack.config.SMTP_URL);
    const taskQueue = `${stack.config.TEMPORAL_TASK_QUEUE}-bare`;
    const worker = await createBareWorker({
      connection,
      namespace: stack.config.TEMPORAL_NAMESPACE,
      taskQueue,
      deps: { ...stack.deps, mailer, logger },
    });
    bare = { worker, running: worker.run(), connection, mailer };
    await deployArmModels(stack.deps);
    const ok = () => Promise.resolve();
    ctx = await armContext(
      {
        config: stack.config,
        prisma: stack.prisma,
        temporal: stack.temporal,
        logger,
        probes: { temporal: ok, database: ok, smtp: ok },
      },
      taskQueue,
    );
  });

  afterAll(async () => {
    if (bare) {
      bare.worker.shutdown();
      await bare.running;
      await bare.connection.close();
      bare.mailer.close();
    }
    await stack?.stop();
  });

  function describeRun(name: string, run: QuietRun): string {
    return `${name}: ${run.events} events, ${run.bytes} bytes\n  ${run.eventTypes.map((type, i) => `${i + 1} ${type}`).join('\n  ')}`;
  }

  it('writes as many events for an approved request on the interpreter as the bare workflow does', async () => {
    // Given one approved request through each arm, completed by the bot as clerk1
    const interpreter = await runQuietly(arms.A, ctx, 1);
    const bareRun = await runQuietly(arms.B, ctx, 2);
    console.log(`${describeRun('arm A, interpreter', interpreter)}\n${describeRun('arm B, bare workflow', bareRun)}`);

    // Then both ended at "approved" in the instance index, having sent their email
    const ended = await stack.prisma.processInstance.findMany({ where: { id: { in: [interpreter.id, bareRun.id] } } });
    expect(ended.map((row) => [row.state, row.endElementId])).toEqual([
      ['COMPLETED', 'request-approved'],
      ['COMPLETED', 'request-approved'],
    ]);

    // And the interpreter wrote no more history events than the hand-written workflow, and the same kinds. (Within
    // the workflow task after completeUserTask, A schedules runJob before its update completes and B the other
    // way round: the same commands in one task, so the order there is not compared.)
    expect(interpreter.events).toBe(bareRun.events);
    expect([...interpreter.eventTypes].sort()).toEqual([...bareRun.eventTypes].sort());
  });
});
