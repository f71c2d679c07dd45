/** The migration's validator: every waiting element needs a target of its kind in the new version. */
import { ApplicationFailure } from '@temporalio/common';
import type { ProcessGraph } from '../../shared/graph';
import type { MigrateInstanceInput } from '../../shared/workflow-contract';
import type { InstanceView } from '../../workflows/instance-changes';
import { validateMigration } from '../../workflows/migration';
import { bpmn, flow, timer } from '../support/bpmn';
import { compileOne } from '../support/compile';

const userTask = (id: string) =>
  `<bpmn:userTask id="${id}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="civil-affairs" /></bpmn:extensionElements></bpmn:userTask>`;

const v1Xml = bpmn(
  `<bpmn:startEvent id="start" />${flow('f1', 'start', 'review')}${userTask('review')}
   ${flow('f2', 'review', 'wait')}<bpmn:intermediateCatchEvent id="wait">${timer('timeDuration', 'PT1H')}</bpmn:intermediateCatchEvent>
   ${flow('f3', 'wait', 'end')}<bpmn:endEvent id="end" />`,
);
const v2Xml = bpmn(
  `<bpmn:startEvent id="start" />${flow('f1', 'start', 'examine')}${userTask('examine')}
   ${flow('f2', 'examine', 'wait')}<bpmn:intermediateCatchEvent id="wait">${timer('timeDuration', 'PT2H')}</bpmn:intermediateCatchEvent>
   ${flow('f3', 'wait', 'end')}<bpmn:endEvent id="end" />`,
);

describe('validateMigration', () => {
  let v1: ProcessGraph;
  let v2: ProcessGraph;
  beforeAll(async () => {
    [v1, v2] = await Promise.all([compileOne(v1Xml), compileOne(v2Xml)]);
  });

  const view = (waiting: string[]): InstanceView => ({
    instanceId: 'i',
    definition: { id: 'd1', processId: 'test-process', version: 1 },
    graph: v1,
    waiting: waiting.map((elementId) => ({ elementId, elementInstanceId: `${elementId}#1`, state: undefined })),
    arrivals: [],
  });
  const to = (mapping: Record<string, string>, version = 2): MigrateInstanceInput => ({
    definition: { id: 'd2', processId: 'test-process', version },
    graph: v2,
    mapping,
    migratedBy: 'analyst1',
  });
  function refusedAt(run: () => unknown): string | undefined {
    try {
      run();
    } catch (error) {
      if (error instanceof ApplicationFailure) return (error.details?.[0] as { elementId?: string }).elementId;
      throw error;
    }
    throw new Error('expected a refusal');
  }

  it('maps a renamed task by the mapping and an unchanged timer by its id', () => {
    expect(validateMigration(view(['review']), to({ review: 'examine' })).moved).toEqual([
      { elementInstanceId: 'review#1', from: 'review', to: 'examine' },
    ]);
    expect(validateMigration(view(['wait']), to({})).moved).toEqual([
      { elementInstanceId: 'wait#1', from: 'wait', to: 'wait' },
    ]);
  });

  it('refuses an active element without a target, and a target of another kind, naming the active element', () => {
    expect(refusedAt(() => validateMigration(view(['review']), to({})))).toBe('review');
    expect(refusedAt(() => validateMigration(view(['review']), to({ review: 'wait' })))).toBe('review');
  });

  it('refuses the same or an older version', () => {
    expect(refusedAt(() => validateMigration(view(['wait']), to({}, 1)))).toBe('');
  });
});
