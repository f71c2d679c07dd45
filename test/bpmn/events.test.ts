/** Start, intermediate, end and boundary events: each trigger and throw compiles into its graph shape. */
import {
  flow,
  timer,
  error,
  escalation,
  expression,
  message,
  model,
  path,
  signal,
  taskDefinition,
} from '../support/bpmn';
import { compileOne, rejection } from '../support/compile';

describe('start events', () => {
  it('compiles timer, message and signal process starts beside a none start; a message start needs no correlation key', async () => {
    const graph = await compileOne(
      model(
        `<bpmn:startEvent id="none" /><bpmn:startEvent id="daily">${timer('timeCycle', 'R/PT24H')}</bpmn:startEvent>
         <bpmn:startEvent id="by-message"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>
         <bpmn:startEvent id="by-signal"><bpmn:signalEventDefinition signalRef="s" /></bpmn:startEvent>
         ${flow('a', 'none', 'end')}${flow('b', 'daily', 'end')}${flow('c', 'by-message', 'end')}${flow('d', 'by-signal', 'end')}<bpmn:endEvent id="end" />`,
        { roots: message('m', 'petition-filed') + signal('s', 'reopen-all') },
      ),
    );
    expect(graph.startEventId).toBe('none');
    expect(graph.elements['daily']).toMatchObject({
      type: 'startEvent',
      trigger: { kind: 'timer', timer: { kind: 'cycle', value: { kind: 'static', value: 'R/PT24H' } } },
    });
    expect(graph.elements['by-message']).toMatchObject({ trigger: { kind: 'message', messageName: 'petition-filed' } });
    expect(graph.elements['by-signal']).toMatchObject({ trigger: { kind: 'signal', signalName: 'reopen-all' } });
  });

  it('leaves startEventId empty when the process has only triggered starts, and reads the zeebe:versionTag', async () => {
    const graph = await compileOne(
      model(
        `<bpmn:startEvent id="daily">${timer('timeDuration', 'PT1H')}</bpmn:startEvent>${flow('a', 'daily', 'end')}<bpmn:endEvent id="end" />`,
        {
          processExtensions: '<zeebe:versionTag value="2024-R1" />',
        },
      ),
    );
    expect(graph).toMatchObject({ startEventId: '', versionTag: '2024-R1' });
  });

  it('rejects two none starts, a FEEL message name, and an error start at process level', async () => {
    const error_ = await rejection(
      model(
        `<bpmn:startEvent id="a" /><bpmn:startEvent id="b" /><bpmn:startEvent id="c"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>
         <bpmn:startEvent id="d"><bpmn:errorEventDefinition /></bpmn:startEvent>
         ${flow('f1', 'a', 'end')}${flow('f2', 'b', 'end')}${flow('f3', 'c', 'end')}${flow('f4', 'd', 'end')}<bpmn:endEvent id="end" />`,
        { roots: message('m', '=name') },
      ),
    );
    expect(error_.details.issues).toEqual([
      { elementId: 'c', message: expect.stringContaining('FEEL expression as the message name is not supported') },
      { elementId: 'd', message: expect.stringContaining('Error triggers are not supported on a process start event') },
      { elementId: 'test-process', message: expect.stringContaining('2 none start events') },
    ]);
  });
});

describe('intermediate catch events', () => {
  it('compiles message, signal and conditional catches', async () => {
    const graph = await compileOne(
      model(
        path(
          'paid',
          'changed',
          `
          <bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>${flow('f1', 'paid', 'go')}
          <bpmn:intermediateCatchEvent id="go"><bpmn:signalEventDefinition signalRef="s" /></bpmn:intermediateCatchEvent>${flow('f2', 'go', 'changed')}
          <bpmn:intermediateCatchEvent id="changed"><bpmn:conditionalEventDefinition>${expression('condition', '=amount &gt; 100')}</bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>`,
        ),
        { roots: message('m', 'fee-paid', '=petitionId') + signal('s', 'office-open') },
      ),
    );
    expect(graph.elements['paid']).toMatchObject({
      type: 'intermediateCatchEvent',
      trigger: { kind: 'message', messageName: 'fee-paid', correlationKey: { kind: 'feel', source: 'petitionId' } },
    });
    expect(graph.elements['go']).toMatchObject({ trigger: { kind: 'signal', signalName: 'office-open' } });
    expect(graph.elements['changed']).toMatchObject({ trigger: { kind: 'conditional', condition: 'amount > 100' } });
  });

  it('turns a link throw and its catch into one synthetic flow in the same scope', async () => {
    const graph = await compileOne(
      model(`<bpmn:startEvent id="start" />${flow('f1', 'start', 'jump')}
        <bpmn:intermediateThrowEvent id="jump"><bpmn:linkEventDefinition name="later" /></bpmn:intermediateThrowEvent>
        <bpmn:intermediateCatchEvent id="land"><bpmn:linkEventDefinition name="later" /></bpmn:intermediateCatchEvent>${flow('f2', 'land', 'end')}<bpmn:endEvent id="end" />`),
    );
    expect(graph.elements['jump']).toEqual({
      type: 'passThrough',
      bpmnType: 'intermediateThrowEvent',
      id: 'jump',
      incoming: ['f1'],
      outgoing: ['link:jump'],
    });
    expect(graph.elements['land']).toMatchObject({
      type: 'passThrough',
      bpmnType: 'intermediateCatchEvent',
      incoming: ['link:jump'],
      outgoing: ['f2'],
    });
    expect(graph.flows['link:jump']).toEqual({ id: 'link:jump', sourceId: 'jump', targetId: 'land' });
  });

  it('rejects a link throw without a catch and two catches with one name', async () => {
    const error_ = await rejection(
      model(`<bpmn:startEvent id="start" />${flow('f1', 'start', 'jump')}
        <bpmn:intermediateThrowEvent id="jump"><bpmn:linkEventDefinition name="nowhere" /></bpmn:intermediateThrowEvent>
        <bpmn:intermediateCatchEvent id="c1"><bpmn:linkEventDefinition name="twice" /></bpmn:intermediateCatchEvent>${flow('f2', 'c1', 'end')}
        <bpmn:intermediateCatchEvent id="c2"><bpmn:linkEventDefinition name="twice" /></bpmn:intermediateCatchEvent>${flow('f3', 'c2', 'end')}<bpmn:endEvent id="end" />`),
    );
    expect(error_.details.issues).toEqual([
      { elementId: 'c2', message: expect.stringContaining("share the link name 'twice'") },
      { elementId: 'jump', message: expect.stringContaining("no link catch event named 'nowhere'") },
    ]);
  });
});

describe('intermediate throw events', () => {
  it('compiles signal, escalation, compensation and message throws; a message throw with a task definition is a job', async () => {
    const graph = await compileOne(
      model(
        path(
          'pay',
          'notify',
          `
          <bpmn:task id="pay" />${flow('f0', 'pay', 'sig')}
          <bpmn:intermediateThrowEvent id="sig"><bpmn:signalEventDefinition signalRef="s" /></bpmn:intermediateThrowEvent>${flow('f1', 'sig', 'esc')}
          <bpmn:intermediateThrowEvent id="esc"><bpmn:escalationEventDefinition escalationRef="x" /></bpmn:intermediateThrowEvent>${flow('f2', 'esc', 'undo')}
          <bpmn:intermediateThrowEvent id="undo"><bpmn:compensateEventDefinition activityRef="pay" /></bpmn:intermediateThrowEvent>${flow('f3', 'undo', 'publish')}
          <bpmn:intermediateThrowEvent id="publish"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateThrowEvent>${flow('f4', 'publish', 'notify')}
          <bpmn:intermediateThrowEvent id="notify">${taskDefinition('kakao-notify')}<bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateThrowEvent>`,
        ),
        { roots: signal('s', 'recount') + escalation('x', 'LATE') + message('m', 'decided', '=caseId') },
      ),
    );
    expect(graph.elements['sig']).toMatchObject({
      type: 'throwEvent',
      throws: { kind: 'signal', signalName: 'recount' },
    });
    expect(graph.elements['esc']).toMatchObject({
      type: 'throwEvent',
      throws: { kind: 'escalation', escalationCode: 'LATE' },
    });
    expect(graph.elements['undo']).toMatchObject({
      type: 'throwEvent',
      throws: { kind: 'compensation', activityId: 'pay' },
    });
    expect(graph.elements['publish']).toMatchObject({
      type: 'throwEvent',
      throws: { kind: 'message', messageName: 'decided', correlationKey: { kind: 'feel', source: 'caseId' } },
    });
    expect(graph.elements['notify']).toMatchObject({
      type: 'serviceTask',
      bpmnType: 'intermediateThrowEvent',
      jobType: 'kakao-notify',
      retries: 3,
    });
  });
});

describe('end events', () => {
  it('compiles error, escalation, terminate, signal, message and compensation ends; a message end with a job ends its path', async () => {
    const ends = [
      ['err', `<bpmn:errorEventDefinition errorRef="e" />`],
      ['esc', `<bpmn:escalationEventDefinition escalationRef="x" />`],
      ['stop', '<bpmn:terminateEventDefinition />'],
      ['sig', `<bpmn:signalEventDefinition signalRef="s" />`],
      ['msg', `<bpmn:messageEventDefinition messageRef="m" />`],
      ['undo', '<bpmn:compensateEventDefinition />'],
    ];
    const graph = await compileOne(
      model(
        `<bpmn:startEvent id="start" /><bpmn:task id="fork" />${flow('f0', 'start', 'fork')}
         ${ends.map(([id, definition]) => `${flow(`to-${id}`, 'fork', id ?? '')}<bpmn:endEvent id="${id}">${definition}</bpmn:endEvent>`).join('')}
         ${flow('to-job', 'fork', 'job')}<bpmn:endEvent id="job">${taskDefinition('publish-result')}<bpmn:messageEventDefinition messageRef="m" /></bpmn:endEvent>`,
        {
          roots:
            error('e', 'REJECTED', 'Petition rejected') +
            escalation('x', 'LATE') +
            signal('s', 'done') +
            message('m', 'result'),
        },
      ),
    );
    expect(graph.elements['err']).toMatchObject({
      type: 'endEvent',
      throws: { kind: 'error', errorCode: 'REJECTED', errorMessage: 'Petition rejected' },
    });
    expect(graph.elements['esc']).toMatchObject({ throws: { kind: 'escalation', escalationCode: 'LATE' } });
    expect(graph.elements['stop']).toMatchObject({ throws: { kind: 'terminate' } });
    expect(graph.elements['sig']).toMatchObject({ throws: { kind: 'signal', signalName: 'done' } });
    expect(graph.elements['msg']).toMatchObject({ throws: { kind: 'message', messageName: 'result' } });
    expect(graph.elements['undo']).toMatchObject({ throws: { kind: 'compensation' } });
    expect(graph.elements['job']).toMatchObject({
      type: 'serviceTask',
      bpmnType: 'endEvent',
      jobType: 'publish-result',
      outgoing: [],
    });
  });

  it('rejects an error end without an error code and an escalation end without a code', async () => {
    const error_ = await rejection(
      model(
        `<bpmn:startEvent id="start" /><bpmn:task id="fork" />${flow('f0', 'start', 'fork')}${flow('f1', 'fork', 'err')}${flow('f2', 'fork', 'esc')}
         <bpmn:endEvent id="err"><bpmn:errorEventDefinition errorRef="e" /></bpmn:endEvent><bpmn:endEvent id="esc"><bpmn:escalationEventDefinition /></bpmn:endEvent>`,
        { roots: error('e') },
      ),
    );
    expect(error_.details.issues).toEqual([
      { elementId: 'err', message: expect.stringContaining('an error end event needs an error with an error code') },
      {
        elementId: 'esc',
        message: expect.stringContaining('an escalation end event needs an escalation with an escalation code'),
      },
    ]);
  });
});

describe('boundary events', () => {
  it('compiles boundaries on any activity: catch-all errors, escalations, messages, signals and conditions', async () => {
    const graph = await compileOne(
      model(
        `${path(
          'call',
          'work',
          `
           <bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="child" /></bpmn:extensionElements></bpmn:callActivity>
           ${flow('f1', 'call', 'work')}<bpmn:subProcess id="work"><bpmn:startEvent id="ws" />${flow('w1', 'ws', 'we')}<bpmn:endEvent id="we" /></bpmn:subProcess>`,
        )}
         <bpmn:boundaryEvent id="any-error" attachedToRef="call"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>
         <bpmn:boundaryEvent id="coded-error" attachedToRef="call"><bpmn:errorEventDefinition errorRef="no-code" /></bpmn:boundaryEvent>
         <bpmn:boundaryEvent id="late" attachedToRef="work" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="x" /></bpmn:boundaryEvent>
         <bpmn:boundaryEvent id="withdrawn" attachedToRef="work"><bpmn:messageEventDefinition messageRef="m" /></bpmn:boundaryEvent>
         <bpmn:boundaryEvent id="halt" attachedToRef="work"><bpmn:signalEventDefinition signalRef="s" /></bpmn:boundaryEvent>
         <bpmn:boundaryEvent id="too-big" attachedToRef="work" cancelActivity="false"><bpmn:conditionalEventDefinition>${expression('condition', 'size &gt; 10')}</bpmn:conditionalEventDefinition></bpmn:boundaryEvent>
         ${['any-error', 'coded-error', 'late', 'withdrawn', 'halt', 'too-big'].map((id) => flow(`from-${id}`, id, 'end')).join('')}`,
        { roots: error('no-code') + escalation('x') + message('m', 'withdrawn', 'petitionId') + signal('s', 'halt') },
      ),
    );
    expect(graph.elements['any-error']).toMatchObject({
      type: 'boundaryEvent',
      attachedToId: 'call',
      cancelActivity: true,
      trigger: { kind: 'error', errorCode: undefined },
    });
    expect(graph.elements['coded-error']).toMatchObject({ trigger: { kind: 'error', errorCode: undefined } });
    expect(graph.elements['late']).toMatchObject({
      attachedToId: 'work',
      cancelActivity: false,
      trigger: { kind: 'escalation', escalationCode: undefined },
    });
    expect(graph.elements['withdrawn']).toMatchObject({
      trigger: { kind: 'message', messageName: 'withdrawn', correlationKey: { kind: 'static', value: 'petitionId' } },
    });
    expect(graph.elements['halt']).toMatchObject({ trigger: { kind: 'signal', signalName: 'halt' } });
    expect(graph.elements['too-big']).toMatchObject({
      cancelActivity: false,
      trigger: { kind: 'conditional', condition: 'size > 10' },
    });
  });

  it('links a compensation boundary to its handler through the association, with no outgoing flow', async () => {
    const graph = await compileOne(
      model(`${path('pay', 'pay', `<bpmn:serviceTask id="pay">${taskDefinition('charge-fee')}</bpmn:serviceTask>`)}
        <bpmn:boundaryEvent id="on-undo" attachedToRef="pay"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
        <bpmn:serviceTask id="refund" isForCompensation="true">${taskDefinition('refund-fee')}</bpmn:serviceTask>
        <bpmn:association id="a1" associationDirection="One" sourceRef="on-undo" targetRef="refund" />`),
    );
    expect(graph.elements['on-undo']).toMatchObject({
      type: 'boundaryEvent',
      trigger: { kind: 'compensation' },
      compensationHandlerId: 'refund',
      cancelActivity: false,
      outgoing: [],
    });
    expect(graph.elements['refund']).toMatchObject({
      type: 'serviceTask',
      forCompensation: true,
      incoming: [],
      outgoing: [],
    });
  });

  it('rejects a non-interrupting error boundary, a compensation boundary without a handler, and a handler nobody uses', async () => {
    const error_ = await rejection(
      model(`${path('t', 't', '<bpmn:task id="t" />')}
        <bpmn:boundaryEvent id="soft-error" attachedToRef="t" cancelActivity="false"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>${flow('f', 'soft-error', 'end')}
        <bpmn:boundaryEvent id="lonely-undo" attachedToRef="t"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
        <bpmn:task id="orphan-handler" isForCompensation="true" />`),
    );
    expect(error_.details.issues).toEqual([
      { elementId: 'soft-error', message: expect.stringContaining('always interrupts') },
      { elementId: 'lonely-undo', message: expect.stringContaining('needs a handler') },
      {
        elementId: 'orphan-handler',
        message: expect.stringContaining('not associated with any compensation boundary event'),
      },
    ]);
  });
});
