import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import type { ElementOfType } from '../../../shared/graph';
import { FailureType } from '../../../shared/workflow-contract';
import { jobs } from '../../../workflows/activities';
import { serviceTask } from '../../../workflows/elements/service-task';
import { fakeElementContext, ThrownBpmnError } from '../../support/fake-element-context';

jest.mock('../../../workflows/activities', () => {
  const runJob = jest.fn();
  return { jobs: jest.fn(() => ({ runJob })) };
});

const runJob = jest.mocked(jobs(0).runJob);

const sendEmail = (overrides: Partial<ElementOfType<'serviceTask'>> = {}): ElementOfType<'serviceTask'> => ({
  id: 'mail',
  type: 'serviceTask',
  incoming: ['in'],
  outgoing: ['out'],
  jobType: 'send-email',
  retries: 3,
  headers: { template: 'welcome' },
  inputs: [],
  outputs: [],
  ...overrides,
});

const jobFailure = (cause: Error) =>
  new ActivityFailure('activity failed', 'runJob', '1', 'MAXIMUM_ATTEMPTS_REACHED', 'worker', cause);

beforeEach(() => {
  runJob.mockReset();
  jest.mocked(jobs).mockClear();
});

describe('service task', () => {
  it('runs a built-in job with the variables and mapped inputs, keyed by its element instance', async () => {
    // given a send-email task with an input mapping, and a job that reports the message id
    runJob.mockResolvedValue({ messageId: 'm-1' });
    const { ctx, recorded } = fakeElementContext({ variables: { email: 'a@b.c' } });
    // when it runs
    const leave = await serviceTask.execute(
      sendEmail({ inputs: [{ source: 'upper case(email)', target: 'to' }] }),
      ctx,
    );
    // then the job ran with the model's retries and an idempotency key of instance and element instance
    expect(jobs).toHaveBeenCalledWith(3);
    expect(runJob).toHaveBeenCalledWith({
      jobType: 'send-email',
      idempotencyKey: 'instance-1:element#1',
      headers: { template: 'welcome' },
      variables: { email: 'a@b.c', to: 'A@B.C' },
    });
    // and what the job produced is set, without a history write of its own
    expect(recorded.sets).toEqual([{ messageId: 'm-1' }]);
    expect(recorded.historyWrites).toBe(0);
    expect(leave).toEqual({ flows: ['out'] });
  });

  it('ends the path when it was compiled from a message end event', async () => {
    // given a job-backed end event
    runJob.mockResolvedValue({});
    const { ctx, recorded } = fakeElementContext();
    // when it runs
    await serviceTask.execute(sendEmail({ bpmnType: 'endEvent', outgoing: [] }), ctx);
    // then the end is recorded
    expect(recorded.ended).toEqual(['mail']);
  });

  it('throws the BPMN error a job reports, with its variables', async () => {
    // given a job failing with a BpmnError
    runJob.mockRejectedValue(
      jobFailure(
        ApplicationFailure.create({
          type: FailureType.BpmnError,
          message: 'bounced',
          details: [{ errorCode: 'BOUNCED', variables: { reason: 'no mailbox' } }],
        }),
      ),
    );
    const { ctx, recorded } = fakeElementContext();
    // when it runs
    const ran = serviceTask.execute(sendEmail(), ctx);
    // then the BPMN error goes to its catcher, and nothing is set
    await expect(ran).rejects.toBeInstanceOf(ThrownBpmnError);
    await expect(ran).rejects.toMatchObject({ code: 'BOUNCED', variables: { reason: 'no mailbox' } });
    expect(recorded.sets).toEqual([]);
  });

  it('raises an incident once the job is out of retries', async () => {
    // given a job failing for good
    runJob.mockRejectedValue(jobFailure(new Error('SMTP refused')));
    const { ctx } = fakeElementContext();
    // when it runs
    const ran = serviceTask.execute(sendEmail(), ctx);
    // then the task stops with an incident naming the job and the cause
    await expect(ran).rejects.toMatchObject({
      type: 'Incident',
      message: "job 'send-email' failed: SMTP refused",
      details: [{ elementId: 'mail' }],
    });
  });
});
