/**
 * Which completion form a task gets, as the server says what it accepts (`accepts`): its form-js form, the 승인/반려
 * decision (`{approved, comment?}`), or a key/value editor for the names its output mappings read.
 */
import type { Task } from '../api';

export type TaskFormKind = 'schema' | 'decision' | 'names';

export function formKindFor(task: Pick<Task, 'accepts' | 'formSchema'>): TaskFormKind {
  if (task.formSchema) return 'schema';
  return task.accepts?.kind === 'names' ? 'names' : 'decision';
}

/** The names a task without a form accepts (its output mappings read them); empty for the others. */
export function acceptedNames(task: Pick<Task, 'accepts'>): readonly string[] {
  return task.accepts?.kind === 'names' ? task.accepts.names : [];
}
