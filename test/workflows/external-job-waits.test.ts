/** The jobOutcome update's validator: what makes an external job end exactly once, decided inside the workflow. */
import { ApplicationFailure } from '@temporalio/workflow';
import { FailureType, type JobOutcomeInput } from '../../shared/workflow-contract';
import { ExternalJobWaits } from '../../workflows/external-job-waits';

const completion = (idempotencyKey: string): JobOutcomeInput => ({
  jobKey: '42',
  idempotencyKey,
  outcome: { kind: 'completed', variables: { done: true } },
});

function refusal(waits: ExternalJobWaits, input: JobOutcomeInput): unknown {
  try {
    waits.validate(input);
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('ExternalJobWaits: one outcome per job, only while an element waits for it', () => {
  it('accepts the first outcome of a job an element waits for', () => {
    const waits = new ExternalJobWaits();
    waits.register('i:work#1#a');
    expect(refusal(waits, completion('i:work#1#a'))).toBeUndefined();
  });

  it('refuses a second outcome once one was delivered', () => {
    // given a job that has its outcome
    const waits = new ExternalJobWaits();
    waits.register('i:work#1#a');
    waits.deliver(completion('i:work#1#a'));
    // then another one is refused, as JobNotWaiting
    const error = refusal(waits, { ...completion('i:work#1#a'), outcome: { kind: 'failed', errorMessage: 'late' } });
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect((error as ApplicationFailure).type).toBe(FailureType.JobNotWaiting);
  });

  it('refuses an outcome for a job whose element was left, or that it never started', () => {
    const waits = new ExternalJobWaits();
    waits.register('i:work#1#a');
    waits.close('i:work#1#a');
    expect((refusal(waits, completion('i:work#1#a')) as ApplicationFailure).type).toBe(FailureType.JobNotWaiting);
    expect((refusal(waits, completion('i:other#2#b')) as ApplicationFailure).type).toBe(FailureType.JobNotWaiting);
  });
});
