/**
 * Keeps the server's copy of a draft up to date: a save shortly after the last change, and one more when the page is
 * hidden or left (sent with `keepalive`, so it survives a reload). This tab's newest content is also kept in memory,
 * so reopening the page in the same tab (a language switch re-renders it) never shows an older server copy.
 */
import { api, type FormSchema } from '../api';

export interface DraftContent {
  xml: string;
  forms: Record<string, FormSchema>;
}

export type SaveState = 'saving' | 'saved' | 'failed';

const DEBOUNCE_MS = 1000;
/** Browsers refuse keepalive bodies over 64 KiB; a larger draft is sent as an ordinary request. */
const KEEPALIVE_LIMIT = 60_000;
const newestInThisTab = new Map<string, DraftContent>();

export function unsavedInThisTab(key: string): DraftContent | undefined {
  return newestInThisTab.get(key);
}

export function forgetInThisTab(key: string): void {
  newestInThisTab.delete(key);
}

export class DraftAutosave {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: DraftContent | undefined;
  private readonly onPageHide = (): void => this.flush();
  private readonly onVisibility = (): void => {
    if (document.visibilityState === 'hidden') this.flush();
  };

  constructor(
    private readonly key: string,
    private readonly onState: (state: SaveState) => void,
  ) {
    window.addEventListener('pagehide', this.onPageHide);
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  /** Records the newest content and saves it once the changes pause. */
  changed(content: DraftContent): void {
    this.pending = content;
    newestInThisTab.set(this.key, content);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), DEBOUNCE_MS);
  }

  /** Sends what is not saved yet, now. */
  flush(): void {
    clearTimeout(this.timer);
    const content = this.pending;
    if (!content) return;
    this.pending = undefined;
    this.onState('saving');
    const keepalive = JSON.stringify(content).length < KEEPALIVE_LIMIT;
    api.drafts.saveDraft(this.key, content, { keepalive }).then(
      () => this.onState(this.pending ? 'saving' : 'saved'),
      () => {
        this.pending ??= content;
        this.onState('failed');
      },
    );
  }

  /** Stops watching; whatever is unsaved is sent first. */
  dispose(): void {
    this.flush();
    window.removeEventListener('pagehide', this.onPageHide);
    document.removeEventListener('visibilitychange', this.onVisibility);
  }

  /** Stops without saving (the draft was deployed or discarded). */
  cancel(): void {
    clearTimeout(this.timer);
    this.pending = undefined;
    newestInThisTab.delete(this.key);
    window.removeEventListener('pagehide', this.onPageHide);
    document.removeEventListener('visibilitychange', this.onVisibility);
  }
}
