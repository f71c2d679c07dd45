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
import { deployedDefinition } from './deployed-definitions';
import { loadGraph } from './graph';

/** The decision a task without a form or output mappings asks for. */
export const DECISION_FORM: FormSchema = {
  components: [
    { type: 'checkbox', key: 'approved' },
    { type: 'textarea', key: 'comment' },
  ],
};

/** What a task's submissions follow: its form, the names its output mappings read, or the decision. */
export type SubmissionRule =
  { kind: 'form'; form: FormSchema } | { kind: 'names'; names: string[] } | { kind: 'decision' };

/** A task with the instance variables its form's expressions read, as the task's query loaded them. */
type TaskRef = Pick<UserTask, 'processInstanceId' | 'elementId' | 'form'> & {
  processInstance: { definitionId: string; variables: Prisma.JsonValue };
};

/** The rule the task's submissions follow, with the instance variables its form's expressions read. */
export async function loadSubmissionRule(
  prisma: PrismaClient,
  task: TaskRef,
): Promise<{ rule: SubmissionRule; variables: Variables }> {
  const definition = await deployedDefinition(prisma, task.processInstance.definitionId);
  if (!definition) throw new Error(`the definition of instance ${task.processInstanceId} is gone`);
  const formVersionId = boundFormVersionId(definition.formVersions, task.form);
  const deployedForm = formVersionId
    ? await prisma.form.findUniqueOrThrow({ where: { id: formVersionId }, select: { schema: true } })
    : undefined;
  const rule = submissionRule(loadGraph(definition), task, deployedForm?.schema);
  return { rule, variables: (task.processInstance.variables ?? {}) as Variables };
}

/** Throws FORM_INVALID with every field's problem when the submission is not one the task accepts. */
export async function assertSubmissionAllowed(
  prisma: PrismaClient,
  task: TaskRef,
  submission: Variables,
): Promise<void> {
  const { rule, variables } = await loadSubmissionRule(prisma, task);
  const fields = submissionErrors(rule, submission, variables);
  if (fields.length === 0) return;
  const summary = fields.map(({ key, message }) => `${key}: ${message}`).join(' ');
  throw new AppError('FORM_INVALID', `The submission was not accepted; the task stays open. ${summary}`, { fields });
}

function submissionErrors(rule: SubmissionRule, submission: Variables, variables: Variables): FieldError[] {
  switch (rule.kind) {
    case 'form':
      return checkSubmission(rule.form, submission, variables);
    case 'names':
      return checkNames(submission, rule.names);
    case 'decision':
      return checkSubmission(DECISION_FORM, submission, variables);
  }
}

/** Which rule a task's submissions follow; `deployedForm` is the schema of the form version its process bound. */
export function submissionRule(
  graph: ProcessGraph,
  task: Pick<TaskRef, 'elementId' | 'form'>,
  deployedForm?: Prisma.JsonValue,
): SubmissionRule {
  if (deployedForm) return { kind: 'form', form: deployedForm as unknown as FormSchema };
  const element = graph.elements[task.elementId];
  if (element?.type !== 'userTask') return { kind: 'decision' };
  const embeddedId = embeddedFormId(element.form?.formKey);
  const embedded = embeddedId === undefined ? undefined : graph.embeddedForms?.[embeddedId];
  if (embedded) return { kind: 'form', form: embedded as unknown as FormSchema };
  if (element.outputs.length > 0) {
    return { kind: 'names', names: [...new Set(element.outputs.flatMap((output) => variablesRead(output.source)))] };
  }
  return { kind: 'decision' };
}
