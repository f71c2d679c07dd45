/** The head of a page: its title with badges beside it, and the page's actions on the right. */
import { h, withBusy, type Child } from './dom';
import { errorMessage } from './errors';
import { notify } from './notices';

/** `title` is the page's h1 (focused on arrival), or its text; `badges` sit beside it. */
export function pageHead(title: HTMLElement | string, badges: Child[] = [], actions: Child[] = []): HTMLElement {
  const heading = typeof title === 'string' ? h('h1', { class: 'page-title', tabindex: -1 }, title) : title;
  const shownActions = actions.filter(Boolean);
  return h(
    'div',
    { class: 'page-head' },
    h('div', { class: 'page-head__title' }, heading, ...badges),
    shownActions.length ? h('div', { class: 'page-head__actions' }, ...shownActions) : null,
  );
}

/** A state badge: the state's name in the app's language. */
export function stateBadge(text: string): HTMLElement {
  return h('span', { class: 'badge' }, text);
}

/**
 * A button that runs one call to the API while it shows busy: on success the page is drawn again with the answer
 * and `done` is announced; a refusal is announced and the page stays as it was.
 */
export function actionButton<T>(
  label: string,
  kind: 'primary' | 'secondary',
  call: () => Promise<T>,
  onDone: (answer: T) => void,
  done: string,
): HTMLButtonElement {
  const button = h('button', { type: 'button', class: `btn btn--${kind}` }, label);
  button.addEventListener(
    'click',
    () =>
      void withBusy(button, async () => {
        try {
          onDone(await call());
          notify(done, 'success');
        } catch (err) {
          notify(errorMessage(err), 'error');
        }
      }),
  );
  return button;
}
