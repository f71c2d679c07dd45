import { h } from '../../lib/dom';
import { t } from '../../i18n';

export function loadingBlock(): HTMLElement {
  return h(
    'p',
    { class: 'loading', role: 'status' },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }),
    t('app.loading'),
  );
}

export function errorBlock(message: string, retry?: () => void): HTMLElement {
  return h(
    'div',
    { class: 'form-error', role: 'alert' },
    h('p', null, message),
    retry
      ? h('button', { type: 'button', class: 'btn btn--secondary btn--small', on: { click: retry } }, t('error.retry'))
      : null,
  );
}
