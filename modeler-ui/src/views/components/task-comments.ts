/** A task's comments: the list, and a box to add one while the task is open (anyone who may read it). */
import { api, type Task, type TaskComment } from '../../api';
import { card, h, uid, withBusy } from '../../lib/dom';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { notify } from '../../lib/notices';
import { t } from '../../i18n';

export interface TaskSection {
  element: HTMLElement;
  setTask(task: Task): void;
}

export function taskComments(): TaskSection {
  let task: Task | null = null;
  let comments: TaskComment[] = [];
  const list = h('ol', { class: 'task-notes' });
  const textId = uid('comment-text');
  const text = h('textarea', { id: textId, class: 'input', rows: 3, maxlength: 2000 });
  const post = h('button', { type: 'button', class: 'btn btn--secondary' }, t('tasks.comments.post'));
  const composer = h(
    'div',
    { class: 'field' },
    h('label', { class: 'field__label', for: textId }, t('tasks.comments.text')),
    text,
    h('div', { class: 'task-notes__actions' }, post),
  );

  function render(): void {
    list.replaceChildren(
      ...(comments.length
        ? comments.map((comment) =>
            h(
              'li',
              { class: 'task-notes__item' },
              h(
                'p',
                { class: 'task-notes__meta' },
                h('strong', null, comment.author),
                ' · ',
                h('time', { datetime: comment.at }, formatDateTime(comment.at)),
              ),
              h('p', { class: 'task-notes__text' }, comment.text),
            ),
          )
        : [h('li', { class: 'muted' }, t('tasks.comments.empty'))]),
    );
  }

  post.addEventListener('click', () => {
    const value = text.value.trim();
    if (!task || !value) return text.focus();
    const taskId = task.id;
    void withBusy(post, async () => {
      try {
        comments = [...comments, await api.tasks.addComment(taskId, value)];
        text.value = '';
        render();
        notify(t('tasks.comments.posted'), 'success');
      } catch (err) {
        notify(errorMessage(err), 'error');
      }
    });
  });

  return {
    element: card(t('tasks.comments.title'), 'task-comments', list, composer),
    setTask(next) {
      task = next;
      comments = next.comments ?? comments;
      composer.hidden = next.state !== 'CREATED';
      render();
    },
  };
}
