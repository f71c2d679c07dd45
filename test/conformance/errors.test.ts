import { ApplicationFailure } from '@temporalio/common';
import { completedPath, elementHistory } from '../support/element-history';
import { completeTask, deployModel, openIncident, openTask, start, workflowStatus } from '../support/instances';
import { startJobWorkers } from '../support/job-workers';
import { startTestStack, type TestStack } from '../support/stack';

describe('BPMN errors', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
    await deployModel(stack, 'error-end-in-sub-process');
  });
  afterAll(() => stack.stop());

  it('an error end event in a sub-process is caught by the error boundary event on that sub-process', async () => {
    // given a document without pages
    const { instanceId, result } = await start(stack, 'error-end-in-sub-process', { pages: 0 });
    // then the sub-process ends at its error end event and the token leaves by the boundary
    const { endElementId, variables } = await result();
    expect(endElementId).toBe('returned');
    expect(variables).toMatchObject({ valid: false, errorMessage: 'Document invalid' });
    expect(await completedPath(stack, instanceId)).toEqual([
      'start',
      'review-start',
      'check',
      'valid-gateway',
      'invalid-end',
      'on-invalid',
      'returned',
    ]);
    const review = (await elementHistory(stack, instanceId)).find((row) => row.elementId === 'review');
    expect(review?.state).toBe('TERMINATED');
  });

  it('without the error the sub-process completes and the token takes the normal flow', async () => {
    const { instanceId, result } = await start(stack, 'error-end-in-sub-process', { pages: 3 });
    expect((await result()).endElementId).toBe('accepted');
    const history = await elementHistory(stack, instanceId);
    const review = history.find((row) => row.elementId === 'review');
    expect(review?.state).toBe('COMPLETED');
    // the elements inside record the sub-process instance as their scope
    expect(history.find((row) => row.elementId === 'check')?.scopeInstanceId).toBe(review?.elementInstanceId);
  });
});

describe('BPMN errors: catch-all, event sub-process, job workers, uncaught', () => {
  let stack: TestStack;
  let workers: Awaited<ReturnType<typeof startJobWorkers>>;
  beforeAll(async () => {
    stack = await startTestStack();
    for (const name of [
      'error-catch-all-boundary',
      'error-event-sub-process',
      'error-from-job-worker',
      'error-uncaught',
    ])
      await deployModel(stack, name);
    workers = await startJobWorkers(stack, {
      'conformance-errors-verify-address': ({ variables }) => {
        if (variables.street !== 'nowhere') return { verified: true };
        throw ApplicationFailure.create({
          type: 'BpmnError',
          nonRetryable: true,
          message: 'no such street',
          details: [{ errorCode: 'ADDRESS_UNKNOWN', variables: { addressHint: 'check the street name' } }],
        });
      },
    });
  });
  afterAll(async () => {
    await workers.stop();
    await stack.stop();
  });

  it('a catch-all error boundary catches a code no other boundary names; the specific boundary wins for its own code', async () => {
    const fee = await start(stack, 'error-catch-all-boundary', { problem: 'fee' });
    expect((await fee.result()).endElementId).toBe('sent-to-clerk');
    expect(await completedPath(stack, fee.instanceId)).toEqual([
      'start',
      'checks-start',
      'problem-gateway',
      'fee-end',
      'on-any-error',
      'sent-to-clerk',
    ]);

    const missing = await start(stack, 'error-catch-all-boundary', { problem: 'missing' });
    expect((await missing.result()).endElementId).toBe('document-requested');

    const none = await start(stack, 'error-catch-all-boundary', { problem: null });
    expect((await none.result()).endElementId).toBe('accepted');
  });

  it('an error start event sub-process catches an error thrown in the process and interrupts the open review', async () => {
    // given an application without pages, under review
    const { instanceId, result } = await start(stack, 'error-event-sub-process', { pages: 0 });
    const { variables } = await result();
    // then the handler returned it, and the review was withdrawn
    expect(variables).toEqual({
      pages: 0,
      valid: false,
      errorMessage: 'Document invalid',
      notice: 'returned: Document invalid',
    });
    const path = await completedPath(stack, instanceId);
    expect(path).toEqual(
      expect.arrayContaining([
        'validate',
        'valid-gateway',
        'invalid-end',
        'on-invalid',
        'invalid-start',
        'write-notice',
        'returned',
      ]),
    );
    expect(path).not.toContain('review');
    expect((await elementHistory(stack, instanceId)).find((row) => row.elementId === 'review')?.state).toBe(
      'TERMINATED',
    );
    const task = await stack.prisma.userTask.findFirst({
      where: { processInstanceId: instanceId, elementId: 'review' },
    });
    expect(task?.state ?? 'CANCELED').toBe('CANCELED');
    expect((await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } })).state).toBe(
      'COMPLETED',
    );

    // and a valid application is reviewed as usual
    const ok = await start(stack, 'error-event-sub-process', { pages: 4 });
    await openTask(stack, ok.instanceId, 'review');
    await completeTask(stack, ok.instanceId, 'review');
    expect((await ok.result()).variables).toEqual({ pages: 4, valid: true });
    expect(await completedPath(stack, ok.instanceId)).not.toContain('on-invalid');
  });

  it('a BPMN error thrown by an external job worker is caught by the error boundary on the service task', async () => {
    const { instanceId, result } = await start(stack, 'error-from-job-worker', { street: 'nowhere' });
    const { endElementId, variables } = await result();
    expect(endElementId).toBe('address-requested');
    expect(variables).toEqual({ street: 'nowhere', addressHint: 'check the street name' });
    expect((await elementHistory(stack, instanceId)).find((row) => row.elementId === 'verify-address')?.state).toBe(
      'TERMINATED',
    );
    expect(await completedPath(stack, instanceId)).toEqual(['start', 'on-unknown', 'address-requested']);
    // no incident: the worker's business outcome is not a technical failure
    expect(await stack.prisma.incident.count({ where: { processInstanceId: instanceId } })).toBe(0);

    const ok = await start(stack, 'error-from-job-worker', { street: 'Sejong-daero 209' });
    expect(await ok.result()).toEqual({
      endElementId: 'verified',
      variables: { street: 'Sejong-daero 209', verified: true },
    });
  });

  it('an error nothing catches stops the instance in an incident at the throwing event', async () => {
    const { instanceId } = await start(stack, 'error-uncaught', {});
    const incident = await openIncident(stack, instanceId);
    expect(incident).toMatchObject({
      elementId: 'fail',
      message: "the BPMN error 'UNHANDLED_CASE' is not caught by any boundary event or event sub-process",
    });
    expect(await workflowStatus(stack, instanceId)).toBe('RUNNING');
    expect((await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } })).state).toBe(
      'INCIDENT',
    );
    await stack.temporal.workflow.getHandle(instanceId).terminate('test cleanup');
  });
});
