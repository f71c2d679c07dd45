import { bpmn, flow } from '../../../support/bpmn';
import { recordHistory } from '../../../support/histories';
import { deploy, openTask, start } from '../../../support/instances';
import { startTestStack, type TestStack } from '../../../support/stack';

const script = (id: string, expression: string, result = 'path') =>
  `<bpmn:scriptTask id="${id}"><bpmn:extensionElements><zeebe:script expression="${expression}" resultVariable="${result}" /></bpmn:extensionElements></bpmn:scriptTask>`;

describe('parallel gateway', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.stop());

  it('forks onto every branch and joins once all three have arrived', async () => {
    // given start → fork → a, b, c (each appends its name) → join → count
    await deploy(
      stack,
      bpmn(
        `<bpmn:startEvent id="start" />${flow('f0', 'start', 'fork')}<bpmn:parallelGateway id="fork" />
         ${flow('fa', 'fork', 'a')}${flow('fb', 'fork', 'b')}${flow('fc', 'fork', 'c')}
         ${script('a', '=append(path, &#34;a&#34;)')}${script('b', '=append(path, &#34;b&#34;)')}${script('c', '=append(path, &#34;c&#34;)')}
         ${flow('ja', 'a', 'join')}${flow('jb', 'b', 'join')}${flow('jc', 'c', 'join')}<bpmn:parallelGateway id="join" />
         ${flow('f1', 'join', 'count')}${script('count', '=count(path)', 'joined')}${flow('f2', 'count', 'end')}<bpmn:endEvent id="end" />`,
        'parallel-three',
      ),
    );
    // when it runs with an empty path
    const { instanceId, result } = await start(stack, 'parallel-three', { path: [] });
    // then every branch ran once and the token after the join saw all three
    const { endElementId, variables } = await result();
    expect(endElementId).toBe('end');
    expect([...(variables.path as string[])].sort()).toEqual(['a', 'b', 'c']);
    expect(variables.joined).toBe(3);
    await recordHistory(stack.temporal, instanceId, 'parallel-gateway-three-branches');
  });

  it('waits at the join for the branch with a user task', async () => {
    await deploy(
      stack,
      bpmn(
        `<bpmn:startEvent id="start" />${flow('f0', 'start', 'fork')}<bpmn:parallelGateway id="fork" />
         ${flow('fa', 'fork', 'review')}${flow('fb', 'fork', 'note')}
         <bpmn:userTask id="review"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="civil-affairs" /></bpmn:extensionElements></bpmn:userTask>
         ${script('note', '=&#34;noted&#34;', 'note')}
         ${flow('ja', 'review', 'join')}${flow('jb', 'note', 'join')}<bpmn:parallelGateway id="join" />
         ${flow('f1', 'join', 'end')}<bpmn:endEvent id="end" />`,
        'parallel-wait',
      ),
    );
    const { instanceId, handle, result } = await start(stack, 'parallel-wait');
    const task = await openTask(stack, instanceId, 'review');
    expect((await handle.describe()).status.name).toBe('RUNNING');

    await handle.executeUpdate('completeTask', {
      args: [{ taskId: task.id, variables: { reviewed: true }, completedBy: 'clerk1' }],
    });
    const { variables } = await result();
    expect(variables).toMatchObject({ reviewed: true, note: 'noted' });
    const row = await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } });
    expect(row.state).toBe('COMPLETED');
    await recordHistory(stack.temporal, instanceId, 'parallel-gateway-user-task-branch');
  });
});
