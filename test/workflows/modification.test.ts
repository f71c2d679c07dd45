/** The modification's validator: what it refuses, naming the element, before anything changes. */
import { ApplicationFailure } from '@temporalio/common';
import type { ProcessGraph } from '../../shared/graph';
import type { ModifyInstanceInput } from '../../shared/workflow-contract';
import type { InstanceView } from '../../workflows/instance-changes';
import { validateModification } from '../../workflows/modification';
import { bpmn, flow } from '../support/bpmn';
import { compileOne } from '../support/compile';

const userTask = (id: string) =>
  `<bpmn:userTask id="${id}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="civil-affairs" /></bpmn:extensionElements></bpmn:userTask>`;

/** start → fork → (left → inner sub-process | right) → join → end */
const forkXml = bpmn(
  `<bpmn:startEvent id="start" />${flow('f1', 'start', 'fork')}<bpmn:parallelGateway id="fork" />
   ${flow('f2', 'fork', 'left')}${flow('f3', 'fork', 'right')}
   ${userTask('left')}${userTask('right')}
   ${flow('f4', 'left', 'sub')}
   <bpmn:subProcess id="sub"><bpmn:startEvent id="subStart" />${flow('s1', 'subStart', 'inner')}${userTask('inner')}
     ${flow('s2', 'inner', 'subEnd')}<bpmn:endEvent id="subEnd" /></bpmn:subProcess>
   ${flow('f5', 'sub', 'join')}${flow('f6', 'right', 'join')}<bpmn:parallelGateway id="join" />
   ${flow('f7', 'join', 'end')}<bpmn:endEvent id="end" />`,
);

describe('validateModification', () => {
  let graph: ProcessGraph;
  beforeAll(async () => {
    graph = await compileOne(forkXml);
  });

  const view = (waiting: string[], arrivals: InstanceView['arrivals'] = []): InstanceView => ({
    instanceId: 'i',
    definition: { id: 'd', processId: 'test-process', version: 1 },
    graph,
    waiting: waiting.map((elementId, n) => ({ elementId, elementInstanceId: `${elementId}#${n}`, state: undefined })),
    arrivals,
  });
  const request = (change: Partial<ModifyInstanceInput>): ModifyInstanceInput => ({
    cancel: [],
    start: [],
    modifiedBy: 'analyst1',
    ...change,
  });
  function refusal(run: () => void): { elementId?: string; message: string } {
    try {
      run();
    } catch (error) {
      if (!(error instanceof ApplicationFailure)) throw error;
      return { elementId: (error.details?.[0] as { elementId?: string }).elementId, message: error.message };
    }
    throw new Error('expected a refusal');
  }

  it('accepts moving a branch token along its branch while the other branch still waits', () => {
    expect(() =>
      validateModification(view(['left', 'right']), request({ cancel: ['left'], start: [{ elementId: 'sub' }] })),
    ).not.toThrow();
  });

  it('accepts a start on one branch when the other branch has already arrived at the join', () => {
    expect(() =>
      validateModification(
        view(['left'], [['join', [['f6', 1]]]]),
        request({ cancel: ['left'], start: [{ elementId: 'sub' }] }),
      ),
    ).not.toThrow();
  });

  it('refuses a start that leaves the join without a token on one of its flows, naming the join', () => {
    expect(
      refusal(() =>
        validateModification(
          view(['left', 'right']),
          request({ cancel: ['left', 'right'], start: [{ elementId: 'right' }] }),
        ),
      ),
    ).toMatchObject({ elementId: 'join', message: expect.stringContaining("'f5'") as string });
  });

  it('refuses an element inside a sub-process, an unknown element, and a cancel without a token', () => {
    expect(
      refusal(() => validateModification(view(['left']), request({ start: [{ elementId: 'inner' }] }))),
    ).toMatchObject({
      elementId: 'inner',
      message: expect.stringContaining("inside 'sub'") as string,
    });
    expect(
      refusal(() => validateModification(view(['left']), request({ start: [{ elementId: 'ghost' }] }))),
    ).toMatchObject({
      elementId: 'ghost',
    });
    expect(refusal(() => validateModification(view(['left']), request({ cancel: ['right'] })))).toMatchObject({
      elementId: 'right',
    });
  });

  it('ends the instance by cancelling its last token only when allowEnd is set', () => {
    expect(refusal(() => validateModification(view(['right']), request({ cancel: ['right'] })))).toMatchObject({
      elementId: 'right',
      message: expect.stringContaining('allowEnd') as string,
    });
    expect(() => validateModification(view(['right']), request({ cancel: ['right'], allowEnd: true }))).not.toThrow();
  });
});
