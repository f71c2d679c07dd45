/**
 * The element history of one instance, gathered in the workflow and handed to PostgreSQL by the next activity
 * (every projection carries what is pending), so a pure step costs no activity and no history event.
 */
import { CancellationScope } from '@temporalio/workflow';
import type { ElementHistoryEntry } from '../shared/workflow-contract';
import { hasPatch } from './patches';

type Started = Omit<ElementHistoryEntry, 'state' | 'startedAt' | 'endedAt'>;

export class ElementHistory {
  private readonly open = new Map<string, ElementHistoryEntry>();
  private readonly pending = new Map<string, ElementHistoryEntry>();

  started(element: Started): void {
    const entry: ElementHistoryEntry = { ...element, state: 'ACTIVE', startedAt: new Date(Date.now()).toISOString() };
    this.open.set(entry.elementInstanceId, entry);
    this.pending.set(entry.elementInstanceId, entry);
  }

  /** An incident stops the element (INCIDENT), resolving it makes it ACTIVE again; the other states end it. */
  changed(elementInstanceId: string, state: ElementHistoryEntry['state']): void {
    const entry = this.open.get(elementInstanceId);
    if (!entry) return;
    const changed: ElementHistoryEntry = { ...entry, state };
    if (state === 'COMPLETED' || state === 'TERMINATED') {
      changed.endedAt = new Date(Date.now()).toISOString();
      this.open.delete(elementInstanceId);
    } else {
      this.open.set(elementInstanceId, changed);
    }
    this.pending.set(elementInstanceId, changed);
  }

  /** Forgets an element instance that turned out not to be one (a token absorbed into a join), if not yet written. */
  discard(elementInstanceId: string): void {
    if (!this.pending.has(elementInstanceId)) return;
    this.pending.delete(elementInstanceId);
    this.open.delete(elementInstanceId);
  }

  hasPending(): boolean {
    return this.pending.size > 0;
  }

  /** The entries not yet handed to an activity, and forgets them. */
  drain(): ElementHistoryEntry[] | undefined {
    if (this.pending.size === 0) return undefined;
    const entries = [...this.pending.values()];
    this.pending.clear();
    return entries;
  }

  /** Open elements, for continue-as-new. */
  openEntries(): ElementHistoryEntry[] {
    return [...this.open.values()];
  }

  /** What a previous run handed over: the open elements, and the entries no activity had carried yet. */
  restore(open: ElementHistoryEntry[], pending: ElementHistoryEntry[]): void {
    for (const entry of open) this.open.set(entry.elementInstanceId, entry);
    for (const entry of pending) this.pending.set(entry.elementInstanceId, entry);
  }
}

/** One history per workflow run: workflow module state is isolated per execution by the Temporal sandbox. */
export const elementHistory = new ElementHistory();

/**
 * Writes the pending history now, with an activity of its own, before a wait that starts no activity (a timer, a
 * condition, an external worker), so the operations console does not show a stale path for as long as the
 * instance waits. (Patched: histories recorded before this change have no such activity.)
 */
export async function writeHistoryNow(
  instanceId: string,
  record: (input: { instanceId: string }) => Promise<void>,
): Promise<void> {
  if (!elementHistory.hasPending() || !hasPatch('element-history-before-waits')) return;
  // The entries leave the buffer when the activity is scheduled: it must run even if the path is being cancelled.
  await CancellationScope.nonCancellable(() => record({ instanceId }));
}
