/** A task's attachments: download links, and uploading a file while the task is open. */
import { api, type Task, type TaskAttachment } from '../../api';
import { card, h, uid, withBusy } from '../../lib/dom';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { notify } from '../../lib/notices';
import { t } from '../../i18n';
import type { TaskSection } from './task-comments';

export function taskAttachments(): TaskSection {
  let task: Task | null = null;
  let attachments: TaskAttachment[] = [];
  const list = h('ul', { class: 'task-notes' });
  const fileId = uid('attachment');
  const hintId = uid('attachment-hint');
  const file = h('input', { id: fileId, type: 'file', class: 'input', 'aria-describedby': hintId });
  const upload = h('button', { type: 'button', class: 'btn btn--secondary' }, t('tasks.attachments.upload'));
  const uploader = h(
    'div',
    { class: 'field' },
    h('label', { class: 'field__label', for: fileId }, t('tasks.attachments.file')),
    h('p', { id: hintId, class: 'field__hint' }, t('tasks.attachments.hint')),
    file,
    h('div', { class: 'task-notes__actions' }, upload),
  );

  function render(): void {
    if (!task) return;
    const taskId = task.id;
    list.replaceChildren(
      ...(attachments.length
        ? attachments.map((attachment) =>
            h(
              'li',
              { class: 'task-notes__item' },
              h(
                'a',
                { href: api.tasks.attachmentUrl(taskId, attachment.id), download: attachment.fileName },
                attachment.fileName,
              ),
              h(
                'p',
                { class: 'task-notes__meta' },
                t('tasks.attachments.meta', {
                  size: fileSize(attachment.size),
                  uploader: attachment.uploader,
                  at: formatDateTime(attachment.at),
                }),
              ),
            ),
          )
        : [h('li', { class: 'muted' }, t('tasks.attachments.empty'))]),
    );
  }

  upload.addEventListener('click', () => {
    const chosen = file.files?.[0];
    if (!task || !chosen) {
      notify(t('tasks.attachments.choose'), 'error');
      return file.focus();
    }
    const taskId = task.id;
    void withBusy(upload, async () => {
      try {
        attachments = [...attachments, await api.tasks.attachFile(taskId, chosen)];
        file.value = '';
        render();
        notify(t('tasks.attachments.uploaded', { name: chosen.name }), 'success');
      } catch (err) {
        notify(errorMessage(err), 'error');
      }
    });
  });

  return {
    element: card(t('tasks.attachments.title'), 'task-attachments', list, uploader),
    setTask(next) {
      task = next;
      attachments = next.attachments ?? attachments;
      uploader.hidden = next.state !== 'CREATED';
      render();
    },
  };
}

function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
