/**
 * Delegation on the task page: the assignee delegates to a person (a username, suggested from the org chart); the
 * delegate hands the task back with what they filled in; the owner is told where the task is meanwhile.
 */
import { api, type Task, type Variables } from '../../api';
import { card, h, uid, withBusy } from '../../lib/dom';
import { errorMessage } from '../../lib/errors';
import { notify } from '../../lib/notices';
import { isMe } from '../../session';
import { t } from '../../i18n';
import type { TaskSection } from './task-comments';

export interface DelegationHooks {
  onTaskChanged(task: Task): void;
  /** What the delegate filled into the task's form, handed back with the task. */
  draft(): Variables | undefined;
  signal: AbortSignal;
}

export function taskDelegation(hooks: DelegationHooks): TaskSection {
  let task: Task | null = null;
  const status = h('p', { class: 'claim-bar__text' });
  const personId = uid('delegate');
  const listId = uid('people');
  const person = h('input', { id: personId, class: 'input', list: listId, autocomplete: 'off' });
  const people = h('datalist', { id: listId });
  const delegate = h('button', { type: 'button', class: 'btn btn--secondary' }, t('tasks.delegation.delegate'));
  const resolve = h('button', { type: 'button', class: 'btn btn--primary' }, t('tasks.delegation.resolve'));
  const delegateForm = h(
    'div',
    { class: 'field' },
    h('label', { class: 'field__label', for: personId }, t('tasks.delegation.person')),
    person,
    people,
    h('div', { class: 'task-notes__actions' }, delegate),
  );
  const element = card(t('tasks.delegation.title'), 'task-delegation', status, delegateForm, resolve);

  void api.tasks
    .listPeople(hooks.signal)
    .then((found) =>
      people.replaceChildren(
        ...found.map((entry) => h('option', { value: entry.username }, `${entry.displayName} (${entry.username})`)),
      ),
    );

  const act = (button: HTMLButtonElement, action: () => Promise<Task>, success: (updated: Task) => string) =>
    withBusy(button, async () => {
      try {
        const updated = await action();
        notify(success(updated), 'success');
        hooks.onTaskChanged(updated);
      } catch (err) {
        notify(errorMessage(err), 'error');
      }
    });

  delegate.addEventListener('click', () => {
    const userId = person.value.trim();
    if (!task || !userId) {
      notify(t('tasks.delegation.personRequired'), 'error');
      return person.focus();
    }
    const taskId = task.id;
    void act(
      delegate,
      () => api.tasks.delegateTask(taskId, userId),
      () => t('tasks.delegation.delegated', { name: userId }),
    );
  });

  resolve.addEventListener('click', () => {
    if (!task) return;
    const { id, owner } = task;
    void act(
      resolve,
      () => api.tasks.resolveTask(id, hooks.draft()),
      () => t('tasks.delegation.resolved', { owner: owner ?? '' }),
    );
  });

  return {
    element,
    setTask(next) {
      task = next;
      const open = next.state === 'CREATED';
      const pending = next.delegationState === 'PENDING';
      const delegatedToMe = open && pending && isMe(next.assignee);
      const mayDelegate = open && !pending && isMe(next.assignee);
      delegateForm.hidden = !mayDelegate;
      resolve.hidden = !delegatedToMe;
      status.textContent = open ? delegationStatus(next, mayDelegate) : '';
      element.hidden = !open;
    },
  };
}

/** Where a delegated task stands, as the person looking at it needs to know. */
function delegationStatus(task: Task, mayDelegate: boolean): string {
  if (task.delegationState === 'PENDING') {
    if (isMe(task.assignee)) return t('tasks.delegation.pendingDelegate', { owner: task.owner ?? '' });
    if (isMe(task.owner)) return t('tasks.delegation.pendingOwner', { name: task.assignee ?? '' });
  }
  if (task.delegationState === 'RESOLVED' && isMe(task.assignee)) return t('tasks.delegation.returned');
  return mayDelegate ? '' : t('tasks.delegation.notYours');
}
