/** Scopes: embedded and event sub-processes are flattened into one graph, each element naming its scope. */
import { flow, message, model, path } from '../support/bpmn';
import { compileOne, rejection } from '../support/compile';

describe('sub-process scopes', () => {
  it('flattens an embedded sub-process, with parentId, its own incoming/outgoing, its start event and io mappings', async () => {
    // given a process whose sub-process holds a nested sub-process
    const xml = model(
      path(
        'outer',
        'outer',
        `
        <bpmn:subProcess id="outer">
          <bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=items" target="local" /><zeebe:output source="=local" target="result" /></zeebe:ioMapping></bpmn:extensionElements>
          <bpmn:startEvent id="outer-start" />${flow('o1', 'outer-start', 'inner')}
          <bpmn:subProcess id="inner"><bpmn:startEvent id="inner-start" />${flow('i1', 'inner-start', 'inner-end')}<bpmn:endEvent id="inner-end" /></bpmn:subProcess>
          ${flow('o2', 'inner', 'outer-end')}<bpmn:endEvent id="outer-end" />
        </bpmn:subProcess>`,
      ),
    );
    // when it compiles
    const graph = await compileOne(xml);
    // then every element is in the one map, scoped by parentId, and flows stay inside their scope
    expect(graph.startEventId).toBe('start');
    expect(graph.elements['outer']).toMatchObject({
      type: 'subProcess',
      startEventId: 'outer-start',
      incoming: ['to-outer'],
      outgoing: ['from-outer'],
      inputs: [{ source: 'items', target: 'local' }],
      outputs: [{ source: 'local', target: 'result' }],
    });
    expect(graph.elements['outer']?.parentId).toBeUndefined();
    expect(graph.elements['outer-start']).toMatchObject({
      type: 'startEvent',
      parentId: 'outer',
      incoming: [],
      outgoing: ['o1'],
    });
    expect(graph.elements['inner']).toMatchObject({
      type: 'subProcess',
      parentId: 'outer',
      startEventId: 'inner-start',
      incoming: ['o1'],
      outgoing: ['o2'],
    });
    expect(graph.elements['inner-end']).toMatchObject({ type: 'endEvent', parentId: 'inner', incoming: ['i1'] });
    expect(graph.flows['i1']).toEqual({ id: 'i1', sourceId: 'inner-start', targetId: 'inner-end' });
  });

  it('compiles an event sub-process with its triggered start, interrupting by default or not when told', async () => {
    // given two event sub-processes: an interrupting error one and a non-interrupting message one
    const xml = model(
      `${path('t', 't', '<bpmn:task id="t" />')}
       <bpmn:subProcess id="on-error" triggeredByEvent="true">
         <bpmn:startEvent id="error-start"><bpmn:errorEventDefinition /></bpmn:startEvent>${flow('e1', 'error-start', 'error-end')}<bpmn:endEvent id="error-end" />
       </bpmn:subProcess>
       <bpmn:subProcess id="on-note" triggeredByEvent="true">
         <bpmn:startEvent id="note-start" isInterrupting="false"><bpmn:messageEventDefinition messageRef="note" /></bpmn:startEvent>${flow('n1', 'note-start', 'note-end')}<bpmn:endEvent id="note-end" />
       </bpmn:subProcess>`,
      { roots: message('note', 'note-added', '=caseId') },
    );
    const graph = await compileOne(xml);
    // then each is an eventSubProcess with no flows of its own, and its start carries the trigger
    expect(graph.elements['on-error']).toEqual({
      type: 'eventSubProcess',
      id: 'on-error',
      incoming: [],
      outgoing: [],
      startEventId: 'error-start',
    });
    expect(graph.elements['error-start']).toMatchObject({
      parentId: 'on-error',
      trigger: { kind: 'error', errorCode: undefined },
      interrupting: true,
    });
    expect(graph.elements['note-start']).toMatchObject({
      parentId: 'on-note',
      interrupting: false,
      trigger: { kind: 'message', messageName: 'note-added', correlationKey: { kind: 'feel', source: 'caseId' } },
    });
  });

  it('rejects a sub-process whose start is triggered, an event sub-process without a trigger, and flows across the boundary', async () => {
    const error = await rejection(
      model(
        `${path(
          'sp',
          'sp',
          `<bpmn:subProcess id="sp"><bpmn:startEvent id="sp-start"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:startEvent>
           ${flow('s1', 'sp-start', 'sp-end')}<bpmn:endEvent id="sp-end" />${flow('escape', 'sp-end', 'end')}</bpmn:subProcess>`,
        )}
         <bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="esp-start" />${flow('e1', 'esp-start', 'esp-end')}<bpmn:endEvent id="esp-end" /></bpmn:subProcess>`,
        { roots: '<bpmn:signal id="sig" name="go" />' },
      ),
    );
    expect(error.details.issues).toEqual(
      expect.arrayContaining([
        { elementId: 'sp-start', message: expect.stringContaining('must be a none start event') },
        { elementId: 'escape', message: expect.stringContaining('cannot cross the boundary of a sub-process') },
        { elementId: 'esp-start', message: expect.stringContaining('needs a trigger') },
      ]),
    );
  });

  it('rejects a boundary event declared inside a sub-process but attached to an activity outside it', async () => {
    const error = await rejection(
      model(
        path(
          't',
          'sp',
          `<bpmn:task id="t" />${flow('f', 't', 'sp')}
        <bpmn:subProcess id="sp"><bpmn:startEvent id="ss" />${flow('s1', 'ss', 'se')}<bpmn:endEvent id="se" />
          <bpmn:boundaryEvent id="misplaced" attachedToRef="t"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:boundaryEvent>${flow('s2', 'misplaced', 'se')}</bpmn:subProcess>`,
        ),
        {
          roots: '<bpmn:signal id="sig" name="go" />',
        },
      ),
    );
    expect(error.details.issues).toEqual([
      { elementId: 'misplaced', message: expect.stringContaining("same (sub-)process as its activity 't'") },
    ]);
  });

  it('rejects transactions and ad-hoc sub-processes with a reason', async () => {
    const error = await rejection(
      model(
        `${path('tx', 'adhoc', `<bpmn:transaction id="tx" />${flow('f', 'tx', 'adhoc')}<bpmn:adHocSubProcess id="adhoc" />`)}`,
      ),
    );
    expect(error.code).toBe('BPMN_UNSUPPORTED');
    expect(error.details.issues).toEqual([
      { elementId: 'tx', message: expect.stringContaining('transactions are not supported') },
      { elementId: 'adhoc', message: expect.stringContaining('ad-hoc sub-processes are not supported') },
    ]);
  });
});
