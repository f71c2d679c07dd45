/**
 * The instance list: a search form whose fields are the API's filters, the matching instances a page at a time, their
 * counts by state and the whole result as CSV. The search lives in the address (`#/instances?businessKey=…`), so a
 * result can be bookmarked and the back button returns to it.
 */
import { api, ApiError, isAbort, type InstanceListItem, type InstanceState, type OrgUnit } from '../api';
import { h, replaceChildren, uid, type Child } from '../lib/dom';
import { errorMessage } from '../lib/errors';
import { formatDateTime } from '../lib/format';
import { href } from '../router';
import { t, type MessageKey } from '../i18n';
import { getUser } from '../session';
import { batchProgress } from './components/batch-progress';
import { errorBlock, loadingBlock } from './components/status';
import type { View } from './types';

const states: InstanceState[] = ['ACTIVE', 'INCIDENT', 'COMPLETED', 'CANCELED'];
const textFields = ['processId', 'version', 'businessKey', 'businessKeyPrefix'] as const;
const dateFields = ['startedAfter', 'startedBefore', 'endedAfter', 'endedBefore'] as const;
const sortChoices = [
  'startedAt:desc',
  'startedAt:asc',
  'endedAt:desc',
  'endedAt:asc',
  'businessKey:asc',
  'businessKey:desc',
] as const;

export const instancesView: View = async (ctx) => {
  ctx.setTitle(t('instances.title'));
  const query = ctx.query;
  const results = h('div', { 'aria-busy': 'true' }, loadingBlock());
  const totals = h('p', { class: 'muted', role: 'status' });
  ctx.outlet.replaceChildren(
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title', tabindex: -1 }, t('instances.title'))),
    h('p', { class: 'muted page-intro' }, t('instances.intro')),
    searchForm(query, await departments(ctx.signal), (next) => ctx.navigate(`/instances?${next.toString()}`)),
    totals,
    results,
  );
  const batches = h('div', { class: 'instances__batch' });

  try {
    const [page, counts] = await Promise.all([
      api.instances.searchInstances(query, ctx.signal),
      api.instances.countInstances(withoutPaging(query), ctx.signal),
    ]);
    if (ctx.signal.aborted) return;
    totals.textContent = t('instances.totals', {
      total: counts.total,
      byState: states
        .map((state) => `${t(`instances.state.${state}` as MessageKey)} ${counts.byState[state]}`)
        .join(', '),
    });
    const next = page.nextCursor ? new URLSearchParams(query) : null;
    next?.set('cursor', page.nextCursor ?? '');
    results.replaceChildren(
      page.items.length ? resultTable(page.items) : h('p', { class: 'empty' }, t('instances.empty')),
      h(
        'div',
        { class: 'instances__paging' },
        query.has('cursor')
          ? h(
              'a',
              { class: 'btn btn--secondary', href: href(`/instances?${withoutPaging(query).toString()}`) },
              t('instances.first'),
            )
          : null,
        next
          ? h('a', { class: 'btn btn--secondary', href: href(`/instances?${next.toString()}`) }, t('instances.next'))
          : null,
        h(
          'a',
          {
            class: 'btn btn--secondary',
            href: api.instances.instancesCsvUrl(query),
            download: 'process-instances.csv',
          },
          t('instances.csv'),
        ),
      ),
      batches,
    );
    const running = counts.byState.ACTIVE + counts.byState.INCIDENT;
    if (running > 0) replaceChildren(batches, ...batchButtons(withoutPaging(query), running, ctx.signal));
  } catch (err) {
    if (isAbort(err) || ctx.signal.aborted) return;
    const refused = err instanceof ApiError && err.status === 400;
    results.replaceChildren(
      refused
        ? h('div', { class: 'form-error', role: 'alert' }, h('p', null, err.message))
        : errorBlock(errorMessage(err), () => ctx.navigate(`/instances?${query.toString()}`)),
    );
  } finally {
    results.setAttribute('aria-busy', 'false');
  }
};

/**
 * Operations over every instance the search selects (the server selects them again from the same filter, within
 * what the caller may operate on): retry for analysts and administrators, cancel for administrators.
 */
function batchButtons(filter: URLSearchParams, running: number, signal: AbortSignal): Child[] {
  const roles = getUser()?.roles ?? [];
  const operations = [
    ...(roles.includes('admin') || roles.includes('bpr-analyst') ? (['retry'] as const) : []),
    ...(roles.includes('admin') ? (['cancel'] as const) : []),
  ];
  const progress = h('div');
  const buttons = operations.map((operation) => {
    const button = h('button', { type: 'button', class: 'btn btn--secondary' }, t(`batch.operation.${operation}`));
    button.addEventListener('click', () => {
      if (!window.confirm(t('instances.batchConfirm', { operation: button.textContent ?? '', count: running }))) return;
      void (async () => {
        try {
          const batch = await api.batches.createBatch({ operation, filter: Object.fromEntries(filter) });
          const tracker = batchProgress(batch.id);
          signal.addEventListener('abort', () => tracker.stop());
          progress.replaceChildren(tracker.element);
        } catch (err) {
          progress.replaceChildren(h('div', { class: 'form-error', role: 'alert' }, errorMessage(err)));
        }
      })();
    });
    return button;
  });
  return buttons.length ? [h('div', { class: 'instances__paging' }, ...buttons), progress] : [];
}

/** The org units for the department filter; without them (the chart unreadable) the filter is left out. */
async function departments(signal: AbortSignal): Promise<OrgUnit[]> {
  try {
    return await api.org.listUnits(signal);
  } catch {
    return [];
  }
}

function withoutPaging(query: URLSearchParams): URLSearchParams {
  const copy = new URLSearchParams(query);
  copy.delete('cursor');
  return copy;
}

/** The filters as a form; submitting builds the query from the fields that are filled. */
function searchForm(query: URLSearchParams, units: OrgUnit[], search: (query: URLSearchParams) => void): HTMLElement {
  const field = (name: string, type: string, value: string): HTMLElement => {
    const id = uid(`instances-${name}`);
    return h(
      'div',
      { class: 'form-field' },
      h('label', { for: id }, t(`instances.filter.${name}` as MessageKey)),
      h('input', { id, name, type, class: 'input', value }),
    );
  };
  const checkbox = (name: string, label: MessageKey, value: string, checked: boolean): HTMLElement =>
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name, value, props: { checked } }), t(label));
  const selectedStates = (query.get('state') ?? '').split(',');
  const variableFilters = [...query.entries()]
    .filter(([key]) => key.startsWith('var.'))
    .map(([key, value]) => `${key.slice(4)}=${value}`)
    .join('\n');
  const variablesId = uid('instances-variables');
  const select = (name: string, label: MessageKey, current: string, options: Array<[string, string]>): HTMLElement => {
    const id = uid(`instances-${name}`);
    return h(
      'div',
      { class: 'form-field' },
      h('label', { for: id }, t(label)),
      h(
        'select',
        { id, name, class: 'input' },
        ...options.map(([value, text]) => h('option', { value, props: { selected: value === current } }, text)),
      ),
    );
  };
  const sortOptions = sortChoices.map((choice): [string, string] => [
    choice,
    t(`instances.sort.${choice}` as MessageKey),
  ]);
  const currentSort = `${query.get('sort') ?? 'startedAt'}:${query.get('order') ?? 'desc'}`;

  const form = h(
    'form',
    { class: 'card instances__search', role: 'search', 'aria-label': t('instances.search') },
    h(
      'div',
      { class: 'instances__fields' },
      ...textFields.map((name) => field(name, name === 'version' ? 'number' : 'text', query.get(name) ?? '')),
      ...dateFields.map((name) => field(name, 'date', (query.get(name) ?? '').slice(0, 10))),
      units.length
        ? select('orgUnitId', 'instances.filter.orgUnitId', query.get('orgUnitId') ?? '', [
            ['', t('instances.filter.anyUnit')],
            ...units.map((unit): [string, string] => [unit.id, unit.name]),
          ])
        : null,
      select('sortOrder', 'instances.filter.order', currentSort, sortOptions),
      h(
        'fieldset',
        { class: 'form-field' },
        h('legend', null, t('instances.filter.state')),
        ...states.map((state) =>
          checkbox('state', `instances.state.${state}` as MessageKey, state, selectedStates.includes(state)),
        ),
      ),
      h(
        'fieldset',
        { class: 'form-field' },
        h('legend', null, t('instances.filter.flags')),
        checkbox('overdue', 'instances.filter.overdue', 'true', query.get('overdue') === 'true'),
        checkbox('incident', 'instances.filter.incident', 'true', query.get('incident') === 'true'),
      ),
      h(
        'div',
        { class: 'form-field' },
        h('label', { for: variablesId }, t('instances.filter.variables')),
        h(
          'textarea',
          { id: variablesId, name: 'variables', class: 'input', rows: 2, placeholder: 'channel=online' },
          variableFilters,
        ),
      ),
    ),
    h(
      'div',
      { class: 'form-actions' },
      h('button', { type: 'submit', class: 'btn btn--primary' }, t('instances.search')),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const text = (name: string): string => {
      const value = data.get(name);
      return typeof value === 'string' ? value.trim() : '';
    };
    const next = new URLSearchParams();
    for (const name of [...textFields, ...dateFields]) {
      const value = text(name);
      if (value) next.set(name, value);
    }
    if (text('orgUnitId')) next.set('orgUnitId', text('orgUnitId'));
    const [sort = 'startedAt', order = 'desc'] = text('sortOrder').split(':');
    if (`${sort}:${order}` !== 'startedAt:desc') {
      next.set('sort', sort);
      next.set('order', order);
    }
    const checked = data.getAll('state').map(String);
    if (checked.length) next.set('state', checked.join(','));
    for (const flag of ['overdue', 'incident']) if (data.get(flag)) next.set(flag, 'true');
    for (const line of text('variables').split('\n')) {
      const at = line.indexOf('=');
      if (at > 0) next.set(`var.${line.slice(0, at).trim()}`, line.slice(at + 1).trim());
    }
    search(next);
  });
  return form;
}

function resultTable(items: InstanceListItem[]): HTMLElement {
  const th = (key: MessageKey): HTMLTableCellElement => h('th', { scope: 'col' }, t(key));
  const time = (iso: string | null): Child => (iso ? h('time', { datetime: iso }, formatDateTime(iso)) : '—');
  const rows = items.map((item) =>
    h(
      'tr',
      { data: { state: item.state } },
      h(
        'th',
        { scope: 'row', class: 'mono' },
        h('a', { href: href(`/instances/${encodeURIComponent(item.id)}`) }, item.businessKey || item.id.slice(0, 8)),
      ),
      h('td', null, `${item.processId} v${item.version}`),
      h(
        'td',
        null,
        h(
          'span',
          { class: ['badge', `badge--instance-${item.state.toLowerCase()}`] },
          t(`instances.state.${item.state}` as MessageKey),
        ),
      ),
      h('td', { class: 'nowrap' }, time(item.startedAt)),
      h('td', { class: 'nowrap' }, time(item.endedAt)),
      h('td', null, item.startedBy ?? '—'),
      h('td', { class: 'num' }, String(item.openTasks)),
      h('td', { class: 'num' }, String(item.openIncidents)),
    ),
  );
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table' },
      h('caption', { class: 'table__caption' }, t('instances.caption', { count: items.length })),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          th('instances.col.businessKey'),
          th('instances.col.process'),
          th('instances.col.state'),
          th('instances.col.started'),
          th('instances.col.ended'),
          th('instances.col.startedBy'),
          th('instances.col.openTasks'),
          th('instances.col.openIncidents'),
        ),
      ),
      h('tbody', null, ...rows),
    ),
  );
}
