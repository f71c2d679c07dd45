/**
 * Which completion form a task gets. This first slice knows two: the generic key/value editor, and the
 * approval decision (승인/반려 buttons that complete with `{approved, comment?}`) used by the demo process.
 * Later, form-js schemas (`form.formId`) plug in here as another kind.
 */
import type { Task } from '../api';

export type TaskFormKind = 'decision' | 'generic';

/** `form.formKey` / `form.formId` values that ask for an approve/reject decision. */
export const DECISION_FORM_KEYS: readonly string[] = ['approval', 'demo-approval'];
/** Process ids of the demo approval process, whose user tasks are decisions even without a form key. */
export const DECISION_PROCESS_IDS: readonly string[] = ['demo-approval'];

export function formKindFor(task: Pick<Task, 'form' | 'processId'>): TaskFormKind {
  const keys = [task.form?.formKey, task.form?.formId].filter((k): k is string => !!k);
  if (keys.some((k) => DECISION_FORM_KEYS.includes(k))) return 'decision';
  if (DECISION_PROCESS_IDS.includes(task.processId)) return 'decision';
  return 'generic';
}
