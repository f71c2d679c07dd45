/**
 * My settings: which notification mail I get (assigned, due soon, overdue in my unit) and its language. Saved as a
 * whole with one button; the server keeps what it was given. Below, logging out everywhere (docs/security.md).
 */
import { api, isAbort, type NotificationPreferences } from '../api';
import { card, h, uid, withBusy } from '../lib/dom';
import { errorMessage } from '../lib/errors';
import { notify } from '../lib/notices';
import { t, type MessageKey } from '../i18n';
import { errorBlock, loadingBlock } from './components/status';
import { setUser } from '../session';
import type { View, ViewContext } from './types';

type Kind = 'assigned' | 'reminder' | 'overdue';
const KINDS: readonly Kind[] = ['assigned', 'reminder', 'overdue'];

export const settingsView: View = async (ctx) => {
  ctx.setTitle(t('settings.title'));
  const body = h('div', { class: 'settings', 'aria-busy': 'true' }, loadingBlock());
  ctx.outlet.replaceChildren(
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title', tabindex: -1 }, t('settings.title'))),
    h('p', { class: 'muted page-intro' }, t('settings.intro')),
    body,
  );

  async function load(): Promise<void> {
    try {
      const preferences = await api.me.getNotificationPreferences(ctx.signal);
      if (ctx.signal.aborted) return;
      body.replaceChildren(preferencesForm(preferences), sessionsCard(ctx));
    } catch (err) {
      if (isAbort(err) || ctx.signal.aborted) return;
      body.replaceChildren(errorBlock(errorMessage(err), () => void load()));
    } finally {
      body.setAttribute('aria-busy', 'false');
    }
  }

  await load();
};

function preferencesForm(preferences: NotificationPreferences): HTMLElement {
  const checkboxes = new Map(
    KINDS.map((kind) => [
      kind,
      h('input', { type: 'checkbox', id: uid(`settings-${kind}`), name: kind, props: { checked: preferences[kind] } }),
    ]),
  );
  const kindsFieldset = h(
    'fieldset',
    { class: 'settings__group' },
    h('legend', { class: 'field__label' }, t('settings.kinds')),
    ...KINDS.map((kind) => {
      const box = checkboxes.get(kind) as HTMLInputElement;
      return h(
        'div',
        { class: 'settings__option' },
        box,
        h('label', { for: box.id }, t(`settings.kind.${kind}` as MessageKey)),
        h('p', { class: 'field__hint' }, t(`settings.kindHint.${kind}` as MessageKey)),
      );
    }),
  );

  const languages = (['ko', 'en'] as const).map((language) =>
    h('input', {
      type: 'radio',
      id: uid(`settings-language-${language}`),
      name: 'language',
      value: language,
      props: { checked: preferences.language === language },
    }),
  );
  const languageFieldset = h(
    'fieldset',
    { class: 'settings__group' },
    h('legend', { class: 'field__label' }, t('settings.language')),
    ...languages.map((radio) =>
      h(
        'div',
        { class: 'settings__option' },
        radio,
        h('label', { for: radio.id, lang: radio.value }, t(`settings.language.${radio.value}` as MessageKey)),
      ),
    ),
  );

  const save = h('button', { type: 'submit', class: 'btn btn--primary' }, t('settings.save'));
  const form = h(
    'form',
    { class: 'settings__form', novalidate: true },
    kindsFieldset,
    languageFieldset,
    h('div', { class: 'settings__actions' }, save),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const language = languages.find((radio) => radio.checked)?.value === 'en' ? 'en' : 'ko';
    const changes: NotificationPreferences = {
      language,
      assigned: (checkboxes.get('assigned') as HTMLInputElement).checked,
      reminder: (checkboxes.get('reminder') as HTMLInputElement).checked,
      overdue: (checkboxes.get('overdue') as HTMLInputElement).checked,
    };
    void withBusy(save, async () => {
      try {
        await api.me.updateNotificationPreferences(changes);
        notify(t('settings.saved'), 'success');
      } catch (err) {
        notify(errorMessage(err), 'error');
      }
    });
  });
  return card(t('settings.notifications'), 'settings__card', form);
}

/** Ends every session of mine, this one too, and goes to the login page as the header's logout does. */
function sessionsCard(ctx: ViewContext): HTMLElement {
  const button = h('button', { type: 'button', class: 'btn btn--secondary' }, t('login.logoutEverywhere'));
  button.addEventListener('click', () => {
    void withBusy(button, async () => {
      try {
        await api.auth.logoutEverywhere();
      } catch (err) {
        notify(errorMessage(err), 'error');
        return;
      }
      setUser(null);
      notify(t('login.loggedOutEverywhere'), 'info', { keep: true });
      ctx.navigate('/login');
    });
  });
  return card(t('login.sessions'), 'settings__card', h('p', { class: 'muted' }, t('login.sessionsIntro')), button);
}
