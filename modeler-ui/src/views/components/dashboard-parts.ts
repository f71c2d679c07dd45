/**
 * The parts of a dashboard, each a card with its chart (where a chart helps), the table of the same figures and a
 * link to download that table as CSV.
 */
import { api, type Dashboard, type DashboardPart, type DashboardWindow } from '../../api';
import type { DashboardSubject } from '../../api/dashboards';
import { h, type Child } from '../../lib/dom';
import { formatDateTime, formatWorkingDuration } from '../../lib/format';
import { t, type MessageKey } from '../../i18n';
import { barChart } from './dashboard-chart';
import { formatDurationMs } from './duration';

/** Chart colours from the KRDS palette: primary blue, success green, secondary navy. */
const COLORS = { started: '#256ef4', completed: '#228738', median: '#256ef4', p90: '#052b57', wait: '#d63d4a' };

export interface PartContext {
  subject: DashboardSubject;
  window: DashboardWindow;
}

const duration = (ms: number | null): string => (ms === null ? '—' : formatDurationMs(ms));

export function dataTable(
  caption: string,
  columns: MessageKey[],
  rows: Child[][],
  numeric: boolean[] = [],
): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table' },
      h('caption', { class: 'table__caption' }, caption),
      h(
        'thead',
        null,
        h('tr', null, ...columns.map((key, i) => h('th', { scope: 'col', class: [numeric[i] && 'num'] }, t(key)))),
      ),
      h(
        'tbody',
        null,
        ...rows.map((cells) =>
          h(
            'tr',
            null,
            ...cells.map((cell, i) =>
              h('td', { class: [numeric[i] && 'num'], data: { label: t(columns[i] ?? 'dashboards.title') } }, cell),
            ),
          ),
        ),
      ),
    ),
  );
}

export function part(ctx: PartContext, key: DashboardPart, title: MessageKey, ...content: Child[]): HTMLElement {
  const csv = h(
    'a',
    {
      class: 'btn btn--secondary btn--small',
      href: api.dashboards.csvHref(ctx.subject, ctx.window, key),
      download: '',
    },
    t('dashboards.csv'),
  );
  return h(
    'section',
    { class: ['card', 'dashboard-part'], data: { part: key }, 'aria-labelledby': `dashboard-${key}` },
    h(
      'div',
      { class: 'dashboard-part__head' },
      h('h2', { class: 'card__title', id: `dashboard-${key}` }, t(title)),
      csv,
    ),
    ...content,
  );
}

const empty = (): HTMLElement => h('p', { class: 'empty' }, t('dashboards.empty'));

export function slaPart(ctx: PartContext, { sla }: Dashboard): HTMLElement {
  const rate = sla.rate === null ? '—' : `${(sla.rate * 100).toFixed(1)}%`;
  return part(
    ctx,
    'sla',
    'dashboards.sla.title',
    h(
      'p',
      { class: 'dashboard-figure' },
      h('span', { class: 'dashboard-figure__value', data: { figure: 'sla-rate' } }, rate),
      h('span', { class: 'dashboard-figure__label' }, t('dashboards.sla.rate')),
    ),
    dataTable(
      t('dashboards.sla.caption'),
      ['dashboards.sla.onTime', 'dashboards.sla.late', 'dashboards.sla.rate'],
      [[sla.onTime, sla.late, rate]],
      [true, true, true],
    ),
  );
}

export function throughputPart(ctx: PartContext, { throughput }: Dashboard): HTMLElement {
  const labels = throughput.map(({ bucket }) => bucket);
  return part(
    ctx,
    'throughput',
    'dashboards.throughput.title',
    barChart(labels, [
      {
        label: t('dashboards.throughput.started'),
        values: throughput.map(({ started }) => started),
        color: COLORS.started,
      },
      {
        label: t('dashboards.throughput.completed'),
        values: throughput.map(({ completed }) => completed),
        color: COLORS.completed,
      },
    ]),
    dataTable(
      t(ctx.window.bucket === 'week' ? 'dashboards.throughput.captionWeek' : 'dashboards.throughput.captionDay'),
      ['dashboards.throughput.bucket', 'dashboards.throughput.started', 'dashboards.throughput.completed'],
      throughput.map(({ bucket, started, completed }) => [bucket, started, completed]),
      [false, true, true],
    ),
  );
}

export function cycleTimePart(ctx: PartContext, { cycleTime }: Dashboard): HTMLElement {
  const { endToEnd, perElement } = cycleTime;
  const name = (element: { elementId: string; processId?: string }) =>
    element.processId ? `${element.processId} · ${element.elementId}` : element.elementId;
  return part(
    ctx,
    'perElement',
    'dashboards.cycleTime.title',
    dataTable(
      t('dashboards.cycleTime.endToEnd'),
      [
        'dashboards.cycleTime.median',
        'dashboards.cycleTime.p90',
        'dashboards.cycleTime.mean',
        'dashboards.cycleTime.count',
      ],
      [[duration(endToEnd.median), duration(endToEnd.p90), duration(endToEnd.mean), endToEnd.count]],
      [true, true, true, true],
    ),
    perElement.length === 0
      ? empty()
      : [
          barChart(
            perElement.map(name),
            [
              {
                label: t('dashboards.cycleTime.median'),
                values: perElement.map(({ median }) => median),
                color: COLORS.median,
              },
              { label: t('dashboards.cycleTime.p90'), values: perElement.map(({ p90 }) => p90), color: COLORS.p90 },
            ],
            { horizontal: true, format: formatDurationMs },
          ),
          dataTable(
            t('dashboards.cycleTime.perElement'),
            [
              'dashboards.col.element',
              'dashboards.cycleTime.median',
              'dashboards.cycleTime.p90',
              'dashboards.cycleTime.count',
            ],
            perElement.map((element) => [
              name(element),
              duration(element.median),
              duration(element.p90),
              element.count,
            ]),
            [false, true, true, true],
          ),
        ],
  );
}

export function bottlenecksPart(ctx: PartContext, { bottlenecks }: Dashboard): HTMLElement {
  const names = bottlenecks.map(({ elementId, processId }) => (processId ? `${processId} · ${elementId}` : elementId));
  return part(
    ctx,
    'bottlenecks',
    'dashboards.bottlenecks.title',
    bottlenecks.length === 0
      ? empty()
      : [
          barChart(
            names,
            [
              {
                label: t('dashboards.bottlenecks.meanWait'),
                values: bottlenecks.map(({ meanWaitMs }) => meanWaitMs),
                color: COLORS.wait,
              },
            ],
            { horizontal: true, format: formatDurationMs },
          ),
          dataTable(
            t('dashboards.bottlenecks.caption'),
            [
              'dashboards.col.rank',
              'dashboards.col.element',
              'dashboards.bottlenecks.meanWait',
              'dashboards.cycleTime.count',
            ],
            bottlenecks.map((row, i) => [i + 1, names[i], duration(row.meanWaitMs), row.count]),
            [true, false, true, true],
          ),
        ],
  );
}

export function backlogPart(ctx: PartContext, { backlog }: Dashboard): HTMLElement {
  return part(
    ctx,
    'backlog',
    'dashboards.backlog.title',
    backlog.length === 0
      ? empty()
      : dataTable(
          t('dashboards.backlog.caption'),
          [
            'dashboards.backlog.queue',
            'dashboards.col.department',
            'dashboards.backlog.open',
            'dashboards.backlog.overdue',
          ],
          backlog.map(({ queue, department, open, overdue }) => [queue || '—', department || '—', open, overdue]),
          [false, false, true, true],
        ),
  );
}

export function overduePart(ctx: PartContext, { overdue }: Dashboard): HTMLElement {
  return part(
    ctx,
    'overdue',
    'dashboards.overdue.title',
    overdue.length === 0
      ? empty()
      : dataTable(
          t('dashboards.overdue.caption', { count: overdue.length }),
          [
            'dashboards.overdue.task',
            'dashboards.overdue.businessKey',
            'dashboards.col.department',
            'dashboards.overdue.assignee',
            'dashboards.overdue.due',
            'dashboards.overdue.by',
          ],
          overdue.map((task) => [
            `${task.name} (${task.processId})`,
            task.businessKey ?? '—',
            task.department ?? '—',
            task.assignee ?? '—',
            h('time', { datetime: task.dueAt }, formatDateTime(task.dueAt)),
            task.overdueWorkingMinutes === null ? '—' : formatWorkingDuration(task.overdueWorkingMinutes),
          ]),
          [false, false, false, false, false, true],
        ),
  );
}

/** The heatmap's card: the diagram host (drawn by the caller) and the same figures as a table. */
export function heatmapPart(ctx: PartContext, dashboard: Dashboard, diagramHost: HTMLElement): HTMLElement | null {
  const { heatmap } = dashboard;
  if (!heatmap) return null;
  return part(
    ctx,
    'heatmap',
    'dashboards.heatmap.title',
    h('p', { class: 'muted' }, t('dashboards.heatmap.intro', { version: heatmap.version })),
    diagramHost,
    dataTable(
      t('dashboards.heatmap.caption'),
      [
        'dashboards.col.element',
        'dashboards.heatmap.completed',
        'dashboards.heatmap.mean',
        'dashboards.heatmap.active',
        'dashboards.heatmap.incidents',
      ],
      heatmap.elements.map((row) => [
        row.elementId,
        row.completed,
        duration(row.meanDurationMs),
        row.active,
        row.incidents,
      ]),
      [false, true, true, true, true],
    ),
  );
}
