/**
 * Stack traces inside the workflow sandbox keep SANDBOX_STACK_FRAMES frames (shared/sandbox-stack-traces.ts, which
 * the worker's bundle preloads): the SDK captures one for every promise workflow code creates, and their length is
 * what that costs. Seen from outside through the SDK's stack-trace query of an instance waiting at a user task, each
 * pending promise's stack is cut to that length. The global setup's worker, Temporal server and PostgreSQL.
 */
import request from 'supertest';
import { startProcessInstance } from '../../engine/instances';
import { SANDBOX_STACK_FRAMES } from '../../shared/sandbox-stack-traces';
import { oneTaskProcess, uniqueProcessId } from '../support/bpmn';
import { terminateQuietly } from '../support/instances-without-interpreter';
import { startTestStack, type TestStack } from '../support/stack';
import { eventuallyFound } from '../support/wait';

describe('stack traces in the workflow sandbox', () => {
  let stack: TestStack;
  const workflows: string[] = [];

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await terminateQuietly(stack, workflows);
    await stack.stop();
  });

  it(`keep ${SANDBOX_STACK_FRAMES} frames: the stack-trace query of a waiting instance`, async () => {
    const processId = uniqueProcessId('stack-frames');
    const auth = { Authorization: `Bearer ${await stack.login('analyst1')}` };
    await request(stack.app)
      .post('/api/deployments')
      .set(auth)
      .type('application/xml')
      .send(oneTaskProcess(processId))
      .expect(201);
    const definition = await stack.prisma.processDefinition.findFirstOrThrow({ where: { bpmnProcessId: processId } });
    const { id: instanceId } = await startProcessInstance(stack.deps, { definition, variables: {} });
    workflows.push(instanceId);
    await eventuallyFound(
      () => stack.prisma.userTask.findFirst({ where: { processInstanceId: instanceId } }),
      'the task row',
    );

    const trace = await stack.temporal.workflow.getHandle(instanceId).query<string>('__stack_trace');
    const framesPerStack = trace
      .split(/\n\s*\n/)
      .map((stackText) => stackText.split('\n').filter((line) => /^\s*at /.test(line)).length)
      .filter((frames) => frames > 0);
    expect(framesPerStack.length).toBeGreaterThan(0);
    expect(Math.max(...framesPerStack)).toBeLessThanOrEqual(SANDBOX_STACK_FRAMES);
  });
});
