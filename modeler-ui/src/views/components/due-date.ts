import type { Task } from '../../api';

/** What the due date needs of a task (the queue's rows and the instance page's open tasks). */
type Due = Pick<Task, 'dueAt' | 'state' | 'timeLeft'>;
import { h, type Child } from '../../lib/dom';
import { formatDateTime, formatWorkingDuration, isOverdue, WORKING_DAY_MINUTES } from '../../lib/format';
import { t } from '../../i18n';

/**
 * An open task past its legal due date. The server's working-time count decides; without one (a due date beyond
 * the server's holiday data) the browser's clock does.
 */
export function isTaskOverdue(task: Due): boolean {
  if (task.state !== 'CREATED') return false;
  return task.timeLeft ? task.timeLeft.overdue : isOverdue(task.dueAt);
}

/**
 * The legal due date (처리기한) and, for an open task, the working time left until it or since it:
 * "2026. 12. 11. 18:00 · 근무시간 5시간 20분 남음" / "기한 2일 3시간 경과". Less than one working day left is
 * marked "soon", a passed due date "overdue"; the words say it too, not only the colour.
 */
export function dueDate(task: Due): Child[] {
  if (!task.dueAt) return ['—'];
  const date = h('time', { datetime: task.dueAt }, formatDateTime(task.dueAt));
  const left = task.state === 'CREATED' ? task.timeLeft : null;
  if (!left)
    return [date, isTaskOverdue(task) ? h('span', { class: 'badge badge--danger' }, t('tasks.overdue')) : null];

  const text = left.overdue
    ? left.workingMinutes > 0
      ? t('timeLeft.overdueBy', { duration: formatWorkingDuration(left.workingMinutes) })
      : t('timeLeft.overdue')
    : left.workingMinutes > 0
      ? t('timeLeft.left', { duration: formatWorkingDuration(left.workingMinutes) })
      : t('timeLeft.noneLeft');
  const tone = left.overdue
    ? 'time-left--overdue'
    : left.workingMinutes < WORKING_DAY_MINUTES
      ? 'time-left--soon'
      : null;
  return [date, h('span', { class: ['time-left', tone], title: t('timeLeft.hint') }, text)];
}
