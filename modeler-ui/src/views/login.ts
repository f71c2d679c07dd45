import { api, ApiError } from '../api';
import { h, uid, withBusy } from '../lib/dom';
import { errorMessage } from '../lib/errors';
import { t } from '../i18n';
import type { View } from './types';

/** Sign-in form. On success the app rebuilds the shell and goes to `?next=` (or the queue). */
export const loginView: View = (ctx) => {
  ctx.setTitle(t('auth.loginTitle'));
  const next = ctx.query.get('next') ?? '/tasks';
  const errorId = uid('login-error');
  const usernameId = uid('username');
  const passwordId = uid('password');

  const username = h('input', {
    id: usernameId,
    name: 'username',
    class: 'input',
    type: 'text',
    autocomplete: 'username',
    autocapitalize: 'none',
    spellcheck: 'false',
    required: true,
  });
  const password = h('input', {
    id: passwordId,
    name: 'password',
    class: 'input',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const error = h('div', { id: errorId, class: 'form-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'btn btn--primary btn--block' }, t('auth.submit'));

  const showError = (message: string | null, focus?: HTMLInputElement): void => {
    error.hidden = !message;
    error.textContent = message ?? '';
    for (const input of [username, password]) {
      if (message) {
        input.setAttribute('aria-describedby', errorId);
      } else {
        input.removeAttribute('aria-describedby');
      }
      input.removeAttribute('aria-invalid');
    }
    if (focus) {
      focus.setAttribute('aria-invalid', 'true');
      focus.focus();
    }
  };

  const form = h(
    'form',
    { class: 'login__form', novalidate: true },
    error,
    h('div', { class: 'field' }, h('label', { class: 'field__label', for: usernameId }, t('auth.username')), username),
    h('div', { class: 'field' }, h('label', { class: 'field__label', for: passwordId }, t('auth.password')), password),
    submit,
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const credentials = { username: username.value.trim(), password: password.value };
    if (!credentials.username || !credentials.password) {
      showError(t('auth.required'), credentials.username ? password : username);
      return;
    }
    showError(null);
    submit.textContent = t('auth.submitting');
    void withBusy(submit, async () => {
      try {
        const user = await api.auth.login(credentials);
        ctx.signedIn(user, next);
      } catch (err) {
        if (!submit.isConnected) return;
        submit.textContent = t('auth.submit');
        password.value = '';
        showError(loginFailure(err), password);
      }
    });
  });

  ctx.outlet.replaceChildren(
    h(
      'section',
      { class: 'login card', 'aria-labelledby': 'login-title' },
      h('h1', { id: 'login-title', class: 'page-title', tabindex: -1 }, t('auth.loginTitle')),
      h('p', { class: 'muted' }, t('auth.loginIntro')),
      form,
    ),
  );
  username.focus();
};

/** Why the login failed, in the page's language: the credentials (401) or a lockout (429); else the server's words. */
function loginFailure(err: unknown): string {
  if (err instanceof ApiError && err.status === 401) return t('auth.invalidCredentials');
  if (err instanceof ApiError && err.status === 429) {
    return t('login.tooManyAttempts', { minutes: Math.max(1, Math.ceil((err.retryAfterSeconds ?? 60) / 60)) });
  }
  return errorMessage(err);
}
