/**
 * Bad models are refused at deploy time with the element id and a reason, and nothing is stored: the analyst fixes
 * the model, the engine never meets it.
 */
import { deployResource } from '../../../engine/deployments';
import { AppError } from '../../../shared/app-error';
import { bpmn, flow, expression, message, model, path } from '../../support/bpmn';
import { startTestStack, type TestStack } from '../../support/stack';

const badModels: Array<{
  what: string;
  xml: string;
  code: 'BPMN_INVALID' | 'BPMN_UNSUPPORTED';
  elementId: string;
  reason: RegExp;
}> = [
  {
    what: 'a process without a start event',
    xml: bpmn(`<bpmn:task id="t" />${flow('f', 't', 'end')}<bpmn:endEvent id="end" />`, 'no-start'),
    code: 'BPMN_INVALID',
    elementId: 'no-start',
    reason: /the process has no start event/,
  },
  {
    what: "a condition on a parallel gateway's outgoing flow",
    xml: bpmn(`<bpmn:startEvent id="s" />${flow('f1', 's', 'fork')}<bpmn:parallelGateway id="fork" />
      <bpmn:sequenceFlow id="guarded" sourceRef="fork" targetRef="end">${expression('conditionExpression', '=x &gt; 1')}</bpmn:sequenceFlow>
      ${flow('plain', 'fork', 'end')}<bpmn:endEvent id="end" />`),
    code: 'BPMN_INVALID',
    elementId: 'guarded',
    reason: /parallel gateway takes every outgoing flow/,
  },
  {
    what: 'a multi-instance activity without an inputCollection',
    xml: model(path('each', 'each', `<bpmn:task id="each"><bpmn:multiInstanceLoopCharacteristics /></bpmn:task>`)),
    code: 'BPMN_INVALID',
    elementId: 'each',
    reason: /needs an inputCollection \(zeebe:loopCharacteristics\)/,
  },
  {
    what: 'an invalid FEEL expression',
    xml: model(
      path(
        'calc',
        'calc',
        `<bpmn:scriptTask id="calc"><bpmn:extensionElements><zeebe:script expression="=amount * (" resultVariable="fee" /></bpmn:extensionElements></bpmn:scriptTask>`,
      ),
    ),
    code: 'BPMN_INVALID',
    elementId: 'calc',
    reason: /the script is not a valid FEEL expression/,
  },
  {
    what: 'a call activity without a process id',
    xml: model(
      path(
        'call',
        'call',
        `<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement /></bpmn:extensionElements></bpmn:callActivity>`,
      ),
    ),
    code: 'BPMN_INVALID',
    elementId: 'call',
    reason: /needs the id of the process to call \(zeebe:calledElement processId\)/,
  },
  {
    what: 'a message catch without a correlation key',
    xml: model(
      path(
        'wait',
        'wait',
        `<bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>`,
      ),
      {
        roots: message('m', 'paid'),
      },
    ),
    code: 'BPMN_INVALID',
    elementId: 'wait',
    reason: /a message catch needs a message name and a correlation key/,
  },
  {
    what: 'a message catch without a message name',
    xml: model(
      path(
        'wait',
        'wait',
        `<bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition /></bpmn:intermediateCatchEvent>`,
      ),
    ),
    code: 'BPMN_INVALID',
    elementId: 'wait',
    reason: /a message catch needs a message name and a correlation key/,
  },
  {
    what: 'an element type the engine does not support',
    xml: bpmn(
      `<bpmn:startEvent id="s" />${flow('f1', 's', 'cg')}<bpmn:complexGateway id="cg" />${flow('f2', 'cg', 'end')}<bpmn:endEvent id="end" />`,
    ),
    code: 'BPMN_UNSUPPORTED',
    elementId: 'cg',
    reason: /ComplexGateway elements are not supported/,
  },
];

describe('deploy-time rejections', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
  });
  afterAll(() => stack.stop());

  it.each(badModels)(
    'refuses $what, naming the element, and stores nothing',
    async ({ xml, code, elementId, reason }) => {
      // given the definitions already stored
      const before = await stack.prisma.processDefinition.count();
      // when the model is deployed
      const thrown = await deployResource(stack.deps, { xml }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      // then it is refused with the element and the reason, and nothing was stored
      expect(thrown).toBeInstanceOf(AppError);
      const error = thrown as AppError;
      expect(error.code).toBe(code);
      expect(error.details.elementId).toBe(elementId);
      expect(error.details.issues).toContainEqual({ elementId, message: expect.stringMatching(reason) });
      expect(error.message).toContain(elementId);
      expect(await stack.prisma.processDefinition.count()).toBe(before);
    },
  );

  it('deploys a valid model using the new elements, so the rejections above are not a blanket refusal', async () => {
    const before = await stack.prisma.processDefinition.count();
    const deployed = await deployResource(stack.deps, {
      xml: model(path('wait', 'wait', `<bpmn:receiveTask id="wait" messageRef="m" />`), {
        roots: message('m', 'paid', '=caseId'),
        processId: 'receives',
      }),
    });
    expect(deployed).toEqual([expect.objectContaining({ processId: 'receives', version: 1 })]);
    expect(await stack.prisma.processDefinition.count()).toBe(before + 1);
  });
});
