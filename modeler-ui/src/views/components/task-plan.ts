/** The task's follow-up date and priority, which its assignee (or the unit head) sets. */
import { api, type Task } from '../../api';
import { card, h, uid, withBusy } from '../../lib/dom';
import { errorMessage } from '../../lib/errors';
import { notify } from '../../lib/notices';
import { isMe } from '../../session';
import { t } from '../../i18n';
import type { TaskSection } from './task-comments';

export function taskPlan(onTaskChanged: (task: Task) => void): TaskSection {
  let task: Task | null = null;
  const followUpId = uid('follow-up');
  const priorityId = uid('priority');
  const followUp = h('input', { id: followUpId, type: 'date', class: 'input' });
  const priority = h('input', { id: priorityId, type: 'number', class: 'input', min: 0, max: 100, required: true });
  const save = h('button', { type: 'button', class: 'btn btn--secondary' }, t('tasks.detail.planSave'));
  const fields = h(
    'fieldset',
    { class: 'task-plan' },
    h('legend', { class: 'visually-hidden' }, t('tasks.detail.plan')),
    h(
      'div',
      { class: 'field' },
      h('label', { class: 'field__label', for: followUpId }, t('tasks.detail.followUp')),
      followUp,
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { class: 'field__label', for: priorityId }, t('tasks.detail.priority')),
      priority,
    ),
    h('div', { class: 'task-notes__actions' }, save),
  );
  const element = card(t('tasks.detail.plan'), 'task-plan-card', fields);

  save.addEventListener('click', () => {
    if (!task || !priority.reportValidity()) return;
    const taskId = task.id;
    void withBusy(save, async () => {
      try {
        const updated = await api.tasks.planTask(taskId, {
          // A follow-up day means that day in Korean time.
          followUpAt: followUp.value ? `${followUp.value}T09:00:00+09:00` : null,
          priority: Number(priority.value),
        });
        notify(t('tasks.detail.planSaved'), 'success');
        onTaskChanged(updated);
      } catch (err) {
        notify(errorMessage(err), 'error');
      }
    });
  });

  return {
    element,
    setTask(next) {
      task = next;
      followUp.value = next.followUpAt
        ? new Date(new Date(next.followUpAt).getTime() + 9 * 3_600_000).toISOString().slice(0, 10)
        : '';
      priority.value = String(next.priority);
      fields.disabled = next.state !== 'CREATED' || !isMe(next.assignee);
    },
  };
}
