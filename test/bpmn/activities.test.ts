/** Activities: tasks run as jobs, receive tasks, call activities, multi-instance and standard loops. */
import { flow, expression, message, model, path, taskDefinition } from '../support/bpmn';
import { compileOne, rejection } from '../support/compile';

describe('tasks', () => {
  it('compiles send and business rule tasks with a task definition into jobs that keep their BPMN type', async () => {
    const graph = await compileOne(
      model(
        path(
          'send',
          'rule',
          `<bpmn:sendTask id="send">${taskDefinition('send-letter')}</bpmn:sendTask>${flow('f', 'send', 'rule')}
        <bpmn:businessRuleTask id="rule">${taskDefinition('fee-rules')}</bpmn:businessRuleTask>`,
        ),
      ),
    );
    expect(graph.elements['send']).toMatchObject({ type: 'serviceTask', bpmnType: 'sendTask', jobType: 'send-letter' });
    expect(graph.elements['rule']).toMatchObject({
      type: 'serviceTask',
      bpmnType: 'businessRuleTask',
      jobType: 'fee-rules',
    });
  });

  it('compiles a receive task with its message trigger and output mappings', async () => {
    const graph = await compileOne(
      model(
        path(
          'reply',
          'reply',
          `<bpmn:receiveTask id="reply" messageRef="m"><bpmn:extensionElements><zeebe:ioMapping><zeebe:output source="=answer" target="reply" /></zeebe:ioMapping></bpmn:extensionElements></bpmn:receiveTask>`,
        ),
        { roots: message('m', 'applicant-replied', '=petitionId') },
      ),
    );
    expect(graph.elements['reply']).toMatchObject({
      type: 'receiveTask',
      trigger: {
        kind: 'message',
        messageName: 'applicant-replied',
        correlationKey: { kind: 'feel', source: 'petitionId' },
      },
      outputs: [{ source: 'answer', target: 'reply' }],
    });
  });

  it('compiles a business rule task calling a decision, with its result variable and mappings', async () => {
    const graph = await compileOne(
      model(
        path(
          'rule',
          'rule',
          `<bpmn:businessRuleTask id="rule"><bpmn:extensionElements>
            <zeebe:calledDecision decisionId="fee-table" resultVariable="fee" />
            <zeebe:ioMapping><zeebe:output source="=fee.amount" target="amount" /></zeebe:ioMapping>
          </bpmn:extensionElements></bpmn:businessRuleTask>`,
        ),
      ),
    );
    expect(graph.elements['rule']).toMatchObject({
      type: 'businessRuleTask',
      decisionId: 'fee-table',
      resultVariable: 'fee',
      outputs: [{ source: 'fee.amount', target: 'amount' }],
    });
  });

  it('rejects a business rule task whose decision id is a FEEL expression', async () => {
    const error = await rejection(
      model(
        path(
          'rule',
          'rule',
          `<bpmn:businessRuleTask id="rule"><bpmn:extensionElements><zeebe:calledDecision decisionId="=kind" resultVariable="r" /></bpmn:extensionElements></bpmn:businessRuleTask>`,
        ),
      ),
    );
    expect(error.details.issues).toEqual([
      { elementId: 'rule', message: expect.stringContaining('name the decision') },
    ]);
  });

  it('rejects a business rule task with neither a job nor a decision, and a send task without a job type', async () => {
    const error = await rejection(
      model(
        path(
          'rule',
          'send',
          `<bpmn:businessRuleTask id="rule" />${flow('f', 'rule', 'send')}<bpmn:sendTask id="send" />`,
        ),
      ),
    );
    expect(error.details.issues).toEqual([
      { elementId: 'rule', message: expect.stringMatching(/zeebe:calledDecision.*zeebe:taskDefinition/) },
      { elementId: 'send', message: 'a send task needs a job type (zeebe:taskDefinition type)' },
    ]);
  });
});

describe('call activity', () => {
  it('compiles the called process, its binding, variable propagation (default true) and mappings', async () => {
    const graph = await compileOne(
      model(
        path(
          'latest',
          'tagged',
          `
        <bpmn:callActivity id="latest"><bpmn:extensionElements><zeebe:calledElement processId="=childProcess" /></bpmn:extensionElements></bpmn:callActivity>${flow('f', 'latest', 'tagged')}
        <bpmn:callActivity id="tagged"><bpmn:extensionElements>
          <zeebe:calledElement processId="fee-check" bindingType="versionTag" versionTag="v2" propagateAllChildVariables="false" propagateAllParentVariables="false" />
          <zeebe:ioMapping><zeebe:input source="=amount" target="amount" /><zeebe:output source="=fee" target="fee" /></zeebe:ioMapping>
        </bpmn:extensionElements></bpmn:callActivity>`,
        ),
      ),
    );
    expect(graph.elements['latest']).toMatchObject({
      type: 'callActivity',
      processId: { kind: 'feel', source: 'childProcess' },
      binding: { kind: 'latest' },
      propagateAllParentVariables: true,
      propagateAllChildVariables: true,
      inputs: [],
      outputs: [],
    });
    expect(graph.elements['tagged']).toMatchObject({
      processId: { kind: 'static', value: 'fee-check' },
      binding: { kind: 'versionTag', versionTag: 'v2' },
      propagateAllParentVariables: false,
      propagateAllChildVariables: false,
      inputs: [{ source: 'amount', target: 'amount' }],
      outputs: [{ source: 'fee', target: 'fee' }],
    });
  });

  it('rejects deployment binding and a versionTag binding without a tag', async () => {
    const error = await rejection(
      model(
        path(
          'a',
          'b',
          `
        <bpmn:callActivity id="a"><bpmn:extensionElements><zeebe:calledElement processId="x" bindingType="deployment" /></bpmn:extensionElements></bpmn:callActivity>${flow('f', 'a', 'b')}
        <bpmn:callActivity id="b"><bpmn:extensionElements><zeebe:calledElement processId="x" bindingType="versionTag" /></bpmn:extensionElements></bpmn:callActivity>`,
        ),
      ),
    );
    expect(error.details.issues).toEqual([
      { elementId: 'a', message: 'bindingType deployment is not supported; use latest or versionTag' },
      { elementId: 'b', message: expect.stringContaining('needs the version tag') },
    ]);
  });
});

describe('multi-instance and loops', () => {
  it('compiles multi-instance characteristics on a task and a sub-process', async () => {
    const graph = await compileOne(
      model(
        path(
          'each',
          'all',
          `
        <bpmn:userTask id="each"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="g" /></bpmn:extensionElements>
          <bpmn:multiInstanceLoopCharacteristics isSequential="true">
            <bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=reviewers" inputElement="reviewer" outputCollection="votes" outputElement="=vote" /></bpmn:extensionElements>
            ${expression('completionCondition', '=count(votes[item = false]) &gt; 0')}
          </bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>${flow('f', 'each', 'all')}
        <bpmn:subProcess id="all"><bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=offices" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
          <bpmn:startEvent id="s2" />${flow('g', 's2', 'e2')}<bpmn:endEvent id="e2" /></bpmn:subProcess>`,
        ),
      ),
    );
    expect(graph.elements['each']).toMatchObject({
      type: 'userTask',
      multiInstance: {
        sequential: true,
        inputCollection: 'reviewers',
        inputElement: 'reviewer',
        outputCollection: 'votes',
        outputElement: 'vote',
        completionCondition: 'count(votes[item = false]) > 0',
      },
    });
    expect(graph.elements['all']).toMatchObject({
      type: 'subProcess',
      multiInstance: { sequential: false, inputCollection: 'offices' },
    });
  });

  it('compiles a standard loop: condition, testBefore and maximum', async () => {
    const graph = await compileOne(
      model(
        path(
          'retry',
          'retry',
          `<bpmn:scriptTask id="retry"><bpmn:extensionElements><zeebe:script expression="=attempt + 1" resultVariable="attempt" /></bpmn:extensionElements>
        <bpmn:standardLoopCharacteristics testBefore="true" loopMaximum="5">${expression('loopCondition', '=attempt &lt; 3')}</bpmn:standardLoopCharacteristics></bpmn:scriptTask>`,
        ),
      ),
    );
    expect(graph.elements['retry']).toMatchObject({
      type: 'scriptTask',
      loop: { loopCondition: 'attempt < 3', testBefore: true, loopMaximum: 5 },
    });
  });

  it('rejects an endless loop, a bad loopMaximum, half an output pair and invalid FEEL in a completion condition', async () => {
    const error = await rejection(
      model(
        path(
          'a',
          'c',
          `
        <bpmn:task id="a"><bpmn:standardLoopCharacteristics /></bpmn:task>${flow('f1', 'a', 'b')}
        <bpmn:task id="b"><bpmn:standardLoopCharacteristics loopMaximum="0" /></bpmn:task>${flow('f2', 'b', 'c')}
        <bpmn:task id="c"><bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=xs" outputCollection="ys" /></bpmn:extensionElements>
          ${expression('completionCondition', '=done (')}</bpmn:multiInstanceLoopCharacteristics></bpmn:task>`,
        ),
      ),
    );
    expect(error.details.issues).toEqual([
      { elementId: 'a', message: expect.stringContaining('needs a loop condition, a loopMaximum, or both') },
      { elementId: 'b', message: expect.stringContaining('loopMaximum must be a whole number of at least 1') },
      { elementId: 'c', message: expect.stringContaining('both outputCollection and outputElement') },
      { elementId: 'c', message: expect.stringContaining('the completion condition is not a valid FEEL expression') },
    ]);
  });
});
