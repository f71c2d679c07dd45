import { submissionRule } from '../../engine/task-submission';
import { GRAPH_FORMAT_VERSION, type ProcessGraph, type UserTaskElement } from '../../shared/graph';

const reviewForm = { id: 'review', components: [{ type: 'textfield', key: 'opinion' }] };

function graphWith(task: Partial<UserTaskElement>, embeddedForms?: ProcessGraph['embeddedForms']): ProcessGraph {
  const review: UserTaskElement = {
    type: 'userTask',
    id: 'review',
    incoming: [],
    outgoing: [],
    inputs: [],
    outputs: [],
  };
  return {
    formatVersion: GRAPH_FORMAT_VERSION,
    processId: 'p',
    startEventId: 'start',
    elements: { review: { ...review, ...task } },
    flows: {},
    ...(embeddedForms && { embeddedForms }),
  };
}

describe('submissionRule', () => {
  const task = { elementId: 'review', form: null };

  it('follows the deployed form bound to the task first', () => {
    const deployed = { id: 'deployed', components: [] };
    expect(submissionRule(graphWith({}), task, deployed)).toEqual({ kind: 'form', form: deployed });
  });

  it('follows a form embedded in the process that the form key names', () => {
    const graph = graphWith({ form: { formKey: 'camunda-forms:bpmn:review-form' } }, { 'review-form': reviewForm });
    expect(submissionRule(graph, task)).toEqual({ kind: 'form', form: reviewForm });
  });

  it('allows what the output mappings read when the task has no form', () => {
    const graph = graphWith({
      outputs: [
        { source: 'decision', target: 'outcome' },
        { source: '{by: reviewer.name, note: decision}', target: 'record' },
      ],
    });
    expect(submissionRule(graph, task)).toEqual({ kind: 'names', names: ['decision', 'reviewer'] });
  });

  it('asks for a decision when the task has neither a form nor output mappings', () => {
    expect(submissionRule(graphWith({ form: { formKey: 'approval' } }), task)).toEqual({ kind: 'decision' });
  });
});
