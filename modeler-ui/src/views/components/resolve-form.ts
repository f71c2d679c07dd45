import type { Variables } from '../../api';
import { h, uid, withBusy } from '../../lib/dom';
import { t } from '../../i18n';

export type ParsedVariables = { ok: true; variables: Variables | undefined } | { ok: false; message: string };

/** The textarea's text as variables: empty → none; otherwise it must be a JSON object. */
export function parseVariablesJson(text: string): ParsedVariables {
  if (!text.trim()) return { ok: true, variables: undefined };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: t('incident.err.json', { detail: err instanceof Error ? err.message : String(err) }) };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { ok: false, message: t('incident.err.notObject') };
  return { ok: true, variables: value as Variables };
}

export interface ResolveForm {
  element: HTMLElement;
  /** Shows a message under the textarea (or clears it with null). */
  setError: (message: string | null) => void;
}

/**
 * Variables (a JSON object, checked in the browser) and the "resolve and retry" button. `onResolve` runs only
 * with valid input; while it runs the button is busy.
 */
export function createResolveForm(
  elementId: string,
  onResolve: (variables: Variables | undefined) => Promise<void>,
): ResolveForm {
  const titleId = uid('resolve');
  const inputId = uid('resolve-vars');
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const textarea = h('textarea', {
    id: inputId,
    name: 'variables',
    class: 'input input--mono',
    rows: 6,
    spellcheck: 'false',
    autocomplete: 'off',
    placeholder: '{"channel": "online"}',
    'aria-describedby': hintId,
  });
  const error = h('p', { id: errorId, class: 'field__error', role: 'alert', hidden: true });
  const button = h('button', { type: 'submit', class: 'btn btn--primary btn--large' }, t('incident.resolveButton'));

  const setError = (message: string | null): void => {
    error.hidden = !message;
    error.textContent = message ?? '';
    if (message) {
      textarea.setAttribute('aria-invalid', 'true');
      textarea.setAttribute('aria-describedby', `${hintId} ${errorId}`);
    } else {
      textarea.removeAttribute('aria-invalid');
      textarea.setAttribute('aria-describedby', hintId);
    }
  };

  const form = h(
    'form',
    { class: 'resolve', novalidate: true, 'aria-labelledby': titleId },
    h('h2', { id: titleId, class: 'card__title' }, t('incident.resolve')),
    h('p', { class: 'muted' }, t('incident.resolveIntro', { elementId })),
    h(
      'div',
      { class: 'field' },
      h('label', { class: 'field__label', for: inputId }, t('incident.variablesInput')),
      h('p', { id: hintId, class: 'field__hint' }, t('incident.variablesHint')),
      textarea,
      error,
    ),
    h('div', { class: 'resolve__actions' }, button),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (button.disabled) return;
    const parsed = parseVariablesJson(textarea.value);
    if (!parsed.ok) {
      setError(parsed.message);
      textarea.focus();
      return;
    }
    setError(null);
    void withBusy(button, () => onResolve(parsed.variables));
  });
  return { element: h('section', { class: 'card' }, form), setError };
}
