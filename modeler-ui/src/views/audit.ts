/**
 * The audit trail for auditors (docs/audit.md): the rows with filters, newest first a page at a time, and "체인 검증",
 * which walks the hash chain on the server and shows the first broken row or the head to note down.
 */
import { api, ApiError, isAbort, type AuditTrailRow, type AuditVerdict } from '../api';
import { h, uid, withBusy } from '../lib/dom';
import { errorMessage } from '../lib/errors';
import { formatDateTime } from '../lib/format';
import { href } from '../router';
import { t, type MessageKey } from '../i18n';
import { errorBlock, loadingBlock } from './components/status';
import type { View } from './types';

const textFilters = ['actor', 'action', 'objectType', 'objectId'] as const;
const timeFilters = ['from', 'to'] as const;

export const auditView: View = async (ctx) => {
  ctx.setTitle(t('audit.title'));
  const query = ctx.query;
  const results = h('div', { 'aria-busy': 'true' }, loadingBlock());
  const verdict = h('div', { class: 'audit__verdict', 'aria-live': 'polite' });
  const verify = h('button', { type: 'button', class: 'btn btn--primary' }, t('audit.verify'));
  verify.addEventListener('click', () => void withBusy(verify, () => showVerdict(verdict, ctx.signal)));
  ctx.outlet.replaceChildren(
    h(
      'div',
      { class: 'page-head' },
      h('h1', { class: 'page-title', tabindex: -1 }, t('audit.title')),
      h('div', { class: 'page-head__actions' }, verify),
    ),
    h('p', { class: 'muted page-intro' }, t('audit.intro')),
    verdict,
    filterForm(query, (next) => ctx.navigate(`/audit?${next.toString()}`)),
    results,
  );

  try {
    const page = await api.audit.listAuditTrail(query, ctx.signal);
    if (ctx.signal.aborted) return;
    const next = page.nextCursor ? new URLSearchParams(query) : null;
    next?.set('cursor', page.nextCursor ?? '');
    const first = new URLSearchParams(query);
    first.delete('cursor');
    results.replaceChildren(
      page.items.length ? trailTable(page.items) : h('p', { class: 'empty' }, t('audit.empty')),
      h(
        'div',
        { class: 'audit__paging' },
        query.has('cursor')
          ? h('a', { class: 'btn btn--secondary', href: href(`/audit?${first.toString()}`) }, t('audit.first'))
          : null,
        next ? h('a', { class: 'btn btn--secondary', href: href(`/audit?${next.toString()}`) }, t('audit.next')) : null,
      ),
    );
  } catch (err) {
    if (isAbort(err) || ctx.signal.aborted) return;
    if (err instanceof ApiError && err.status === 404) {
      verify.hidden = true;
      results.replaceChildren(h('div', { class: 'form-error', role: 'alert' }, h('p', null, t('audit.forbidden'))));
      return;
    }
    results.replaceChildren(
      err instanceof ApiError && err.status === 400
        ? h('div', { class: 'form-error', role: 'alert' }, h('p', null, err.message))
        : errorBlock(errorMessage(err), () => ctx.navigate(`/audit?${query.toString()}`, { replace: true })),
    );
  } finally {
    results.setAttribute('aria-busy', 'false');
  }
};

async function showVerdict(target: HTMLElement, signal: AbortSignal): Promise<void> {
  let result: AuditVerdict;
  try {
    result = await api.audit.verifyAuditTrail(signal);
  } catch (err) {
    if (isAbort(err)) return;
    target.replaceChildren(h('div', { class: 'form-error', role: 'alert' }, h('p', null, errorMessage(err))));
    return;
  }
  target.replaceChildren(
    result.ok
      ? h(
          'div',
          { class: 'notice notice--success', role: 'status' },
          h(
            'div',
            { class: 'audit__verdict-body' },
            h('p', { class: 'notice__text' }, t('audit.verdict.ok', { checked: result.checked })),
            result.head
              ? h(
                  'p',
                  { class: 'audit__head' },
                  t('audit.verdict.head', { id: result.head.id, hash: result.head.hash }),
                )
              : null,
          ),
        )
      : h(
          'div',
          { class: 'notice notice--error', role: 'alert' },
          h(
            'p',
            { class: 'notice__text' },
            t('audit.verdict.broken', { id: result.firstBrokenId ?? '?', checked: result.checked }),
          ),
        ),
  );
}

/** The filters; times are the browser's local time, sent as instants. */
function filterForm(query: URLSearchParams, search: (query: URLSearchParams) => void): HTMLElement {
  const field = (name: string, type: string, value: string): HTMLElement => {
    const id = uid(`audit-${name}`);
    return h(
      'div',
      { class: 'form-field' },
      h('label', { for: id }, t(`audit.filter.${name}` as MessageKey)),
      h('input', { id, name, type, class: 'input', value }),
    );
  };
  const form = h(
    'form',
    { class: 'card audit__search', role: 'search', 'aria-label': t('audit.search') },
    h(
      'div',
      { class: 'audit__fields' },
      ...textFilters.map((name) => field(name, 'text', query.get(name) ?? '')),
      ...timeFilters.map((name) => field(name, 'datetime-local', toLocalInput(query.get(name)))),
    ),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn--primary' }, t('audit.search'))),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const next = new URLSearchParams();
    for (const name of [...textFilters, ...timeFilters]) {
      const value = data.get(name);
      if (typeof value !== 'string' || !value.trim()) continue;
      next.set(name, (timeFilters as readonly string[]).includes(name) ? new Date(value).toISOString() : value.trim());
    }
    search(next);
  });
  return form;
}

/** An instant as a datetime-local value in the browser's time zone. */
function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function trailTable(rows: AuditTrailRow[]): HTMLElement {
  const th = (key: MessageKey): HTMLTableCellElement => h('th', { scope: 'col' }, t(key));
  const cell = (label: MessageKey, text: string | null, className = ''): HTMLTableCellElement =>
    h('td', { class: [className, !text && 'muted'], data: { label: t(label) } }, text || '—');
  const body = rows.map((row) =>
    h(
      'tr',
      null,
      h('th', { scope: 'row', class: 'mono' }, row.id),
      h(
        'td',
        { class: 'nowrap', data: { label: t('audit.col.at') } },
        h('time', { datetime: row.at }, formatDateTime(row.at, { seconds: true })),
      ),
      cell('audit.col.actor', row.actor, 'nowrap'),
      cell('audit.col.sourceAddress', row.sourceAddress, 'mono nowrap'),
      cell('audit.col.subject', row.subject),
      cell('audit.col.action', row.action, 'mono nowrap'),
      cell('audit.col.object', `${row.objectType} ${row.objectId}`, 'mono audit__object'),
      h(
        'td',
        { data: { label: t('audit.col.outcome') } },
        h(
          'span',
          { class: ['badge', row.outcome !== 'success' && 'badge--danger'] },
          t(`audit.outcome.${row.outcome}` as MessageKey),
        ),
      ),
      cell('audit.col.details', JSON.stringify(row.details), 'mono audit__details'),
    ),
  );
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table' },
      h('caption', { class: 'table__caption' }, t('audit.caption', { count: rows.length })),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          th('audit.col.id'),
          th('audit.col.at'),
          th('audit.col.actor'),
          th('audit.col.sourceAddress'),
          th('audit.col.subject'),
          th('audit.col.action'),
          th('audit.col.object'),
          th('audit.col.outcome'),
          th('audit.col.details'),
        ),
      ),
      h('tbody', null, ...body),
    ),
  );
}
