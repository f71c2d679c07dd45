/** Forms embedded in the process (zeebe:userTaskForm), as the Camunda 8 modelers write them. */
import { model, path } from '../support/bpmn';
import { compileOne, rejection } from '../support/compile';

const reviewForm = {
  id: 'review',
  type: 'default',
  components: [{ type: 'textfield', key: 'opinion', label: '의견' }],
};

function taskWithFormKey(formKey: string, embedded: string): string {
  return model(
    path(
      'review',
      'review',
      `<bpmn:userTask id="review"><bpmn:extensionElements>
         <zeebe:assignmentDefinition candidateGroups="civil-affairs" />
         <zeebe:formDefinition formKey="${formKey}" />
       </bpmn:extensionElements></bpmn:userTask>`,
    ),
    { processExtensions: embedded },
  );
}

const embed = (id: string, body: string) => `<zeebe:userTaskForm id="${id}">${body}</zeebe:userTaskForm>`;

describe('embedded forms', () => {
  it('keeps the embedded schema in the graph and the form key on the task', async () => {
    const graph = await compileOne(
      taskWithFormKey('camunda-forms:bpmn:userTaskForm_1', embed('userTaskForm_1', JSON.stringify(reviewForm))),
    );
    expect(graph.embeddedForms).toEqual({ userTaskForm_1: reviewForm });
    expect(graph.elements['review']).toMatchObject({ form: { formKey: 'camunda-forms:bpmn:userTaskForm_1' } });
  });

  it('refuses a form key that names no embedded form, with the task id', async () => {
    const error = await rejection(taskWithFormKey('camunda-forms:bpmn:missing', ''));
    expect(error.code).toBe('BPMN_INVALID');
    expect(error.details.issues).toEqual([
      {
        elementId: 'review',
        message: "the form key 'camunda-forms:bpmn:missing' names no form embedded in the process (zeebe:userTaskForm)",
      },
    ]);
  });

  it('refuses an embedded form that is not JSON or has no components', async () => {
    const notJson = await rejection(taskWithFormKey('camunda-forms:bpmn:f', embed('f', '{ not json')));
    expect(notJson.message).toContain("the embedded form 'f' is not valid JSON");
    const noComponents = await rejection(taskWithFormKey('camunda-forms:bpmn:f', embed('f', '{"id":"f"}')));
    expect(noComponents.message).toContain("the embedded form 'f' is no form-js form");
  });
});
