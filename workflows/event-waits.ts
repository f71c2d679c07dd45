/**
 * Elements waiting for a message or a signal. Each wait is registered in the workflow before its subscription row
 * is written, so a delivery that arrives while the row is being written is not missed. A message reaches one
 * waiting element per instance (the earliest); a signal reaches every element waiting for it.
 */
import { CancellationScope, condition } from '@temporalio/workflow';
import type { Variables } from '../shared/feel';
import type { MessageDelivery, SignalDelivery } from '../shared/workflow-contract';
import { correlation } from './activities';
import type { Suspension } from './suspension';

export interface EventWait {
  elementId: string;
  elementInstanceId: string;
  kind: 'message' | 'signal';
  name: string;
  correlationKey?: string;
}

interface Registered extends EventWait {
  delivered?: Variables;
}

export class EventWaits {
  private readonly waits: Registered[] = [];
  /** Message ids already delivered: the API may deliver a message twice (a retry), the instance takes it once. */
  private readonly seen = new Set<string>();

  constructor(private readonly suspension: Suspension) {}

  deliverMessage(delivery: MessageDelivery): void {
    if (this.seen.has(delivery.messageId)) return;
    const wait = this.waits.find(
      (w) =>
        !w.delivered &&
        w.kind === 'message' &&
        w.name === delivery.name &&
        w.correlationKey === delivery.correlationKey,
    );
    if (!wait) return;
    this.seen.add(delivery.messageId);
    wait.delivered = delivery.variables;
  }

  deliverSignal(delivery: SignalDelivery): void {
    if (this.seen.has(delivery.signalId)) return;
    this.seen.add(delivery.signalId);
    for (const wait of this.waits) {
      if (!wait.delivered && wait.kind === 'signal' && wait.name === delivery.name) wait.delivered = delivery.variables;
    }
  }

  /** Subscription rows being opened or closed: continue-as-new waits for them (a buffered message must not be lost). */
  private inFlight = 0;

  settled(): boolean {
    return this.inFlight === 0;
  }

  /**
   * Waits for the event; resolves with the variables it carried. The subscription row lives exactly as long.
   * `onWaiting` is called once the row is open and nothing was buffered for it: from then on only a delivery ends the wait.
   */
  async waitFor(instanceId: string, wait: EventWait, onWaiting: () => void = () => undefined): Promise<Variables> {
    const registered: Registered = { ...wait };
    this.waits.push(registered);
    try {
      const buffered = await this.counted(() => correlation.openSubscription({ instanceId, ...wait }));
      if (buffered) {
        this.seen.add(buffered.messageId);
        return buffered.variables;
      }
      onWaiting();
      await condition(() => registered.delivered !== undefined);
      // A message or signal delivered while the instance is suspended is held until resume.
      if (this.suspension.suspended) await this.suspension.resumed();
      return registered.delivered as Variables;
    } finally {
      this.waits.splice(this.waits.indexOf(registered), 1);
      await CancellationScope.nonCancellable(() =>
        this.counted(() => correlation.closeSubscription({ instanceId, elementInstanceId: wait.elementInstanceId })),
      );
    }
  }

  private async counted<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight += 1;
    try {
      return await work();
    } finally {
      this.inFlight -= 1;
    }
  }

  seenIds(): string[] {
    return [...this.seen];
  }

  restoreSeen(ids: string[]): void {
    for (const id of ids) this.seen.add(id);
  }
}
