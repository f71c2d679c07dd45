/**
 * 민원 신청: a petitioner files a petition (a clerk registers one received at the counter) with the fields of the
 * process's filing form; the server checks them against that form and starts the civil-petition process.
 */
import { api, isAbort } from '../api';
import type { PetitionTypeOption } from '../api/petitions';
import { card, h, withBusy } from '../lib/dom';
import { field } from '../lib/field';
import { errorMessage } from '../lib/errors';
import { notify } from '../lib/notices';
import { getUser } from '../session';
import { t } from '../i18n';
import { errorBlock, loadingBlock } from './components/status';
import type { View } from './types';

export const petitionNewView: View = async (ctx) => {
  ctx.setTitle(t('petitions.new.title'));
  const heading = h('h1', { class: 'page-title', tabindex: -1 }, t('petitions.new.title'));
  ctx.outlet.replaceChildren(heading, h('div', { 'aria-busy': 'true' }, loadingBlock()));
  let types: PetitionTypeOption[];
  try {
    types = await api.petitions.listPetitionTypes(ctx.signal);
  } catch (err) {
    if (isAbort(err) || ctx.signal.aborted) return;
    ctx.outlet.replaceChildren(
      heading,
      errorBlock(errorMessage(err), () => ctx.navigate('/petitions/new')),
    );
    return;
  }
  if (ctx.signal.aborted) return;
  const form = filingForm(types, () => {
    notify(t('petitions.new.filed'), 'success', { keep: true });
    ctx.navigate('/petitions');
  });
  ctx.outlet.replaceChildren(heading, h('p', { class: 'muted page-intro' }, t('petitions.new.intro')), form);
};

function filingForm(types: PetitionTypeOption[], onFiled: () => void): HTMLFormElement {
  const user = getUser();
  const type = h(
    'select',
    { class: 'input', name: 'typeCode', required: true },
    ...types.map((option) => h('option', { value: option.code }, option.name)),
  );
  const title = h('input', { class: 'input', name: 'title', required: true, maxlength: 300 });
  const content = h('textarea', { class: 'input', name: 'content', rows: 6, required: true });
  const name = h('input', { class: 'input', name: 'name', required: true, value: user?.displayName ?? '' });
  const email = h('input', { class: 'input', name: 'email', type: 'email', required: true });
  const error = h('div', { class: 'form-error', role: 'alert', hidden: true, tabindex: -1 });
  const submit = h('button', { type: 'submit', class: 'btn btn--primary btn--large' }, t('petitions.new.submit'));
  const form = h(
    'form',
    { class: 'petition-new', novalidate: true },
    error,
    card(
      t('petitions.new.title'),
      null,
      field(t('petitions.field.type'), type),
      field(t('petitions.field.title'), title),
      field(t('petitions.field.content'), content),
      field(t('petitions.field.petitionerName'), name),
      field(t('petitions.field.petitionerEmail'), email),
    ),
    h('div', { class: 'decision' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void withBusy(submit, async () => {
      error.hidden = true;
      try {
        await api.petitions.filePetition({
          typeCode: type.value,
          title: title.value,
          content: content.value,
          petitioner: { name: name.value, email: email.value },
        });
        onFiled();
      } catch (err) {
        error.textContent = errorMessage(err);
        error.hidden = false;
        error.focus();
      }
    });
  });
  return form;
}
