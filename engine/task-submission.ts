/**
 * What a person may submit to complete a user task, checked before the update reaches the workflow (completing a
 * task merges the submitted variables into the process, so an unchecked submission could overwrite any variable):
 * - a task with a deployed form (zeebe:formId) accepts that form's fields, valid by its rules;
 * - else a task with output mappings accepts the variables those mappings read;
 * - else the task is a decision (승인/반려, as the demo process and the tasklist's decision view use it): it
 *   accepts `approved` (true or false) and `comment` (text).
 * See docs/forms-and-notifications.md.
 */
import type { UserTask } from '../prisma/generated/client';
import { AppError } from '../shared/app-error';
import type { Variables } from '../shared/feel';
import { variablesRead } from '../shared/feel-reads';
import type { PrismaClient } from '../platform/db';
import { checkNames, checkSubmission, type FieldError, type FormSchema } from './form-submission';
import { boundFormVersionId } from './forms';
import { loadGraph } from './graph';

/** The decision a task without a form or output mappings asks for. */
export const DECISION_FORM: FormSchema = {
  components: [
    { type: 'checkbox', key: 'approved' },
    { type: 'textarea', key: 'comment' },
  ],
};

/** Throws FORM_INVALID with every field's problem when the submission is not one the task accepts. */
export async function assertSubmissionAllowed(
  prisma: PrismaClient,
  task: Pick<UserTask, 'id' | 'processInstanceId' | 'elementId' | 'form'>,
  submission: Variables,
): Promise<void> {
  const fields = await submissionProblems(prisma, task, submission);
  if (fields.length === 0) return;
  const summary = fields.map(({ key, message }) => `${key}: ${message}`).join(' ');
  throw new AppError('FORM_INVALID', `The submission was not accepted; the task stays open. ${summary}`, { fields });
}

async function submissionProblems(
  prisma: PrismaClient,
  task: Pick<UserTask, 'processInstanceId' | 'elementId' | 'form'>,
  submission: Variables,
): Promise<FieldError[]> {
  const instance = await prisma.processInstance.findUniqueOrThrow({
    where: { id: task.processInstanceId },
    select: {
      variables: true,
      definition: { select: { bpmnProcessId: true, version: true, graph: true, formVersions: true } },
    },
  });
  const variables = (instance.variables ?? {}) as Variables;
  const formVersionId = boundFormVersionId(instance.definition.formVersions, task.form);
  if (formVersionId) {
    const form = await prisma.form.findUniqueOrThrow({ where: { id: formVersionId }, select: { schema: true } });
    return checkSubmission(form.schema as unknown as FormSchema, submission, variables);
  }
  const element = loadGraph(instance.definition).elements[task.elementId];
  const outputs = element?.type === 'userTask' ? element.outputs : [];
  if (outputs.length > 0) {
    return checkNames(submission, [...new Set(outputs.flatMap((output) => variablesRead(output.source)))]);
  }
  return checkSubmission(DECISION_FORM, submission, variables);
}
