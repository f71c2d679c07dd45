import { api, isAbort, type Task } from '../api';
import { h, type Child } from '../lib/dom';
import { errorMessage } from '../lib/errors';
import { href } from '../router';
import { isMe, getUser } from '../session';
import { t } from '../i18n';
import { dueDate, isTaskOverdue } from './components/due-date';
import { errorBlock, loadingBlock } from './components/status';
import type { View, ViewContext } from './types';

/** "My queue": the caller's open tasks; a row (or its name link) opens the task. */
export const tasklistView: View = async (ctx) => {
  ctx.setTitle(t('tasks.title'));
  const body = h('div', { class: 'tasklist', 'aria-busy': 'true' }, loadingBlock());
  const refresh = h(
    'button',
    { type: 'button', class: 'btn btn--secondary', on: { click: () => void load() } },
    t('tasks.refresh'),
  );
  ctx.outlet.replaceChildren(
    h(
      'div',
      { class: 'page-head' },
      h('h1', { class: 'page-title', tabindex: -1 }, t('tasks.title')),
      h('div', { class: 'page-head__actions' }, refresh),
    ),
    body,
  );

  async function load(): Promise<void> {
    body.setAttribute('aria-busy', 'true');
    refresh.disabled = true;
    try {
      const tasks = await api.tasks.listMyTasks(ctx.signal);
      if (ctx.signal.aborted) return;
      body.replaceChildren(tasks.length ? taskTable(ctx, tasks) : h('p', { class: 'empty' }, t('tasks.empty')));
    } catch (err) {
      if (isAbort(err) || ctx.signal.aborted) return;
      body.replaceChildren(errorBlock(errorMessage(err), () => void load()));
    } finally {
      body.setAttribute('aria-busy', 'false');
      refresh.disabled = false;
    }
  }

  await load();
};

function assigneeLabel(assignee: string | null): string {
  if (!assignee) return t('tasks.unassigned');
  return isMe(assignee) ? (getUser()?.displayName ?? assignee) : assignee;
}

function taskTable(ctx: ViewContext, tasks: Task[]): HTMLElement {
  const th = (key: Parameters<typeof t>[0], cls?: string): HTMLTableCellElement =>
    h('th', { scope: 'col', class: cls }, t(key));
  const rows = tasks.map((task) => {
    const overdue = isTaskOverdue(task);
    const link = h(
      'a',
      { class: 'tasklist__link', href: href(`/tasks/${encodeURIComponent(task.id)}`) },
      task.name || task.elementId,
    );
    const cell = (
      label: Parameters<typeof t>[0],
      attrs: Record<string, unknown>,
      ...content: Child[]
    ): HTMLTableCellElement => h('td', { ...attrs, data: { label: t(label) } }, ...content);
    const row = h(
      'tr',
      { class: ['tasklist__row', overdue && 'is-overdue'] },
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
      if (event.target instanceof Element && event.target.closest('a, button')) return;
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
