/**
 * The 민원 처리 지표 card of a dashboard (docs/dashboards.md): the civil-petition figures, the on-time rate as the
 * headline and every figure in one table, with the CSV of the same row.
 */
import type { Dashboard, PetitionFigures } from '../../api';
import { h } from '../../lib/dom';
import { t, type MessageKey } from '../../i18n';
import { dataTable, part, type PartContext } from './dashboard-parts';

const percent = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

export function petitionFiguresPart(ctx: PartContext, figures: PetitionFigures): HTMLElement {
  const rows: Array<[string, MessageKey, string]> = [
    ['on-time-rate', 'dashboards.petitions.onTimeRate', percent(figures.onTimeRate)],
    ['decided', 'dashboards.petitions.decided', String(figures.decided)],
    ['overdue', 'dashboards.petitions.overdue', String(figures.overdue)],
    [
      'average-working-days',
      'dashboards.petitions.averageWorkingDays',
      figures.averageWorkingDays === null ? '—' : figures.averageWorkingDays.toFixed(1),
    ],
    ['extension-rate', 'dashboards.petitions.extensionRate', percent(figures.extensionRate)],
    ['supplementation-rate', 'dashboards.petitions.supplementationRate', percent(figures.supplementationRate)],
    ['objections', 'dashboards.petitions.objections', String(figures.objections)],
    ['objection-upheld-rate', 'dashboards.petitions.objectionUpheldRate', percent(figures.objectionUpheldRate)],
  ];
  const label = (key: MessageKey) =>
    t(key, { onTime: figures.onTime, late: figures.late, upheld: figures.objectionsUpheld });
  return part(
    ctx,
    'petitions',
    'dashboards.petitions.title',
    h(
      'p',
      { class: 'dashboard-figure' },
      h('span', { class: 'dashboard-figure__value' }, percent(figures.onTimeRate)),
      h('span', { class: 'dashboard-figure__label' }, t('dashboards.petitions.onTimeRate')),
    ),
    dataTable(
      t('dashboards.petitions.caption'),
      ['dashboards.petitions.figure', 'dashboards.petitions.value'],
      rows.map(([figure, key, value]) => [label(key), h('span', { data: { figure: `petition-${figure}` } }, value)]),
      [false, true],
    ),
  );
}

/** The card when the dashboard has petition figures, else nothing. */
export function petitionFiguresOf(ctx: PartContext, dashboard: Dashboard): HTMLElement[] {
  return dashboard.petitions ? [petitionFiguresPart(ctx, dashboard.petitions)] : [];
}
