import { api, isAbort, type QueueScope, type Task } from '../api';
import { h, withBusy, type Child } from '../lib/dom';
import { errorMessage } from '../lib/errors';
import { notify } from '../lib/notices';
import { href } from '../router';
import { isMe, getUser } from '../session';
import { t, type MessageKey } from '../i18n';
import { dueDate, isTaskOverdue } from './components/due-date';
import { createQueueFilters } from './components/queue-filters';
import { errorBlock, loadingBlock } from './components/status';
import type { View, ViewContext } from './types';

const PAGE_SIZE = 50;
const scopes: Array<[QueueScope | 'all', MessageKey]> = [
  ['all', 'tasks.scope.all'],
  ['mine', 'tasks.scope.mine'],
  ['groups', 'tasks.scope.groups'],
  ['department', 'tasks.scope.department'],
];

/**
 * The work queues: scope tabs (all of mine, mine, my groups, my department), a filter form with saved filters, the
 * task table page by page ("more"), and claiming the selected tasks at once. A row (or its name link) opens the task.
 */
export const tasklistView: View = async (ctx) => {
  ctx.setTitle(t('tasks.title'));
  let scope: QueueScope | 'all' = 'all';
  let tasks: Task[] = [];
  let nextCursor: string | null = null;
  const selected = new Set<string>();

  const body = h('div', { class: 'tasklist', 'aria-busy': 'true' }, loadingBlock());
  const more = h('button', { type: 'button', class: 'btn btn--secondary', hidden: true }, t('tasks.more'));
  const refresh = h('button', { type: 'button', class: 'btn btn--secondary' }, t('tasks.refresh'));
  const bulkClaim = h('button', { type: 'button', class: 'btn btn--secondary' }, t('tasks.bulkClaim'));
  const filters = createQueueFilters(() => void load());
  const tabs = scopes.map(([value, label]) =>
    h(
      'button',
      { type: 'button', role: 'tab', class: 'queue-tabs__tab', 'aria-selected': String(value === scope) },
      t(label),
    ),
  );
  tabs.forEach((tab, i) =>
    tab.addEventListener('click', () => {
      scope = scopes[i]![0];
      tabs.forEach((other) => other.setAttribute('aria-selected', String(other === tab)));
      void load();
    }),
  );
  refresh.addEventListener('click', () => void load());
  more.addEventListener('click', () => void withBusy(more, () => load(nextCursor)));
  bulkClaim.addEventListener('click', () => void claimSelected());

  ctx.outlet.replaceChildren(
    h(
      'div',
      { class: 'page-head' },
      h('h1', { class: 'page-title', tabindex: -1 }, t('tasks.title')),
      h('div', { class: 'page-head__actions' }, bulkClaim, refresh),
    ),
    h('div', { class: 'queue-tabs', role: 'tablist', 'aria-label': t('tasks.scope.label') }, ...tabs),
    filters.element,
    body,
    h('div', { class: 'tasklist__more' }, more),
  );

  /** The first page (no cursor) replaces the table; a later page is appended to it. */
  async function load(cursor: string | null = null): Promise<void> {
    body.setAttribute('aria-busy', 'true');
    refresh.disabled = true;
    try {
      const criteria = { ...filters.read(), ...(scope !== 'all' && { scope }) };
      const page = await api.tasks.listTasks(criteria, { cursor, limit: PAGE_SIZE }, ctx.signal);
      if (ctx.signal.aborted) return;
      if (!cursor) selected.clear();
      tasks = cursor ? [...tasks, ...page.items] : page.items;
      nextCursor = page.nextCursor;
      more.hidden = !nextCursor;
      body.replaceChildren(
        tasks.length ? taskTable(ctx, tasks, selected) : h('p', { class: 'empty' }, t('tasks.empty')),
      );
    } catch (err) {
      if (isAbort(err) || ctx.signal.aborted) return;
      body.replaceChildren(errorBlock(errorMessage(err), () => void load()));
    } finally {
      body.setAttribute('aria-busy', 'false');
      refresh.disabled = false;
    }
  }

  async function claimSelected(): Promise<void> {
    if (!selected.size) return notify(t('tasks.noneSelected'), 'error');
    await withBusy(bulkClaim, async () => {
      try {
        const results = await api.tasks.bulkClaim([...selected]);
        const failed = results.filter((result) => !result.ok);
        const claimed = results.length - failed.length;
        if (claimed) notify(t('tasks.bulkClaimed', { count: claimed }), 'success');
        if (failed.length) {
          const reasons = failed.map((result) => result.message ?? result.code ?? '').join(' · ');
          notify(t('tasks.bulkFailed', { count: failed.length, reasons }), 'error');
        }
      } catch (err) {
        notify(errorMessage(err), 'error');
      }
    });
    await load();
  }

  await Promise.all([filters.loadSaved(ctx.signal), load()]);
};

function assigneeLabel(assignee: string | null): string {
  if (!assignee) return t('tasks.unassigned');
  return isMe(assignee) ? (getUser()?.displayName ?? assignee) : assignee;
}

function taskTable(ctx: ViewContext, tasks: Task[], selected: Set<string>): HTMLElement {
  const th = (key: MessageKey, cls?: string): HTMLTableCellElement => h('th', { scope: 'col', class: cls }, t(key));
  const rows = tasks.map((task) => {
    const overdue = isTaskOverdue(task);
    const name = task.name || task.elementId;
    const link = h('a', { class: 'tasklist__link', href: href(`/tasks/${encodeURIComponent(task.id)}`) }, name);
    const cell = (label: MessageKey, attrs: Record<string, unknown>, ...content: Child[]): HTMLTableCellElement =>
      h('td', { ...attrs, data: { label: t(label) } }, ...content);
    const check = h('input', {
      type: 'checkbox',
      'aria-label': t('tasks.select', { name }),
      props: { checked: selected.has(task.id) },
      on: {
        change: (event: Event) => {
          if ((event.target as HTMLInputElement).checked) selected.add(task.id);
          else selected.delete(task.id);
        },
      },
    });
    const row = h(
      'tr',
      { class: ['tasklist__row', overdue && 'is-overdue'] },
      cell('tasks.col.select', { class: 'tasklist__select' }, check),
      h('th', { scope: 'row', class: 'tasklist__name' }, link),
      cell('tasks.col.process', {}, task.processId),
      cell('tasks.col.businessKey', { class: 'mono' }, task.businessKey),
      cell('tasks.col.due', { class: 'nowrap tasklist__due' }, ...dueDate(task)),
      cell('tasks.col.assignee', { class: [!task.assignee && 'muted'] }, assigneeLabel(task.assignee)),
      cell(
        'tasks.col.priority',
        { class: 'num' },
        h('span', { class: ['priority', task.priority >= 75 && 'priority--high'] }, String(task.priority)),
      ),
    );
    // The whole row is a click target for the mouse; keyboard and screen-reader users use the link.
    row.addEventListener('click', (event) => {
      if (event.target instanceof Element && event.target.closest('a, button, input, label')) return;
      if (window.getSelection()?.toString()) return; // selecting text is not a click
      ctx.navigate(`/tasks/${encodeURIComponent(task.id)}`);
    });
    return row;
  });

  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table' },
      h('caption', { class: 'table__caption' }, t('tasks.caption', { count: tasks.length })),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h(
            'th',
            { scope: 'col', class: 'tasklist__select' },
            h('span', { class: 'visually-hidden' }, t('tasks.col.select')),
          ),
          th('tasks.col.name'),
          th('tasks.col.process'),
          th('tasks.col.businessKey'),
          th('tasks.col.due'),
          th('tasks.col.assignee'),
          th('tasks.col.priority', 'num'),
        ),
      ),
      h('tbody', null, ...rows),
    ),
  );
}
