/**
 * What a person may submit to complete a user task, checked before the update reaches the workflow (completing a
 * task merges the submitted variables into the process, so an unchecked submission could overwrite any variable):
 * - a task with a form accepts that form's fields, valid by its rules: a deployed form (zeebe:formId, the version
 *   bound at deployment) or a form embedded in the process (form key `camunda-forms:bpmn:<id>`);
 * - else a task with output mappings accepts the variables those mappings read;
 * - else the task is a decision (승인/반려, as the demo process and the tasklist's decision view use it): it
 *   accepts `approved` (true or false) and `comment` (text).
 * See docs/forms-and-notifications.md.
 */
import type { UserTask } from '../prisma/generated/client';
import { AppError } from '../shared/app-error';
import type { Variables } from '../shared/feel';
import { variablesRead } from '../shared/feel-reads';
import { embeddedFormId, type ProcessGraph } from '../shared/graph';
import type { Prisma, PrismaClient } from '../platform/db';
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

/** A task's submissions follow a form, or may set only some names. */
export type SubmissionRule = { form: FormSchema } | { names: string[] };

type TaskRef = Pick<UserTask, 'processInstanceId' | 'elementId' | 'form'>;

/** Throws FORM_INVALID with every field's problem when the submission is not one the task accepts. */
export async function assertSubmissionAllowed(
  prisma: PrismaClient,
  task: TaskRef,
  submission: Variables,
): Promise<void> {
  const instance = await prisma.processInstance.findUniqueOrThrow({
    where: { id: task.processInstanceId },
    select: {
      variables: true,
      definition: { select: { bpmnProcessId: true, version: true, graph: true, formVersions: true } },
    },
  });
  const formVersionId = boundFormVersionId(instance.definition.formVersions, task.form);
  const deployedForm = formVersionId
    ? await prisma.form.findUniqueOrThrow({ where: { id: formVersionId }, select: { schema: true } })
    : undefined;
  const rule = submissionRule(loadGraph(instance.definition), task, deployedForm?.schema);
  const fields: FieldError[] =
    'form' in rule
      ? checkSubmission(rule.form, submission, (instance.variables ?? {}) as Variables)
      : checkNames(submission, rule.names);
  if (fields.length === 0) return;
  const summary = fields.map(({ key, message }) => `${key}: ${message}`).join(' ');
  throw new AppError('FORM_INVALID', `The submission was not accepted; the task stays open. ${summary}`, { fields });
}

/** Which rule a task's submissions follow; `deployedForm` is the schema of the form version its process bound. */
export function submissionRule(
  graph: ProcessGraph,
  task: Pick<TaskRef, 'elementId' | 'form'>,
  deployedForm?: Prisma.JsonValue,
): SubmissionRule {
  if (deployedForm) return { form: deployedForm as unknown as FormSchema };
  const element = graph.elements[task.elementId];
  if (element?.type !== 'userTask') return { form: DECISION_FORM };
  const embeddedId = embeddedFormId(element.form?.formKey);
  const embedded = embeddedId === undefined ? undefined : graph.embeddedForms?.[embeddedId];
  if (embedded) return { form: embedded as unknown as FormSchema };
  if (element.outputs.length > 0) {
    return { names: [...new Set(element.outputs.flatMap((output) => variablesRead(output.source)))] };
  }
  return { form: DECISION_FORM };
}
