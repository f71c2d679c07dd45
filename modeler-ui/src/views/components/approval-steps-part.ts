/**
 * The document-approval dashboard's lead time per approval step (검토, 협조, 결재, 후결, and per position): from the
 * step's task being created to its decision, in hours on the wall clock, average and 90th percentile.
 */
import type { StepLeadTime } from '../../api/types';
import { h } from '../../lib/dom';
import { t, type MessageKey } from '../../i18n';

const hours = (value: number) => value.toLocaleString(undefined, { maximumFractionDigits: 1 });

export function approvalStepsPart(rows: StepLeadTime[]): HTMLElement {
  const th = (key: MessageKey) => h('th', { scope: 'col' }, t(key));
  return h(
    'section',
    {
      class: ['card', 'dashboard-part'],
      data: { part: 'approvalSteps' },
      'aria-labelledby': 'dashboard-approvalSteps',
    },
    h('h2', { class: 'card__title', id: 'dashboard-approvalSteps' }, t('dispatch.leadTime.title')),
    rows.length === 0
      ? h('p', { class: 'muted' }, t('dispatch.leadTime.none'))
      : h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'table table--compact' },
            h('caption', { class: 'visually-hidden' }, t('dispatch.leadTime.caption')),
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                th('dispatch.leadTime.kind'),
                th('dispatch.leadTime.position'),
                th('dispatch.leadTime.count'),
                th('dispatch.leadTime.average'),
                th('dispatch.leadTime.p90'),
              ),
            ),
            h(
              'tbody',
              null,
              ...rows.map((row) =>
                h(
                  'tr',
                  { data: { scope: row.position === null ? 'kind' : 'position' } },
                  h('td', null, t(`approvals.kind.${row.kind}` as MessageKey)),
                  h('td', null, row.position ?? t('dispatch.leadTime.all')),
                  h('td', { class: 'num' }, String(row.count)),
                  h('td', { class: 'num' }, hours(row.averageHours)),
                  h('td', { class: 'num' }, hours(row.p90Hours)),
                ),
              ),
            ),
          ),
        ),
  );
}
