/**
 * The external jobs an instance is waiting on, and the jobOutcome update that ends each wait. The validator runs
 * inside the workflow, so a job gets exactly one outcome: a second one, or one for a job no element waits for any
 * more, is refused before anything reaches history.
 */
import { ApplicationFailure, condition } from '@temporalio/workflow';
import { FailureType, type JobOutcome, type JobOutcomeInput } from '../shared/workflow-contract';

export class ExternalJobWaits {
  /** By idempotency key: an outcome may arrive before the activity that wrote the row has returned. */
  private readonly open = new Map<string, { outcome?: JobOutcome }>();

  register(idempotencyKey: string): void {
    this.open.set(idempotencyKey, {});
  }

  /** Update validator. */
  validate(input: JobOutcomeInput): void {
    const job = this.open.get(input.idempotencyKey);
    if (!job || job.outcome) {
      throw ApplicationFailure.create({
        type: FailureType.JobNotWaiting,
        message: `No element waits for job ${input.jobKey} any more.`,
      });
    }
  }

  /** Update handler: hands the outcome to the waiting element. */
  deliver(input: JobOutcomeInput): void {
    const job = this.open.get(input.idempotencyKey);
    if (job) job.outcome = input.outcome;
  }

  async waitForOutcome(idempotencyKey: string): Promise<JobOutcome> {
    let outcome: JobOutcome | undefined;
    await condition(() => (outcome = this.open.get(idempotencyKey)?.outcome) !== undefined);
    return outcome as JobOutcome;
  }

  close(idempotencyKey: string): void {
    this.open.delete(idempotencyKey);
  }
}
