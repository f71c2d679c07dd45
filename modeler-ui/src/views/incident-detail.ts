import {
  api,
  ApiError,
  isAbort,
  type ElementHistoryEntry,
  type Incident,
  type ProcessInstance,
  type Variables,
} from '../api';
import { card, h, replaceChildren, type Child } from '../lib/dom';
import { pageHead } from '../lib/page-head';
import { errorMessage } from '../lib/errors';
import { formatDateTime, formatValue } from '../lib/format';
import { notify } from '../lib/notices';
import { href } from '../router';
import { canResolveIncidents } from '../session';
import { t, type MessageKey } from '../i18n';
import { elementHistoryTable } from './components/element-history';
import { createResolveForm } from './components/resolve-form';
import { errorBlock, loadingBlock } from './components/status';
import type { View, ViewContext } from './types';

interface Loaded {
  incident: Incident;
  instance: ProcessInstance | null;
  history: ElementHistoryEntry[] | null;
}

/** The incident, with what the instance looks like now, in the order the API serves them. */
async function loadAll(id: string, signal: AbortSignal): Promise<Loaded> {
  const incident = await api.incidents.getIncident(id, signal);
  // The instance and its history help but are not required: the incident page still works without them.
  const [instance, history] = await Promise.all([
    api.instances.getProcessInstance(incident.processInstanceId, signal).catch(orNull),
    api.instances.getInstanceHistory(incident.processInstanceId, signal).catch(orNull),
  ]);
  return { incident, instance, history };
}

function orNull(err: unknown): null {
  if (isAbort(err)) throw err;
  return null;
}

/** One incident: details, the instance's current variables and element history, and the resolve form. */
export const incidentDetailView: View = async (ctx) => {
  const id = ctx.params.id ?? '';
  ctx.setTitle(t('incident.info'));
  const back = h('p', { class: 'back' }, h('a', { href: href('/incidents') }, `← ${t('incident.back')}`));
  ctx.outlet.replaceChildren(back, h('div', { 'aria-busy': 'true' }, loadingBlock()));

  let loaded: Loaded;
  try {
    loaded = await loadAll(id, ctx.signal);
  } catch (err) {
    if (isAbort(err) || ctx.signal.aborted) return;
    const notFound = err instanceof ApiError && err.status === 404;
    const forbidden = err instanceof ApiError && err.status === 403;
    const title = notFound ? t('incident.notFound') : t('error.title');
    ctx.setTitle(title);
    replaceChildren(
      ctx.outlet,
      back,
      h('h1', { class: 'page-title', tabindex: -1 }, title),
      notFound
        ? null
        : forbidden
          ? errorBlock(t('incidents.forbidden'))
          : errorBlock(errorMessage(err), () => ctx.navigate(`/incidents/${encodeURIComponent(id)}`)),
    );
    return;
  }
  if (ctx.signal.aborted) return;
  new IncidentPage(ctx, loaded, back).mount();
};

class IncidentPage {
  private readonly title = h('h1', { class: 'page-title', tabindex: -1 });
  private readonly stateBadge = h('span', { class: 'badge' });
  private readonly info = h('dl', { class: 'info' });
  private readonly variables = h('div', { class: 'variables' });
  private readonly history = h('div');
  private readonly resolveArea = h('div', { class: 'resolve-area' });

  constructor(
    private readonly ctx: ViewContext,
    private data: Loaded,
    private readonly back: HTMLElement,
  ) {}

  mount(): void {
    this.ctx.outlet.replaceChildren(
      this.back,
      pageHead(this.title, [this.stateBadge]),
      h(
        'div',
        { class: 'task-grid' },
        card(t('incident.info'), null, this.info),
        card(t('incident.variables'), null, this.variables),
      ),
      card(t('incident.history'), 'history-card', this.history),
      this.resolveArea,
    );
    this.render();
    this.renderResolveArea();
  }

  private render(): void {
    const { incident, instance, history } = this.data;
    const heading = t('incident.title', { elementId: incident.elementId });
    this.ctx.setTitle(heading);
    this.title.textContent = heading;
    this.stateBadge.className = `badge badge--incident-${incident.state.toLowerCase()}`;
    this.stateBadge.textContent = t(`incident.state.${incident.state}` as MessageKey);
    this.renderInfo();
    this.variables.replaceChildren(variablesBlock(instance?.variables));
    this.history.replaceChildren(
      history ? elementHistoryTable(history) : h('p', { class: 'muted' }, t('incident.instanceUnavailable')),
    );
  }

  private renderInfo(): void {
    const { incident, instance } = this.data;
    const row = (key: MessageKey, ...value: Child[]): Child[] => [h('dt', null, t(key)), h('dd', null, ...value)];
    const mono = (text: string | null): HTMLElement => h('span', { class: 'mono' }, text || '—');
    const time = (iso: string): HTMLElement => h('time', { datetime: iso }, formatDateTime(iso, { seconds: true }));
    replaceChildren(
      this.info,
      ...row('incident.field.state', t(`incident.state.${incident.state}` as MessageKey)),
      ...row('incident.field.message', h('span', { class: 'incident-message' }, incident.message)),
      ...row('incident.field.process', incident.processId),
      ...row('incident.field.businessKey', mono(incident.businessKey)),
      ...row('incident.field.element', mono(incident.elementId)),
      ...row('incident.field.elementInstance', mono(incident.elementInstanceId)),
      ...row('incident.field.instance', mono(incident.processInstanceId)),
      ...(instance
        ? row('incident.field.instanceState', t(`incident.instanceState.${instance.state}` as MessageKey))
        : []),
      ...row('incident.field.created', time(incident.createdAt)),
      ...(incident.resolvedAt ? row('incident.field.resolved', time(incident.resolvedAt)) : []),
      ...(incident.resolvedBy ? row('incident.field.resolvedBy', incident.resolvedBy) : []),
    );
  }

  private renderResolveArea(): void {
    const incident = this.data.incident;
    if (incident.state !== 'OPEN') {
      const text = t('incident.closedText', { state: t(`incident.state.${incident.state}` as MessageKey) });
      replaceChildren(this.resolveArea, h('p', { class: 'claim-bar claim-bar__text', role: 'status' }, text));
      return;
    }
    if (!canResolveIncidents()) {
      replaceChildren(this.resolveArea, h('p', { class: 'claim-bar claim-bar__text' }, t('incident.cannotResolve')));
      return;
    }
    const form = createResolveForm(incident.elementId, async (variables) => {
      const done = await this.resolve(variables, form.setError);
      if (done) this.title.focus();
    });
    replaceChildren(this.resolveArea, form.element);
  }

  /** Posts the resolve; true when the page now shows a closed incident. */
  private async resolve(
    variables: Variables | undefined,
    setError: (message: string | null) => void,
  ): Promise<boolean> {
    const incident = this.data.incident;
    try {
      const resolved = await api.incidents.resolveIncident(incident.id, variables);
      if (this.ctx.signal.aborted) return false;
      this.data = { ...this.data, incident: resolved };
      this.render();
      this.renderResolveArea();
      notify(t('incident.resolved', { elementId: incident.elementId }), 'success');
    } catch (err) {
      if (this.ctx.signal.aborted) return false;
      if (!(err instanceof ApiError && err.status === 409)) {
        setError(errorMessage(err));
        return false;
      }
      notify(t('incident.notOpen'), 'error');
    }
    await this.reload();
    return true;
  }

  /** Fetches the incident, instance and history again (the element ran again; the instance may have moved on). */
  private async reload(): Promise<void> {
    try {
      const fresh = await loadAll(this.data.incident.id, this.ctx.signal);
      if (this.ctx.signal.aborted) return;
      this.data = fresh;
      this.render();
      this.renderResolveArea();
    } catch {
      // the page keeps what it showed; the notice already says what happened
    }
  }
}

function variablesBlock(variables: Variables | undefined): HTMLElement {
  if (!variables) return h('p', { class: 'muted' }, t('incident.instanceUnavailable'));
  if (!Object.keys(variables).length) return h('p', { class: 'muted' }, t('incident.variablesEmpty'));
  return h(
    'pre',
    { class: 'value-pre json-view', tabindex: 0, 'aria-label': t('incident.variables') },
    formatValue(variables),
  );
}
