import { api, ApiError, isAbort, type Incident } from '../api';
import { h, type Child } from '../lib/dom';
import { errorMessage } from '../lib/errors';
import { formatDateTime } from '../lib/format';
import { href } from '../router';
import { t, type MessageKey } from '../i18n';
import { errorBlock, loadingBlock } from './components/status';
import type { View } from './types';

/** Operations: the open incidents, newest first; each opens its detail page. */
export const incidentsView: View = async (ctx) => {
  ctx.setTitle(t('incidents.title'));
  const body = h('div', { class: 'incidents', 'aria-busy': 'true' }, loadingBlock());
  const refresh = h(
    'button',
    { type: 'button', class: 'btn btn--secondary', on: { click: () => void load() } },
    t('tasks.refresh'),
  );
  ctx.outlet.replaceChildren(
    h(
      'div',
      { class: 'page-head' },
      h('h1', { class: 'page-title', tabindex: -1 }, t('incidents.title')),
      h('div', { class: 'page-head__actions' }, refresh),
    ),
    h('p', { class: 'muted page-intro' }, t('incidents.intro')),
    body,
  );

  async function load(): Promise<void> {
    body.setAttribute('aria-busy', 'true');
    refresh.disabled = true;
    try {
      const incidents = await api.incidents.listIncidents('OPEN', ctx.signal);
      if (ctx.signal.aborted) return;
      body.replaceChildren(
        incidents.length ? incidentTable(incidents) : h('p', { class: 'empty' }, t('incidents.empty')),
      );
    } catch (err) {
      if (isAbort(err) || ctx.signal.aborted) return;
      if (err instanceof ApiError && err.status === 403) {
        refresh.hidden = true;
        body.replaceChildren(h('div', { class: 'form-error', role: 'alert' }, h('p', null, t('incidents.forbidden'))));
        return;
      }
      body.replaceChildren(errorBlock(errorMessage(err), () => void load()));
    } finally {
      body.setAttribute('aria-busy', 'false');
      refresh.disabled = false;
    }
  }

  await load();
};

function incidentTable(incidents: Incident[]): HTMLElement {
  const th = (key: MessageKey): HTMLTableCellElement => h('th', { scope: 'col' }, t(key));
  const cell = (label: MessageKey, attrs: Record<string, unknown>, ...content: Child[]): HTMLTableCellElement =>
    h('td', { ...attrs, data: { label: t(label) } }, ...content);
  const rows = incidents.map((incident) =>
    h(
      'tr',
      { class: 'incidents__row' },
      h(
        'th',
        { scope: 'row', class: 'mono' },
        h(
          'a',
          { class: 'incidents__link', href: href(`/incidents/${encodeURIComponent(incident.id)}`) },
          incident.elementId,
        ),
      ),
      cell('incidents.col.process', {}, incident.processId),
      cell(
        'incidents.col.businessKey',
        { class: ['mono', !incident.businessKey && 'muted'] },
        incident.businessKey || '—',
      ),
      cell('incidents.col.message', { class: 'incidents__message' }, incident.message),
      cell(
        'incidents.col.created',
        { class: 'nowrap' },
        h('time', { datetime: incident.createdAt }, formatDateTime(incident.createdAt)),
      ),
    ),
  );
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table' },
      h('caption', { class: 'table__caption' }, t('incidents.caption', { count: incidents.length })),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          th('incidents.col.element'),
          th('incidents.col.process'),
          th('incidents.col.businessKey'),
          th('incidents.col.message'),
          th('incidents.col.created'),
        ),
      ),
      h('tbody', null, ...rows),
    ),
  );
}
