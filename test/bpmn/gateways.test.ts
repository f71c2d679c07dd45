/** Inclusive and event-based gateways, and which flows may carry conditions. */
import { flow, timer, expression, message, model } from '../support/bpmn';
import { compileOne, rejection } from '../support/compile';

const conditional = (id: string, from: string, to: string, condition: string) =>
  `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}">${expression('conditionExpression', condition)}</bpmn:sequenceFlow>`;

describe('inclusive gateway', () => {
  it('compiles a fork with conditions and a default flow, and its join', async () => {
    const graph = await compileOne(
      model(`<bpmn:startEvent id="start" />${flow('f0', 'start', 'fork')}<bpmn:inclusiveGateway id="fork" default="always" />
        ${conditional('big', 'fork', 'join', '=amount &gt; 100')}${conditional('foreign', 'fork', 'join', '=foreign')}${flow('always', 'fork', 'join')}
        <bpmn:inclusiveGateway id="join" />${flow('f1', 'join', 'end')}<bpmn:endEvent id="end" />`),
    );
    expect(graph.elements['fork']).toMatchObject({
      type: 'inclusiveGateway',
      defaultFlowId: 'always',
      outgoing: ['big', 'foreign', 'always'],
    });
    expect(graph.elements['join']).toMatchObject({ type: 'inclusiveGateway', incoming: ['big', 'foreign', 'always'] });
    expect(graph.flows['big']?.condition).toBe('amount > 100');
  });

  it('rejects a forking flow without a condition that is not the default', async () => {
    const error = await rejection(
      model(`<bpmn:startEvent id="start" />${flow('f0', 'start', 'fork')}<bpmn:inclusiveGateway id="fork" />
        ${conditional('big', 'fork', 'end', '=amount &gt; 100')}${flow('bare', 'fork', 'end')}<bpmn:endEvent id="end" />`),
    );
    expect(error.details.issues).toEqual([
      { elementId: 'bare', message: expect.stringContaining("leaves inclusive gateway 'fork' without a condition") },
    ]);
  });
});

describe('event-based gateway', () => {
  it('compiles a race between a message catch, a timer and a receive task', async () => {
    const graph = await compileOne(
      model(
        `<bpmn:startEvent id="start" />${flow('f0', 'start', 'race')}<bpmn:eventBasedGateway id="race" />
         ${flow('a', 'race', 'paid')}<bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>
         ${flow('b', 'race', 'timeout')}<bpmn:intermediateCatchEvent id="timeout">${timer('timeDuration', 'P7D')}</bpmn:intermediateCatchEvent>
         ${flow('c', 'race', 'reply')}<bpmn:receiveTask id="reply" messageRef="m" />
         ${flow('x', 'paid', 'end')}${flow('y', 'timeout', 'end')}${flow('z', 'reply', 'end')}<bpmn:endEvent id="end" />`,
        { roots: message('m', 'paid', '=caseId') },
      ),
    );
    expect(graph.elements['race']).toEqual({
      type: 'eventBasedGateway',
      id: 'race',
      incoming: ['f0'],
      outgoing: ['a', 'b', 'c'],
    });
    expect(graph.elements['reply']).toMatchObject({
      type: 'receiveTask',
      trigger: { kind: 'message', messageName: 'paid' },
    });
  });

  it('rejects a gateway with one flow, a condition on its flow, a target that is not a catch event, and a shared target', async () => {
    const error = await rejection(
      model(
        `<bpmn:startEvent id="start" />${flow('f0', 'start', 'race')}<bpmn:eventBasedGateway id="race" />
         ${conditional('guarded', 'race', 'task', '=true')}<bpmn:task id="task" />${flow('t1', 'task', 'end')}<bpmn:endEvent id="end" />
         ${flow('f1', 'start', 'lonely')}<bpmn:eventBasedGateway id="lonely" />${flow('l1', 'lonely', 'wait')}${flow('l2', 'task', 'wait')}
         <bpmn:intermediateCatchEvent id="wait">${timer('timeDuration', 'PT1H')}</bpmn:intermediateCatchEvent>${flow('w1', 'wait', 'end')}`,
      ),
    );
    expect(error.details.issues).toEqual([
      { elementId: 'race', message: expect.stringContaining('at least two outgoing flows') },
      { elementId: 'lonely', message: expect.stringContaining('at least two outgoing flows') },
      {
        elementId: 'guarded',
        message: expect.stringContaining('event-based gateway follows whichever event happens first'),
      },
      {
        elementId: 'guarded',
        message: expect.stringContaining(
          "must lead to an intermediate catch event (timer, message, signal or conditional) or a receive task, not 'task'",
        ),
      },
      {
        elementId: 'wait',
        message: expect.stringContaining("event-based gateway 'lonely' waits for must have no other incoming flow"),
      },
    ]);
  });

  it('rejects conditions on flows leaving anything but an exclusive or inclusive gateway', async () => {
    const error = await rejection(
      model(`<bpmn:startEvent id="start" />${conditional('guarded', 'start', 'end', '=x')}<bpmn:endEvent id="end" />`),
    );
    expect(error.details.issues).toEqual([
      { elementId: 'guarded', message: expect.stringContaining('conditions on flows leaving a startEvent') },
    ]);
  });
});
