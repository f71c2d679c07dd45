/** Sensitive variables named on the process with Camunda's own zeebe:properties (docs/access.md). */
import { model, path } from '../support/bpmn';
import { compileOne, rejection } from '../support/compile';

const task = path('check', 'check', '<bpmn:manualTask id="check" />');
const sensitive = (...values: string[]) =>
  `<zeebe:properties>${values.map((value) => `<zeebe:property name="gov:sensitive" value="${value}" />`).join('')}` +
  '<zeebe:property name="other" value="ignored" /></zeebe:properties>';

describe('sensitive variables', () => {
  it('compiles the named variables into the graph, trimmed, once each and sorted', async () => {
    const graph = await compileOne(model(task, { processExtensions: sensitive('phone, residentNumber', 'phone') }));
    expect(graph.sensitiveVariables).toEqual(['phone', 'residentNumber']);
  });

  it('leaves a process without the property as it was', async () => {
    expect((await compileOne(model(task))).sensitiveVariables).toBeUndefined();
  });

  it('refuses a name that is no variable name, naming the process', async () => {
    const error = await rejection(model(task, { processExtensions: sensitive('residentNumber, home address') }));
    expect(error.code).toBe('BPMN_INVALID');
    expect(error.message).toContain("gov:sensitive names 'home address'");
  });
});
