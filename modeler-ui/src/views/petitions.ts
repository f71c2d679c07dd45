/**
 * 민원: the petitions within the caller's reach (a petitioner their own, a clerk their unit's, a manager their part
 * of the org chart) and one petition with its receipt number, due date, state and history.
 */
import { api, isAbort } from '../api';
import type { Petition } from '../api/petitions';
import { card, h } from '../lib/dom';
import { dataTable } from '../lib/table';
import { errorMessage } from '../lib/errors';
import { formatDateTime } from '../lib/format';
import { href } from '../router';
import { getUser } from '../session';
import { t, type MessageKey } from '../i18n';
import { errorBlock, loadingBlock } from './components/status';
import type { View, ViewContext } from './types';

export const petitionsView: View = async (ctx) => {
  ctx.setTitle(t('petitions.list.title'));
  const roles = getUser()?.roles ?? [];
  const mayFile = roles.includes('external-party') || roles.includes('civil-servant');
  await load(
    ctx,
    t('petitions.list.title'),
    mayFile ? h('a', { class: 'btn btn--primary', href: href('/petitions/new') }, t('petitions.new.title')) : null,
    async () => card(t('petitions.list.title'), null, petitionTable(await api.petitions.listPetitions(ctx.signal))),
  );
};

export const petitionDetailView: View = async (ctx) => {
  const id = ctx.params.id ?? '';
  await load(ctx, t('petitions.detail.title'), null, async (heading) => {
    const petition = await api.petitions.getPetition(id, ctx.signal);
    ctx.setTitle(petition.title);
    heading.textContent = petition.title;
    const row = (key: MessageKey, value: string) => [h('dt', null, t(key)), h('dd', null, value)];
    return h(
      'div',
      null,
      card(
        t('petitions.detail.title'),
        null,
        h(
          'dl',
          { class: 'facts' },
          ...row('petitions.field.receiptNumber', petition.receiptNumber ?? '-'),
          ...row('petitions.field.state', t(`petitions.state.${petition.state}` as MessageKey)),
          ...row('petitions.field.receivedAt', formatDateTime(petition.receivedAt)),
          ...row('petitions.field.dueAt', formatDateTime(petition.dueAt)),
          ...(petition.outcome
            ? row('petitions.field.outcome', t(`petitions.outcome.${petition.outcome}` as MessageKey))
            : []),
          ...(petition.transferredTo ? row('petitions.field.transferredTo', petition.transferredTo) : []),
        ),
      ),
      card(
        t('petitions.detail.history'),
        null,
        h(
          'ol',
          { class: 'history' },
          ...petition.history.map((entry) =>
            h('li', null, h('time', { datetime: entry.at }, formatDateTime(entry.at)), ` ${eventLabel(entry.event)}`),
          ),
        ),
      ),
    );
  });
};

/** The page head, then what `render` makes of the answer (it may retitle the heading), or the error. */
async function load(
  ctx: ViewContext,
  title: string,
  action: HTMLElement | null,
  render: (heading: HTMLElement) => Promise<HTMLElement>,
) {
  const body = h('div', { 'aria-busy': 'true' }, loadingBlock());
  const heading = h('h1', { class: 'page-title', tabindex: -1 }, title);
  ctx.outlet.replaceChildren(
    h('div', { class: 'page-head' }, heading, action ? h('div', { class: 'page-head__actions' }, action) : null),
    body,
  );
  try {
    const content = await render(heading);
    if (!ctx.signal.aborted) body.replaceChildren(content);
  } catch (err) {
    if (isAbort(err) || ctx.signal.aborted) return;
    body.replaceChildren(
      errorBlock(errorMessage(err), () => ctx.navigate(window.location.hash.slice(1), { replace: true })),
    );
  } finally {
    body.setAttribute('aria-busy', 'false');
  }
}

/** An event of the petition's record (the audit action after `petition.`) in words. */
function eventLabel(event: string): string {
  return t(`petitions.event.${event}` as MessageKey);
}

function petitionTable(petitions: Petition[]): HTMLElement {
  if (!petitions.length) return h('p', { class: 'empty' }, t('petitions.list.empty'));
  return dataTable({
    headings: [
      'petitions.field.receiptNumber',
      'petitions.field.title',
      'petitions.field.state',
      'petitions.field.dueAt',
    ],
    rows: petitions.map((petition) =>
      h(
        'tr',
        null,
        h('td', null, petition.receiptNumber ?? '-'),
        h(
          'th',
          { scope: 'row' },
          h('a', { href: href(`/petitions/${encodeURIComponent(petition.id)}`) }, petition.title),
        ),
        h('td', null, t(`petitions.state.${petition.state}` as MessageKey)),
        h('td', null, formatDateTime(petition.dueAt)),
      ),
    ),
  });
}
