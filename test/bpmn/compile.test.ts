import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compileBpmn } from '../../bpmn/compile';
import { AppError } from '../../shared/app-error';
import { bpmn, demoApprovalXml } from '../support/bpmn';

async function rejection(xml: string, limits?: { maxBytes: number; maxDepth: number }): Promise<AppError> {
  const error = await compileBpmn(xml, limits).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('compileBpmn', () => {
  it('compiles the demo approval process into a graph of its five element types', async () => {
    const [graph] = await compileBpmn(demoApprovalXml);
    expect(graph?.processId).toBe('demo-approval');
    expect(graph?.startEventId).toBe('request-received');
    expect(graph?.elements['review-request']).toMatchObject({
      type: 'userTask',
      candidateGroups: { kind: 'static', value: 'civil-affairs' },
    });
    expect(graph?.elements['approved-decision']).toMatchObject({ type: 'exclusiveGateway', defaultFlowId: 'rejected' });
    expect(graph?.flows['approved']?.condition).toBe('approved = true');
    expect(graph?.elements['send-result-email']).toMatchObject({
      type: 'serviceTask',
      jobType: 'send-email',
      retries: 5,
    });
  });

  it('names the element and the reason for an unsupported element type', async () => {
    const error = await rejection(
      bpmn(`<bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="pg" />
            <bpmn:complexGateway id="pg" /><bpmn:sequenceFlow id="f2" sourceRef="pg" targetRef="e" /><bpmn:endEvent id="e" />`),
    );
    expect(error.code).toBe('BPMN_UNSUPPORTED');
    expect(error.details.elementId).toBe('pg');
    expect(error.message).toContain('ComplexGateway');
  });

  it('rejects a FEEL syntax error in a condition, naming the sequence flow', async () => {
    const error = await rejection(
      bpmn(`<bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="g" />
            <bpmn:exclusiveGateway id="g" default="no" />
            <bpmn:sequenceFlow id="yes" sourceRef="g" targetRef="e"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=amount &gt; (</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="no" sourceRef="g" targetRef="e" /><bpmn:endEvent id="e" />`),
    );
    expect(error.code).toBe('BPMN_INVALID');
    expect(error.details.elementId).toBe('yes');
    expect(error.message).toMatch(/not a valid FEEL expression/);
  });

  it('reports every problem at once: no start event, invalid FEEL', async () => {
    const error = await rejection(
      bpmn(
        `<bpmn:userTask id="lonely"><bpmn:extensionElements><zeebe:taskSchedule dueDate="=(" /></bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="e" />`,
        'broken',
      ),
    );
    const issues = error.details.issues ?? [];
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ elementId: 'broken', message: 'the process has no start event' }),
        expect.objectContaining({ elementId: 'lonely', message: expect.stringContaining('not a valid FEEL') }),
      ]),
    );
  });

  it('rejects a gateway flow with no condition that is not the default', async () => {
    const error = await rejection(
      bpmn(`<bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="g" /><bpmn:exclusiveGateway id="g" />
            <bpmn:sequenceFlow id="a" sourceRef="g" targetRef="e" /><bpmn:sequenceFlow id="b" sourceRef="g" targetRef="e" /><bpmn:endEvent id="e" />`),
    );
    expect(error.details.issues?.map((issue) => issue.elementId)).toEqual(['a', 'b']);
  });

  it('rejects a condition on a flow leaving a parallel gateway, naming the flow', async () => {
    const error = await rejection(
      bpmn(`<bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="fork" /><bpmn:parallelGateway id="fork" />
            <bpmn:sequenceFlow id="guarded" sourceRef="fork" targetRef="e"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=x &gt; 1</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="plain" sourceRef="fork" targetRef="e" /><bpmn:endEvent id="e" />`),
    );
    expect(error.details.elementId).toBe('guarded');
    expect(error.message).toContain('parallel gateway takes every outgoing flow');
  });

  it('rejects a script task without an expression or a result variable', async () => {
    const error = await rejection(
      bpmn(`<bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t" /><bpmn:scriptTask id="t" />
            <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /><bpmn:endEvent id="e" />`),
    );
    expect(error.details.elementId).toBe('t');
    expect(error.message).toContain('zeebe:script');
  });

  it('compiles an implicit parallel split (a task with two outgoing flows)', async () => {
    const [graph] = await compileBpmn(
      bpmn(`<bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t" /><bpmn:task id="t" />
            <bpmn:sequenceFlow id="a" sourceRef="t" targetRef="e1" /><bpmn:sequenceFlow id="b" sourceRef="t" targetRef="e2" />
            <bpmn:endEvent id="e1" /><bpmn:endEvent id="e2" />`),
    );
    expect(graph?.elements['t']).toMatchObject({ type: 'passThrough', bpmnType: 'task', outgoing: ['a', 'b'] });
  });

  it('rejects a timer whose static value is not ISO 8601, and a boundary event on an element that cannot host one', async () => {
    const error = await rejection(
      bpmn(`<bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="wait" />
            <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>three days</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="gw" /><bpmn:exclusiveGateway id="gw" />
            <bpmn:boundaryEvent id="on-gateway" attachedToRef="gw"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="f3" sourceRef="gw" targetRef="e" /><bpmn:sequenceFlow id="f4" sourceRef="on-gateway" targetRef="e" /><bpmn:endEvent id="e" />`),
    );
    expect(error.details.issues).toEqual([
      { elementId: 'wait', message: expect.stringContaining("'three days' is not an ISO 8601 duration") },
      {
        elementId: 'on-gateway',
        message: expect.stringContaining('boundary events on ExclusiveGateway elements are not supported yet'),
      },
    ]);
  });

  it('compiles timer boundary events: interrupting by default, cycles and FEEL values kept', async () => {
    const [graph] = await compileBpmn(
      bpmn(`<bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t" />
            <bpmn:userTask id="t"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="g" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:boundaryEvent id="late" attachedToRef="t"><bpmn:timerEventDefinition><bpmn:timeDuration>=deadline</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:boundaryEvent id="nudge" attachedToRef="t" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT8H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /><bpmn:sequenceFlow id="f3" sourceRef="late" targetRef="e" /><bpmn:sequenceFlow id="f4" sourceRef="nudge" targetRef="e" /><bpmn:endEvent id="e" />`),
    );
    expect(graph?.elements['late']).toMatchObject({
      type: 'boundaryEvent',
      attachedToId: 't',
      cancelActivity: true,
      trigger: { timer: { kind: 'duration', value: { kind: 'feel', source: 'deadline' } } },
    });
    expect(graph?.elements['nudge']).toMatchObject({
      cancelActivity: false,
      trigger: { timer: { kind: 'cycle', value: { kind: 'static', value: 'R3/PT8H' } } },
    });
  });

  it('compiles gov:legalClock on a throw event, and rejects one without a clock or with an unknown action', async () => {
    const withClock = (attributes: string) =>
      bpmn(`<bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="c" />
            <bpmn:intermediateThrowEvent id="c"><bpmn:extensionElements><gov:legalClock ${attributes} /></bpmn:extensionElements></bpmn:intermediateThrowEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="c" targetRef="e" /><bpmn:endEvent id="e" />`).replace(
        'xmlns:zeebe=',
        'xmlns:gov="http://bps.onnara.kr/schema/bpmn/gov/1.0" xmlns:zeebe=',
      );
    const [graph] = await compileBpmn(withClock('clock="answer" action="stop"'));
    expect(graph?.elements['c']).toMatchObject({ type: 'legalClock', clock: 'answer', action: 'stop' });
    for (const bad of ['action="stop"', 'clock="answer" action="pause"']) {
      const error = await rejection(withClock(bad));
      expect(error.details).toMatchObject({
        elementId: 'c',
        issues: [{ elementId: 'c', message: expect.stringContaining('gov:legalClock') }],
      });
    }
  });

  it('marks a graph that counts legal time, so instances get the business calendar', async () => {
    const [graph] = await compileBpmn(
      bpmn(`<bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t" />
            <bpmn:userTask id="t"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="g" /><zeebe:taskSchedule dueDate="=legal deadline(&#34;civil-petition&#34;, receivedAt, 7, &#34;days&#34;)" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /><bpmn:endEvent id="e" />`),
    );
    expect(graph?.usesLegalTime).toBe(true);
    const [plain] = await compileBpmn(demoApprovalXml);
    expect(plain?.usesLegalTime).toBeUndefined();
  });

  it('compiles the documented legal-time example model', async () => {
    const [graph] = await compileBpmn(
      readFileSync(path.resolve(__dirname, '../../docs/examples/civil-petition-deadline.bpmn'), 'utf8'),
    );
    expect(graph).toMatchObject({ processId: 'civil-petition-deadline', usesLegalTime: true });
    expect(graph?.elements['clock-stopped']).toMatchObject({ type: 'legalClock', action: 'stop', clock: 'answer' });
  });

  it('rejects a service task without a job type', async () => {
    const error = await rejection(
      bpmn(`<bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t" /><bpmn:serviceTask id="t" />
            <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /><bpmn:endEvent id="e" />`),
    );
    expect(error.details.elementId).toBe('t');
    expect(error.message).toContain('zeebe:taskDefinition');
  });

  it('refuses malformed XML, DOCTYPEs, entities, oversized and over-deep documents before parsing them', async () => {
    expect((await rejection('<bpmn:definitions><unclosed></bpmn:definitions>')).code).toBe('XML_MALFORMED');
    expect((await rejection('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')).code).toBe(
      'XML_FORBIDDEN',
    );
    expect((await rejection(demoApprovalXml, { maxBytes: 1000, maxDepth: 64 })).code).toBe('PAYLOAD_TOO_LARGE');
    expect(
      (await rejection(`<a>${'<b>'.repeat(100)}${'</b>'.repeat(100)}</a>`, { maxBytes: 1e6, maxDepth: 64 })).code,
    ).toBe('XML_FORBIDDEN');
  });

  it('refuses a document without an executable process', async () => {
    const error = await rejection(
      bpmn('<bpmn:startEvent id="s" />').replace('isExecutable="true"', 'isExecutable="false"'),
    );
    expect(error.message).toContain('isExecutable');
  });
});
