/**
 * The element history of one instance, gathered in the workflow and handed to PostgreSQL by the next activity
 * (every projection carries what is pending), so a pure step costs no activity and no history event.
 */
import type { ElementHistoryEntry } from '../shared/messages';

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

  restore(open: ElementHistoryEntry[]): void {
    for (const entry of open) this.open.set(entry.elementInstanceId, entry);
  }
}

/** One history per workflow run: workflow module state is isolated per execution by the Temporal sandbox. */
export const elementHistory = new ElementHistory();
