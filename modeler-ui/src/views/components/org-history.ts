/**
 * A person's record in the org chart: where they have served (unit, position, from when to when, newest first) and
 * the handovers (인수인계) from and to them.
 */
import type { OrgPersonDetail } from '../../api';
import { h } from '../../lib/dom';
import { formatDateTime } from '../../lib/format';
import { t, type MessageKey } from '../../i18n';

export function personRecord(person: OrgPersonDetail): HTMLElement {
  const th = (key: MessageKey): HTMLTableCellElement => h('th', { scope: 'col' }, t(key));
  const time = (iso: string): HTMLElement => h('time', { datetime: iso }, formatDateTime(iso));
  const stays = person.history.map((stay) =>
    h(
      'tr',
      null,
      h('th', { scope: 'row' }, stay.orgUnit.name),
      h('td', { data: { label: t('org.col.position') } }, stay.position?.name ?? '—'),
      h('td', { data: { label: t('org.history.since') } }, time(stay.since)),
      h('td', { data: { label: t('org.history.until') } }, stay.until ? time(stay.until) : t('org.history.current')),
    ),
  );
  const handovers = person.handovers.map((handover) =>
    h(
      'li',
      null,
      time(handover.createdAt),
      ' ',
      t('org.history.handover', {
        from: handover.from.displayName,
        to: handover.to.displayName,
        count: handover.taskIds.length,
      }),
      handover.reason ? ` (${handover.reason})` : null,
    ),
  );
  return h(
    'div',
    { class: 'org-record' },
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'table' },
        h('caption', { class: 'table__caption' }, t('org.history.caption', { name: person.displayName })),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            th('org.history.unit'),
            th('org.col.position'),
            th('org.history.since'),
            th('org.history.until'),
          ),
        ),
        h('tbody', null, ...stays),
      ),
    ),
    h('h3', { class: 'org-record__title' }, t('org.history.handovers')),
    handovers.length
      ? h('ul', { class: 'org-record__handovers' }, ...handovers)
      : h('p', { class: 'muted' }, t('org.history.noHandovers')),
  );
}
