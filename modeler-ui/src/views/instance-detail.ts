/**
 * One instance: its header, the diagram of its version with the path it took, a side panel with the history of the
 * element clicked, its open incidents (retried from here), open tasks, variables with their history, and its audit
 * trail. After an operation the page loads everything again and marks the diagram anew.
 */
import {
  api,
  ApiError,
  isAbort,
  type AuditRow,
  type ElementHistoryEntry,
  type Incident,
  type InstanceTask,
  type ProcessInstance,
  type VariableChange,
} from '../api';
import { card, h, replaceChildren, withBusy, type Child } from '../lib/dom';
import { errorMessage } from '../lib/errors';
import { formatDateTime, formatValue } from '../lib/format';
import { notify } from '../lib/notices';
import { href } from '../router';
import { canResolveIncidents, getUser } from '../session';
import { t, type MessageKey } from '../i18n';
import { classificationBadge } from './components/classification-badge';
import { dueDate } from './components/due-date';
import { elementHistoryTable } from './components/element-history';
import { createInstanceDiagram, type InstanceDiagram } from './components/instance-diagram';
import { createResolveForm } from './components/resolve-form';
import { errorBlock, loadingBlock } from './components/status';
import type { View, ViewContext } from './types';

interface Loaded {
  instance: ProcessInstance;
  history: ElementHistoryEntry[];
  incidents: Incident[];
  tasks: InstanceTask[];
  variables: VariableChange[];
  audit: AuditRow[];
}

async function loadAll(id: string, signal: AbortSignal): Promise<Loaded> {
  const [instance, history, incidents, tasks, variables, audit] = await Promise.all([
    api.instances.getProcessInstance(id, signal),
    api.instances.getInstanceHistory(id, signal),
    api.instances.openIncidents(id, signal),
    api.instances.openTasks(id, signal),
    api.instances.variableHistory(id, signal),
    api.instances.auditTrail(id, signal),
  ]);
  return { instance, history, incidents, tasks, variables, audit };
}

export const instanceDetailView: View = async (ctx) => {
  const id = ctx.params.id ?? '';
  ctx.setTitle(t('instances.detail'));
  const back = h('p', { class: 'back' }, h('a', { href: href('/instances') }, `← ${t('instances.back')}`));
  ctx.outlet.replaceChildren(back, h('div', { 'aria-busy': 'true' }, loadingBlock()));
  let loaded: Loaded;
  let xml: string;
  try {
    loaded = await loadAll(id, ctx.signal);
    xml = await api.processes.definitionXml(loaded.instance.definitionId, ctx.signal);
  } catch (err) {
    if (isAbort(err) || ctx.signal.aborted) return;
    const notFound = err instanceof ApiError && err.status === 404;
    const title = notFound ? t('instances.notFound') : t('error.title');
    ctx.setTitle(title);
    replaceChildren(
      ctx.outlet,
      back,
      h('h1', { class: 'page-title', tabindex: -1 }, title),
      notFound ? null : errorBlock(errorMessage(err), () => ctx.navigate(`/instances/${encodeURIComponent(id)}`)),
    );
    return;
  }
  if (ctx.signal.aborted) return;
  await new InstancePage(ctx, loaded, back).mount(xml);
};

class InstancePage {
  private readonly title = h('h1', { class: 'page-title', tabindex: -1 });
  private readonly stateBadge = h('span', { class: 'badge' });
  private readonly classification = h('span');
  private readonly info = h('dl', { class: 'info' });
  private readonly actions = h('div', { class: 'page-head__actions' });
  private readonly canvas = h('div', { class: 'instance-diagram__canvas', role: 'img' });
  private readonly elementPanel = h('aside', { class: 'instance-diagram__panel', 'aria-live': 'polite' });
  private readonly incidents = h('div');
  private readonly tasks = h('div');
  private readonly variables = h('div');
  private readonly audit = h('div');
  private diagram: InstanceDiagram | null = null;
  private selected: string | null = null;

  constructor(
    private readonly ctx: ViewContext,
    private data: Loaded,
    private readonly back: HTMLElement,
  ) {}

  async mount(xml: string): Promise<void> {
    this.canvas.setAttribute('aria-label', t('instances.diagram.label'));
    this.ctx.outlet.replaceChildren(
      this.back,
      h(
        'div',
        { class: 'page-head' },
        h('div', { class: 'page-head__title' }, this.title, this.stateBadge, this.classification),
        this.actions,
      ),
      card(t('instances.info'), null, this.info),
      card(
        t('instances.diagram.title'),
        'instance-diagram',
        h('div', { class: 'instance-diagram__body' }, this.canvas, this.elementPanel),
        h('p', { class: 'muted instance-diagram__legend' }, t('instances.diagram.legend')),
      ),
      this.incidents,
      card(t('instances.tasks'), null, this.tasks),
      card(t('instances.variables'), null, this.variables),
      card(t('instances.audit'), null, this.audit),
    );
    this.render();
    try {
      this.diagram = await createInstanceDiagram(this.canvas, xml, (elementId) => this.select(elementId));
      if (this.ctx.signal.aborted) return;
      this.diagram.show(this.data.history);
    } catch (err) {
      replaceChildren(this.canvas, errorBlock(errorMessage(err)));
    }
  }

  private render(): void {
    const { instance } = this.data;
    const heading = t('instances.heading', { processId: instance.processId, version: instance.version });
    this.ctx.setTitle(heading);
    this.title.textContent = heading;
    this.stateBadge.className = `badge badge--instance-${instance.state.toLowerCase()}`;
    this.stateBadge.textContent = t(`instances.state.${instance.state}` as MessageKey);
    replaceChildren(this.classification, classificationBadge(instance.classification));
    const row = (key: MessageKey, ...value: Child[]): Child[] => [h('dt', null, t(key)), h('dd', null, ...value)];
    replaceChildren(
      this.info,
      ...row('instances.col.process', `${instance.processId} v${instance.version}`),
      ...row('instances.col.businessKey', h('span', { class: 'mono' }, instance.businessKey || '—')),
      ...row('instances.col.started', time(instance.startedAt)),
      ...row('instances.col.ended', instance.endedAt ? time(instance.endedAt) : '—'),
      ...row('instances.field.id', h('span', { class: 'mono' }, instance.id)),
    );
    this.renderActions();
    this.renderIncidents();
    replaceChildren(this.tasks, taskTable(this.data.tasks));
    replaceChildren(this.variables, variablesBlock(this.data.instance.variables, this.data.variables));
    replaceChildren(this.audit, auditTable(this.data.audit));
    this.renderPanel();
    this.diagram?.show(this.data.history);
  }

  private select(elementId: string): void {
    this.selected = elementId;
    this.renderPanel();
  }

  private renderPanel(): void {
    if (!this.selected) {
      replaceChildren(this.elementPanel, h('p', { class: 'muted' }, t('instances.diagram.pick')));
      return;
    }
    const rows = this.data.history.filter((entry) => entry.elementId === this.selected);
    replaceChildren(
      this.elementPanel,
      h('h3', { class: 'instance-diagram__panel-title mono' }, this.selected),
      rows.length ? elementHistoryTable(rows) : h('p', { class: 'muted' }, t('instances.diagram.notRun')),
      h('p', { class: 'muted' }, t('instances.diagram.ioNote')),
    );
  }

  /** The operations on a running instance, each shown only to the roles the API lets do it. */
  private renderActions(): void {
    const { instance } = this.data;
    const roles = getUser()?.roles ?? [];
    const running = instance.state === 'ACTIVE' || instance.state === 'INCIDENT';
    if (!running) {
      replaceChildren(this.actions);
      return;
    }
    const buttons: HTMLButtonElement[] = [];
    if (roles.includes('admin') || roles.includes('bpr-analyst')) {
      buttons.push(
        instance.suspendedAt
          ? this.operation(t('suspension.resume'), 'btn--secondary', () =>
              api.instances.resumeProcessInstance(instance.id),
            )
          : this.operation(t('suspension.suspend'), 'btn--secondary', () =>
              api.instances.suspendProcessInstance(instance.id),
            ),
      );
    }
    if (roles.includes('admin')) {
      buttons.push(
        this.operation(t('instances.cancel'), 'btn--danger', async () => {
          const reason = window.prompt(t('instances.cancelReason'));
          if (!reason?.trim()) return false;
          await api.instances.cancelInstance(instance.id, reason.trim());
          notify(t('instances.cancelled'), 'success');
        }),
      );
    }
    replaceChildren(
      this.actions,
      instance.suspendedAt ? h('span', { class: 'badge' }, t('suspension.suspended')) : null,
      ...buttons,
    );
  }

  /** A button that runs an operation, shows its error if it fails, and reloads the instance; false means not asked. */
  private operation(label: string, kind: string, run: () => Promise<unknown>): HTMLButtonElement {
    const button = h('button', { type: 'button', class: `btn ${kind}` }, label);
    button.addEventListener('click', () => {
      void withBusy(button, async () => {
        try {
          if ((await run()) === false) return;
        } catch (err) {
          notify(errorMessage(err), 'error');
        }
        await this.reload();
      });
    });
    return button;
  }

  private renderIncidents(): void {
    if (!this.data.incidents.length) {
      replaceChildren(this.incidents);
      return;
    }
    replaceChildren(
      this.incidents,
      ...this.data.incidents.map((incident) =>
        card(
          t('instances.incident', { elementId: incident.elementId }),
          'instance-incident',
          h('p', { class: 'incident-message' }, incident.message),
          canResolveIncidents()
            ? createResolveForm(incident.elementId, async (variables) => {
                try {
                  await api.incidents.resolveIncident(incident.id, variables);
                  notify(t('incident.resolved', { elementId: incident.elementId }), 'success');
                } catch (err) {
                  notify(errorMessage(err), 'error');
                }
                await this.reload();
              }).element
            : h('p', { class: 'muted' }, t('incident.cannotResolve')),
        ),
      ),
    );
  }

  /**
   * Loads the instance again after an operation. The interpreter writes the element history as it goes, a moment
   * after the operation answered: poll briefly until the history changes.
   */
  private async reload(): Promise<void> {
    const before = historyKey(this.data.history);
    try {
      for (let attempt = 0; attempt < 10; attempt++) {
        const fresh = await loadAll(this.data.instance.id, this.ctx.signal);
        if (this.ctx.signal.aborted) return;
        this.data = fresh;
        if (historyKey(fresh.history) !== before) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      this.render();
    } catch (err) {
      if (!isAbort(err)) notify(errorMessage(err), 'error');
    }
  }
}

function historyKey(history: ElementHistoryEntry[]): string {
  return history.map((entry) => `${entry.elementInstanceId}:${entry.state}`).join(',');
}

const time = (iso: string): HTMLElement => h('time', { datetime: iso }, formatDateTime(iso, { seconds: true }));

function taskTable(tasks: InstanceTask[]): HTMLElement {
  if (!tasks.length) return h('p', { class: 'muted' }, t('instances.tasksEmpty'));
  return table(
    t('instances.tasksCaption', { count: tasks.length }),
    ['instances.col.task', 'instances.col.assignee', 'instances.col.due'],
    tasks.map((task) => [
      h('a', { href: href(`/tasks/${encodeURIComponent(task.id)}`) }, task.name || task.elementId),
      task.assignee ?? (task.candidateGroups.join(', ') || '—'),
      dueDate(task),
    ]),
  );
}

function variablesBlock(current: Record<string, unknown>, changes: VariableChange[]): HTMLElement {
  const now = Object.keys(current).length
    ? h(
        'pre',
        { class: 'value-pre json-view', tabindex: 0, 'aria-label': t('instances.variables') },
        formatValue(current),
      )
    : h('p', { class: 'muted' }, t('incident.variablesEmpty'));
  const history = changes.length
    ? table(
        t('instances.variableHistoryCaption', { count: changes.length }),
        [
          'instances.col.variable',
          'instances.col.value',
          'instances.col.previous',
          'instances.col.changedBy',
          'instances.col.source',
          'instances.col.at',
        ],
        changes.map((change) => [
          h('span', { class: 'mono' }, change.name),
          h('code', null, change.value === null ? '—' : formatValue(change.value)),
          h('code', null, change.previous === null ? '—' : formatValue(change.previous)),
          change.changedBy ?? t('instances.byProcess'),
          t(`instances.source.${change.source}` as MessageKey),
          time(change.at),
        ]),
      )
    : h('p', { class: 'muted' }, t('instances.variableHistoryEmpty'));
  return h('div', null, now, history);
}

function auditTable(rows: AuditRow[]): HTMLElement {
  if (!rows.length) return h('p', { class: 'muted' }, t('instances.auditEmpty'));
  return table(
    t('instances.auditCaption', { count: rows.length }),
    ['instances.col.at', 'instances.col.actor', 'instances.col.action', 'instances.col.details'],
    rows.map((row) => [
      time(row.at),
      row.actor ?? '—',
      h('span', { class: 'mono' }, row.action),
      h('code', null, JSON.stringify(row.details)),
    ]),
  );
}

function table(caption: string, columns: MessageKey[], rows: Child[][]): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table table--compact' },
      h('caption', { class: 'table__caption' }, caption),
      h('thead', null, h('tr', null, ...columns.map((key) => h('th', { scope: 'col' }, t(key))))),
      h('tbody', null, ...rows.map((cells) => h('tr', null, ...cells.map((cell) => h('td', null, cell))))),
    ),
  );
}
