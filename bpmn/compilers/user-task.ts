import { embeddedFormId, type UserTaskElement } from '../../shared/graph';
import { extension, str } from '../moddle';
import type { ElementCompiler } from './types';

export const compileUserTask: ElementCompiler = (element, base, ctx) => {
  const assignment = extension(element, 'zeebe:AssignmentDefinition');
  const schedule = extension(element, 'zeebe:TaskSchedule');
  const priority = extension(element, 'zeebe:PriorityDefinition');
  const formDefinition = extension(element, 'zeebe:FormDefinition');
  const at = (owner: typeof assignment, attribute: string, what: string) =>
    owner ? ctx.value(str(owner, attribute), base.id, what) : undefined;

  const form = formDefinition && {
    formId: str(formDefinition, 'formId'),
    formKey: str(formDefinition, 'formKey'),
    externalReference: str(formDefinition, 'externalReference'),
  };
  const embeddedId = embeddedFormId(form?.formKey);
  if (embeddedId !== undefined && !ctx.embeddedFormIds.has(embeddedId)) {
    ctx.issue(base.id, `the form key '${form?.formKey}' names no form embedded in the process (zeebe:userTaskForm)`);
  }
  const task: UserTaskElement = {
    type: 'userTask',
    ...base,
    assignee: at(assignment, 'assignee', 'the assignee'),
    candidateGroups: at(assignment, 'candidateGroups', 'the candidate groups'),
    candidateUsers: at(assignment, 'candidateUsers', 'the candidate users'),
    dueDate: at(schedule, 'dueDate', 'the due date'),
    followUpDate: at(schedule, 'followUpDate', 'the follow-up date'),
    priority: at(priority, 'priority', 'the priority'),
    form: form && Object.values(form).some(Boolean) ? form : undefined,
    ...ctx.ioMapping(element, base.id),
  };
  return task;
};
