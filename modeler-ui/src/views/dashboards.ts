/**
 * Dashboards for managers, analysts and administrators (read-only): pick a process or a department and a window;
 * the page shows the SLA rate, throughput, cycle times, bottlenecks, backlog, overdue tasks and, for a process, the
 * heatmap on its diagram. The choice lives in the address (`?process=…` or `?department=…`), so it can be shared.
 */
import { api, ApiError, isAbort, type Dashboard, type DashboardList, type DashboardWindow } from '../api';
import type { DashboardSubject } from '../api/dashboards';
import { h } from '../lib/dom';
import { errorMessage } from '../lib/errors';
import { t } from '../i18n';
import {
  backlogPart,
  bottlenecksPart,
  cycleTimePart,
  heatmapPart,
  overduePart,
  slaPart,
  throughputPart,
  type PartContext,
} from './components/dashboard-parts';
import { approvalStepsPart } from './components/approval-steps-part';
import { drawHeatmap } from './components/heatmap';
import { petitionFiguresOf } from './components/petition-figures-part';
import { errorBlock, loadingBlock } from './components/status';
import type { View, ViewContext } from './types';

function subjectOf(query: URLSearchParams): DashboardSubject | null {
  const process = query.get('process');
  if (process) return { kind: 'process', id: process };
  const department = query.get('department');
  return department ? { kind: 'department', id: department } : null;
}

function windowOf(query: URLSearchParams): DashboardWindow {
  const bucket = query.get('bucket');
  return {
    ...(query.get('from') ? { from: query.get('from') ?? '' } : {}),
    ...(query.get('to') ? { to: query.get('to') ?? '' } : {}),
    bucket: bucket === 'week' ? 'week' : 'day',
  };
}

export const dashboardsView: View = async (ctx) => {
  ctx.setTitle(t('dashboards.title'));
  const body = h('div', { class: 'dashboard', 'aria-busy': 'true' }, loadingBlock());
  ctx.outlet.replaceChildren(
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title', tabindex: -1 }, t('dashboards.title'))),
    h('p', { class: 'muted page-intro' }, t('dashboards.intro')),
    body,
  );
  try {
    const list = await api.dashboards.listDashboards(ctx.signal);
    const subject = subjectOf(ctx.query);
    const window = windowOf(ctx.query);
    const dashboard = subject ? await api.dashboards.getDashboard(subject, window, ctx.signal) : null;
    if (ctx.signal.aborted) return;
    body.replaceChildren(picker(ctx, list, subject, window));
    if (subject && dashboard) await renderDashboard(ctx, body, { subject, window: dashboard.window }, dashboard);
    else body.append(h('p', { class: 'empty' }, t('dashboards.pick')));
  } catch (err) {
    if (isAbort(err) || ctx.signal.aborted) return;
    const message = err instanceof ApiError && err.status === 404 ? t('dashboards.notFound') : errorMessage(err);
    body.replaceChildren(errorBlock(message));
  } finally {
    body.setAttribute('aria-busy', 'false');
  }
};

/** The process or department, the window and the bucket; choosing navigates, so the address holds the choice. */
function picker(ctx: ViewContext, list: DashboardList, subject: DashboardSubject | null, window: DashboardWindow) {
  const option = (value: string, label: string) =>
    h('option', { value, selected: subject && `${subject.kind}:${subject.id}` === value }, label);
  const choice = h(
    'select',
    { class: 'input', id: 'dashboard-subject', name: 'subject', required: true },
    h('option', { value: '' }, t('dashboards.choose')),
    h(
      'optgroup',
      { label: t('dashboards.processes') },
      ...list.processes.map(({ processId, name }) =>
        option(`process:${processId}`, name ? `${name} (${processId})` : processId),
      ),
    ),
    h(
      'optgroup',
      { label: t('dashboards.departments') },
      ...list.departments.map(({ id, name }) => option(`department:${id}`, name)),
    ),
  );
  const date = (name: 'from' | 'to') =>
    h('input', { class: 'input', type: 'date', id: `dashboard-${name}`, name, value: window[name] ?? '' });
  const bucket = h(
    'select',
    { class: 'input', id: 'dashboard-bucket', name: 'bucket' },
    h('option', { value: 'day', selected: window.bucket !== 'week' }, t('dashboards.bucket.day')),
    h('option', { value: 'week', selected: window.bucket === 'week' }, t('dashboards.bucket.week')),
  );
  const field = (id: string, label: string, control: HTMLElement) =>
    h('div', { class: 'field' }, h('label', { class: 'field__label', for: id }, label), control);
  const form = h(
    'form',
    { class: 'dashboard-picker', role: 'search' },
    field('dashboard-subject', t('dashboards.subject'), choice),
    field('dashboard-from', t('dashboards.from'), date('from')),
    field('dashboard-to', t('dashboards.to'), date('to')),
    field('dashboard-bucket', t('dashboards.bucket'), bucket),
    h('button', { type: 'submit', class: 'btn btn--primary' }, t('dashboards.show')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const [kind, id] = choice.value.split(/:(.*)/s);
    if (!kind || !id) return;
    const query = new URLSearchParams({ [kind]: id, bucket: bucket.value });
    for (const name of ['from', 'to'] as const) {
      const value = (form.elements.namedItem(name) as HTMLInputElement).value;
      if (value) query.set(name, value);
    }
    ctx.navigate(`/dashboards?${query.toString()}`);
  });
  return form;
}

async function renderDashboard(ctx: ViewContext, body: HTMLElement, parts: PartContext, dashboard: Dashboard) {
  const diagramHost = h('div', { class: 'heatmap', 'aria-busy': 'true' });
  body.append(
    h('p', { class: 'muted' }, t('dashboards.window', { from: dashboard.window.from, to: dashboard.window.to })),
    h(
      'div',
      { class: 'dashboard-grid' },
      slaPart(parts, dashboard),
      ...petitionFiguresOf(parts, dashboard),
      throughputPart(parts, dashboard),
      heatmapPart(parts, dashboard, diagramHost),
      cycleTimePart(parts, dashboard),
      bottlenecksPart(parts, dashboard),
      backlogPart(parts, dashboard),
      overduePart(parts, dashboard),
      dashboard.approvalSteps ? approvalStepsPart(dashboard.approvalSteps) : null,
    ),
  );
  if (!dashboard.heatmap) return;
  try {
    const xml = await api.processes.definitionXml(dashboard.heatmap.definitionId, ctx.signal);
    if (ctx.signal.aborted) return;
    await drawHeatmap(diagramHost, xml, dashboard.heatmap.elements);
  } catch (err) {
    if (isAbort(err) || ctx.signal.aborted) return;
    diagramHost.replaceChildren(errorBlock(errorMessage(err)));
  } finally {
    diagramHost.setAttribute('aria-busy', 'false');
  }
}
