import type { ElementHistoryEntry } from '../../api';
import { h } from '../../lib/dom';
import { formatDateTime } from '../../lib/format';
import { t, type MessageKey } from '../../i18n';

/** An instance's element history as an ordered table; element instances in an incident are highlighted. */
export function elementHistoryTable(items: ElementHistoryEntry[]): HTMLElement {
  if (!items.length) return h('p', { class: 'muted' }, t('incident.historyEmpty'));
  const th = (key: MessageKey, cls?: string): HTMLTableCellElement => h('th', { scope: 'col', class: cls }, t(key));
  const time = (iso: string | null): HTMLElement | string =>
    iso ? h('time', { datetime: iso }, formatDateTime(iso, { seconds: true })) : '—';
  const rows = items.map((entry, index) => {
    const incident = entry.state === 'INCIDENT';
    return h(
      'tr',
      { class: ['history__row', incident && 'is-incident'], data: { state: entry.state } },
      h('td', { class: 'num' }, String(index + 1)),
      h('th', { scope: 'row', class: 'mono' }, entry.elementId),
      h('td', null, entry.elementType),
      h(
        'td',
        null,
        h(
          'span',
          { class: ['badge', `badge--element-${entry.state.toLowerCase()}`] },
          t(`incident.elementState.${entry.state}` as MessageKey),
        ),
      ),
      h('td', { class: 'nowrap' }, time(entry.startedAt)),
      h('td', { class: 'nowrap' }, time(entry.endedAt)),
    );
  });
  return h(
    'div',
    { class: 'table-wrap history' },
    h(
      'table',
      { class: 'table table--compact' },
      h('caption', { class: 'table__caption' }, t('incident.historyCaption', { count: items.length })),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          th('incident.col.order', 'num'),
          th('incident.col.element'),
          th('incident.col.type'),
          th('incident.col.state'),
          th('incident.col.started'),
          th('incident.col.ended'),
        ),
      ),
      h('tbody', null, ...rows),
    ),
  );
}
