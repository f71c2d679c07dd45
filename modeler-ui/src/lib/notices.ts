/**
 * Page notices (success/info/error) shown in a live region under the header. A notice can survive the
 * next navigation (`keep: true`), e.g. "task completed" shown on the queue after leaving the task page.
 */
import { h } from './dom';
import { t } from '../i18n';

export type NoticeKind = 'success' | 'info' | 'error';

interface Notice {
  id: number;
  kind: NoticeKind;
  message: string;
  /** Navigations this notice still survives. */
  keep: number;
}

let notices: Notice[] = [];
let nextId = 1;
let region: HTMLElement | null = null;

/** Where notices render; the shell calls this with its live region. */
export function mountNotices(el: HTMLElement): void {
  region = el;
  renderNotices();
}

export function notify(message: string, kind: NoticeKind = 'info', options: { keep?: boolean } = {}): void {
  notices = [...notices, { id: nextId++, kind, message, keep: options.keep ? 1 : 0 }];
  renderNotices();
}

export function dismiss(id: number): void {
  notices = notices.filter((n) => n.id !== id);
  renderNotices();
}

/** Called by the router on every navigation. */
export function onNavigate(): void {
  notices = notices.filter((n) => n.keep > 0).map((n) => ({ ...n, keep: n.keep - 1 }));
  renderNotices();
}

function renderNotices(): void {
  if (!region || !region.isConnected) return;
  region.replaceChildren(
    ...notices.map((n) =>
      h(
        'div',
        { class: ['notice', `notice--${n.kind}`], role: n.kind === 'error' ? 'alert' : 'status' },
        h('p', { class: 'notice__text' }, n.message),
        h(
          'button',
          {
            type: 'button',
            class: 'notice__close',
            'aria-label': t('notice.dismiss'),
            on: { click: () => dismiss(n.id) },
          },
          '×',
        ),
      ),
    ),
  );
}
