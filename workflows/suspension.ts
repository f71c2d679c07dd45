/**
 * Suspending an instance: an operator stops it moving without ending it. While suspended no token enters an
 * element, a timer that comes due or a message that arrives is held until resume (then the held firing happens
 * once), and task completions and incident retries are refused. Deadlines keep counting: they are wall-clock or
 * legal-time instants, and suspension stops neither. The checks are synchronous while the instance runs, so an
 * instance that is never suspended issues exactly the commands it did before this module existed.
 */
import { ApplicationFailure, condition } from '@temporalio/workflow';
import { FailureType, type SuspendInstanceInput } from '../shared/workflow-contract';
import { instanceIndex } from './activities';

export class Suspension {
  private suspendedNow = false;
  /** Firings and deliveries waiting for resume: a new run could not take them over, so none may be in flight. */
  private held = 0;

  constructor(
    private readonly instanceId: string,
    /** Carried over by continue-as-new (continue-as-new.ts). */
    suspended = false,
  ) {
    this.suspendedNow = suspended;
  }

  get suspended(): boolean {
    return this.suspendedNow;
  }

  /** Resolves once the instance runs again; callers check `suspended` first, so a running instance never awaits. */
  async resumed(): Promise<void> {
    this.held += 1;
    try {
      await condition(() => !this.suspendedNow);
    } finally {
      this.held -= 1;
    }
  }

  holdsAny(): boolean {
    return this.held > 0;
  }

  /** Refuses work that would move a token (a task completion, an incident retry) while suspended. */
  refuseWhileSuspended(): void {
    if (this.suspendedNow)
      throw ApplicationFailure.create({
        type: FailureType.InstanceSuspended,
        message: `Instance ${this.instanceId} is suspended; resume it first.`,
      });
  }

  validateSuspend(): void {
    this.refuseWhileSuspended();
  }

  validateResume(): void {
    if (!this.suspendedNow)
      throw ApplicationFailure.create({
        type: FailureType.InstanceNotSuspended,
        message: `Instance ${this.instanceId} is not suspended.`,
      });
  }

  /** Update handlers: the flag flips at once (tokens stop), the index and the audit trail follow. */
  async suspend(request: SuspendInstanceInput): Promise<void> {
    this.suspendedNow = true;
    await instanceIndex.recordSuspension({ instanceId: this.instanceId, suspended: true, ...request });
  }

  async resume(request: SuspendInstanceInput): Promise<void> {
    this.suspendedNow = false;
    await instanceIndex.recordSuspension({ instanceId: this.instanceId, suspended: false, ...request });
  }
}
