/**
 * Which completion form a task gets: a deployed form-js form when the task carries its schema (`formSchema`),
 * else the approval decision (승인/반려 buttons that complete with `{approved, comment?}`) used by the demo
 * process, else the generic key/value editor.
 */
import type { Task } from '../api';

export type TaskFormKind = 'schema' | 'decision' | 'generic';

/** `form.formKey` / `form.formId` values that ask for an approve/reject decision. */
export const DECISION_FORM_KEYS: readonly string[] = ['approval', 'demo-approval'];
/** Process ids of the demo approval process, whose user tasks are decisions even without a form key. */
export const DECISION_PROCESS_IDS: readonly string[] = ['demo-approval'];

export function formKindFor(task: Pick<Task, 'form' | 'formSchema' | 'processId'>): TaskFormKind {
  if (task.formSchema) return 'schema';
  const keys = [task.form?.formKey, task.form?.formId].filter((k): k is string => !!k);
  if (keys.some((k) => DECISION_FORM_KEYS.includes(k))) return 'decision';
  if (DECISION_PROCESS_IDS.includes(task.processId)) return 'decision';
  return 'generic';
}
