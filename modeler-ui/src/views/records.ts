/**
 * The records officer's retention expiry list (docs/records.md): approved documents whose retention ends before a
 * date, soonest first, a page at a time, and the whole list as CSV. The date is in the address, so the list can be
 * bookmarked; by default, what ends by the end of this year.
 */
import { api, ApiError, isAbort } from '../api';
import type { ExpiringDocument } from '../api/records';
import { h, withBusy } from '../lib/dom';
import { dataTable } from '../lib/table';
import { errorMessage } from '../lib/errors';
import { href } from '../router';
import { t, type MessageKey } from '../i18n';
import { disclosureName, retentionName } from './components/records-fields';
import { errorBlock, loadingBlock } from './components/status';
import type { View, ViewContext } from './types';

export const recordsView: View = async (ctx) => {
  ctx.setTitle(t('records.expiry.title'));
  const expiringBefore = ctx.query.get('expiringBefore') ?? nextNewYear();
  const body = h('div', { 'aria-busy': 'true' }, loadingBlock());
  ctx.outlet.replaceChildren(
    h('h1', { class: 'page-title', tabindex: -1 }, t('records.expiry.title')),
    h('p', { class: 'muted page-intro' }, t('records.expiry.intro')),
    picker(ctx, expiringBefore),
    body,
  );
  try {
    const first = await api.records.listExpiring(expiringBefore, undefined, ctx.signal);
    if (ctx.signal.aborted) return;
    const rows = h('tbody', null, ...first.items.map(row));
    const more = h('button', { type: 'button', class: 'btn btn--secondary' }, t('records.expiry.more'));
    let cursor = first.nextCursor;
    more.hidden = !cursor;
    more.addEventListener(
      'click',
      () =>
        void withBusy(more, async () => {
          if (!cursor) return;
          const page = await api.records.listExpiring(expiringBefore, cursor, ctx.signal);
          rows.append(...page.items.map(row));
          cursor = page.nextCursor;
          more.hidden = !cursor;
        }),
    );
    body.replaceChildren(
      first.items.length ? table(rows, expiringBefore) : h('p', { class: 'empty' }, t('records.expiry.empty')),
      h(
        'div',
        { class: 'decision' },
        more,
        h(
          'a',
          { class: 'btn btn--secondary', href: api.records.expiringCsvHref(expiringBefore), download: '' },
          t('records.expiry.csv'),
        ),
      ),
    );
  } catch (err) {
    if (isAbort(err) || ctx.signal.aborted) return;
    const forbidden = err instanceof ApiError && err.status === 403;
    body.replaceChildren(
      forbidden
        ? h('div', { class: 'form-error', role: 'alert' }, h('p', null, t('records.expiry.forbidden')))
        : errorBlock(errorMessage(err), () => ctx.navigate(`/records?expiringBefore=${expiringBefore}`)),
    );
  } finally {
    body.setAttribute('aria-busy', 'false');
  }
};

/** 1 January of next year in Korea: the list then holds what ends by the end of this year. */
function nextNewYear(): string {
  const koreanYear = new Date(Date.now() + 9 * 60 * 60_000).getUTCFullYear();
  return `${koreanYear + 1}-01-01`;
}

function picker(ctx: ViewContext, expiringBefore: string): HTMLElement {
  const date = h('input', {
    class: 'input',
    type: 'date',
    id: 'records-before',
    required: true,
    value: expiringBefore,
  });
  const form = h(
    'form',
    { class: 'dashboard-picker', role: 'search' },
    h(
      'div',
      { class: 'field' },
      h('label', { class: 'field__label', for: 'records-before' }, t('records.expiry.before')),
      date,
    ),
    h('button', { type: 'submit', class: 'btn btn--primary' }, t('records.expiry.show')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (date.value) ctx.navigate(`/records?expiringBefore=${encodeURIComponent(date.value)}`);
  });
  return form;
}

function table(rows: HTMLTableSectionElement, expiringBefore: string): HTMLElement {
  return dataTable({
    caption: t('records.expiry.caption', { date: expiringBefore }),
    headings: [
      'records.productionNumber',
      'approvals.field.title',
      'records.processingUnit',
      'records.field.retention',
      'records.retentionEndsAt',
      'records.field.disclosure',
    ],
    rows,
  });
}

function row(document: ExpiringDocument): HTMLElement {
  const cell = (label: MessageKey, ...content: Array<Node | string>) =>
    h('td', { data: { label: t(label) } }, ...content);
  return h(
    'tr',
    null,
    h('th', { scope: 'row', class: 'mono' }, document.productionNumber ?? '—'),
    cell(
      'approvals.field.title',
      h('a', { href: href(`/approvals/${encodeURIComponent(document.id)}`) }, document.title),
    ),
    cell('records.processingUnit', document.processingUnit?.name ?? '—'),
    cell('records.field.retention', retentionName(document.retention)),
    cell('records.retentionEndsAt', h('time', { datetime: document.retentionEndsAt }, document.retentionEndsAt)),
    cell('records.field.disclosure', disclosureName(document.disclosure)),
  );
}
