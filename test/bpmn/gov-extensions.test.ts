import { compileBpmn } from '../../bpmn/compile';
import { AppError } from '../../shared/app-error';
import { evaluateFeel } from '../../shared/feel';
import { model } from '../support/bpmn';

const GOV_NAMESPACE = 'xmlns:gov="http://bps.onnara.kr/schema/bpmn/gov/1.0" xmlns:zeebe=';
const withGov = (xml: string) => xml.replace('xmlns:zeebe=', GOV_NAMESPACE);

/** A petition model as the modeler's gov: group writes it. */
const petition = (rule = 'civil-petition') =>
  withGov(
    model(
      `<bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="answer" />
       <bpmn:userTask id="answer"><bpmn:extensionElements>
         <zeebe:assignmentDefinition candidateGroups="civil-affairs" />
         <zeebe:taskSchedule dueDate="=legal deadline(&#34;${rule}&#34;, receivedAt, 7, &#34;days&#34;, &#34;answer&#34;)" />
         <gov:approvalLine line="line-7" />
       </bpmn:extensionElements></bpmn:userTask>
       <bpmn:boundaryEvent id="late" attachedToRef="answer"><bpmn:timerEventDefinition>
         <bpmn:timeDate>=legal deadline("civil-petition", receivedAt, 3, "hours")</bpmn:timeDate>
       </bpmn:timerEventDefinition></bpmn:boundaryEvent>
       <bpmn:sequenceFlow id="f4" sourceRef="late" targetRef="e2" /><bpmn:endEvent id="e2" />
       <bpmn:sequenceFlow id="f2" sourceRef="answer" targetRef="stop" />
       <bpmn:intermediateThrowEvent id="stop"><bpmn:extensionElements><gov:legalClock clock="answer" action="stop" /></bpmn:extensionElements></bpmn:intermediateThrowEvent>
       <bpmn:sequenceFlow id="f3" sourceRef="stop" targetRef="e" /><bpmn:endEvent id="e" />`,
      { processExtensions: '<gov:classification code="A1-0001" />' },
    ),
  );

describe('what the modeler gov: group writes', () => {
  it('deploys: legal deadlines on the due date and the timer, the clock action, approval line and classification', async () => {
    const [graph] = await compileBpmn(petition());
    expect(graph?.usesLegalTime).toBe(true);
    expect(graph?.elements['answer']).toMatchObject({
      type: 'userTask',
      dueDate: { kind: 'feel', source: 'legal deadline("civil-petition", receivedAt, 7, "days", "answer")' },
    });
    expect(graph?.elements['late']).toMatchObject({
      trigger: { timer: { kind: 'date', value: { kind: 'feel', source: expect.stringContaining('legal deadline(') } } },
    });
    expect(graph?.elements['stop']).toMatchObject({ type: 'legalClock', clock: 'answer', action: 'stop' });
  });

  it('refuses a legal deadline rule gov/calendar does not have, naming the element', async () => {
    const error = await compileBpmn(petition('building-permit')).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details).toMatchObject({
      elementId: 'answer',
      issues: [
        { elementId: 'answer', message: expect.stringContaining("unknown legal deadline rule 'building-permit'") },
      ],
    });
  });
});

describe('zeebe:input sources', () => {
  const mapped = async (source: string) => {
    const [graph] = await compileBpmn(
      model(`<bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t" />
        <bpmn:scriptTask id="t"><bpmn:extensionElements><zeebe:script expression="=to" resultVariable="r" />
          <zeebe:ioMapping><zeebe:input source="${source}" target="to" /></zeebe:ioMapping></bpmn:extensionElements></bpmn:scriptTask>
        <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /><bpmn:endEvent id="e" />`),
    );
    const element = graph?.elements['t'] as { inputs: Array<{ source: string }> };
    return evaluateFeel(element.inputs[0]?.source as string, { applicantEmail: 'kim@korea.kr' });
  };

  it('a source without = is the static text itself, quotes and backslashes included (as element templates write it)', async () => {
    expect(await mapped('minwon@korea.kr')).toBe('minwon@korea.kr');
    expect(await mapped('처리 &#34;결과&#34; \\ 안내&#10;둘째 줄')).toBe('처리 "결과" \\ 안내\n둘째 줄');
  });

  it('a source with = is FEEL', async () => {
    expect(await mapped('=applicantEmail')).toBe('kim@korea.kr');
  });
});
