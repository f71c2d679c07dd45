/** form-js forms for tests, and a process whose user task shows one (zeebe:formDefinition formId). */
import { bpmn, flow } from './bpmn';

/** A small form-js schema: a text field and a checkbox, and a label that tells versions apart. */
export function formSchema(formId: string, label = 'Review') {
  return {
    id: formId,
    type: 'default',
    schemaVersion: 16,
    components: [
      { id: 'comment', key: 'comment', type: 'textfield', label },
      { id: 'approved', key: 'approved', type: 'checkbox', label: 'Approved' },
    ],
  };
}

/** start → user task for civil-affairs showing the form → end. */
export function processWithForm(
  processId: string,
  formId: string,
  task: { id: string; name: string } = { id: 'review', name: 'Review' },
): string {
  return bpmn(
    `<bpmn:startEvent id="start" />${flow('f1', 'start', task.id)}
     <bpmn:userTask id="${task.id}" name="${task.name}"><bpmn:extensionElements>
       <zeebe:assignmentDefinition candidateGroups="civil-affairs" /><zeebe:formDefinition formId="${formId}" />
     </bpmn:extensionElements></bpmn:userTask>
     ${flow('f2', task.id, 'end')}<bpmn:endEvent id="end" />`,
    processId,
  );
}
