/**
 * POST /api/process-instances/:id/modify: cancel the tokens waiting at an element, start tokens at others with
 * variables; every refusal names the element in the way and changes nothing.
 */
import request from 'supertest';
import { bpmn, flow } from '../support/bpmn';
import { deploy, instanceInState, openTask, start } from '../support/instances';
import { startTestStack, type TestStack } from '../support/stack';
import { eventually } from '../support/wait';
import { recordHistory } from '../support/histories';

const userTask = (id: string) =>
  `<bpmn:userTask id="${id}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="civil-affairs" /></bpmn:extensionElements></bpmn:userTask>`;

/** start → review → stamp (script) → archive → end */
const reviewProcess = bpmn(
  `<bpmn:startEvent id="start" />${flow('f1', 'start', 'review')}${userTask('review')}${flow('f2', 'review', 'stamp')}
   <bpmn:scriptTask id="stamp"><bpmn:extensionElements><zeebe:script expression="=&#34;stamped &#34; + note" resultVariable="stamp" /></bpmn:extensionElements></bpmn:scriptTask>
   ${flow('f3', 'stamp', 'archive')}${userTask('archive')}${flow('f4', 'archive', 'end')}<bpmn:endEvent id="end" />`,
  'modify-review',
);

/** start → fork → (left | right) → join → end */
const forkProcess = bpmn(
  `<bpmn:startEvent id="start" />${flow('f1', 'start', 'fork')}<bpmn:parallelGateway id="fork" />
   ${flow('f2', 'fork', 'left')}${flow('f3', 'fork', 'right')}${userTask('left')}${userTask('right')}
   ${flow('f4', 'left', 'join')}${flow('f5', 'right', 'join')}<bpmn:parallelGateway id="join" />
   ${flow('f6', 'join', 'end')}<bpmn:endEvent id="end" />`,
  'modify-fork',
);

/** start → sub (inner task) → end: while the sub-process runs, no token of the process scope waits. */
const subProcess = bpmn(
  `<bpmn:startEvent id="start" />${flow('f1', 'start', 'sub')}
   <bpmn:subProcess id="sub"><bpmn:startEvent id="subStart" />${flow('s1', 'subStart', 'inner')}${userTask('inner')}
     ${flow('s2', 'inner', 'subEnd')}<bpmn:endEvent id="subEnd" /></bpmn:subProcess>
   ${flow('f2', 'sub', 'end')}<bpmn:endEvent id="end" />`,
  'modify-sub',
);

describe('modifying a process instance', () => {
  let stack: TestStack;
  let analyst: string;
  let clerk: string;
  const api = () => request(stack.app);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const modify = (id: string, body: object, token = analyst) =>
    api().post(`/api/process-instances/${id}/modify`).set(as(token)).send(body);

  beforeAll(async () => {
    stack = await startTestStack();
    analyst = await stack.login('analyst1');
    clerk = await stack.login('clerk1');
    await deploy(stack, reviewProcess);
    await deploy(stack, forkProcess);
    await deploy(stack, subProcess);
  });
  afterAll(() => stack.stop());

  async function waitingAtReview() {
    const { instanceId } = await start(stack, 'modify-review', { note: 'original' });
    const task = await openTask(stack, instanceId, 'review');
    return { instanceId, task };
  }

  function historyOf(instanceId: string) {
    return stack.prisma.elementInstance.findMany({ where: { processInstanceId: instanceId } });
  }

  it('skips a user task: its row is CANCELED and the instance completes along the path after', async () => {
    const { instanceId, task } = await waitingAtReview();

    const response = await modify(instanceId, {
      cancel: ['review'],
      start: [{ elementId: 'stamp', variables: { note: 'skipped review' } }],
    }).expect(200);
    expect(response.body).toMatchObject({ id: instanceId, processId: 'modify-review' });

    expect((await stack.prisma.userTask.findUniqueOrThrow({ where: { id: task.id } })).state).toBe('CANCELED');
    const archive = await openTask(stack, instanceId, 'archive');
    await stack.temporal.workflow.getHandle(instanceId).executeUpdate('completeTask', {
      args: [{ taskId: archive.id, variables: {}, completedBy: 'clerk1' }],
    });
    const done = await instanceInState(stack, instanceId, 'COMPLETED');
    // The script ran on the variables the modification set.
    expect(done.variables).toMatchObject({ note: 'skipped review', stamp: 'stamped skipped review' });

    const history = await eventually(async () => {
      const rows = await historyOf(instanceId);
      return rows.some((row) => row.elementId === 'end') ? rows : undefined;
    });
    const stateOf = (elementId: string) => history.filter((row) => row.elementId === elementId).map((row) => row.state);
    expect(stateOf('review')).toEqual(['TERMINATED']);
    expect(stateOf('stamp')).toEqual(['COMPLETED']);
    expect(stateOf('archive')).toEqual(['COMPLETED']);

    const trail = await stack.prisma.auditLog.findFirstOrThrow({
      where: { objectId: instanceId, action: 'instance.modified' },
    });
    expect(trail).toMatchObject({
      actor: 'analyst1',
      details: { summary: 'modified: cancelled review; started stamp', cancelled: ['review'], started: ['stamp'] },
    });
    await recordHistory(stack.temporal, instanceId, 'instance-modified-skip-task', 'first');
  });

  it('sets the variables before the new token starts, and the instance waits at the started task', async () => {
    const { instanceId, task } = await waitingAtReview();
    await modify(instanceId, {
      cancel: ['review'],
      start: [{ elementId: 'archive' }],
      variables: { reason: 'archived directly' },
    }).expect(200);

    const archive = await openTask(stack, instanceId, 'archive');
    expect(archive.id).not.toBe(task.id);
    const variables = await eventually(async () => {
      const value = await stack.temporal.workflow.getHandle(instanceId).query<Record<string, unknown>>('variables');
      return value.reason ? value : undefined;
    });
    expect(variables).toMatchObject({ reason: 'archived directly', note: 'original' });
    expect((await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } })).state).toBe('ACTIVE');
  });

  describe('refusals name the problem and change nothing', () => {
    async function expectUnchanged(instanceId: string, taskId: string) {
      expect((await stack.prisma.userTask.findUniqueOrThrow({ where: { id: taskId } })).state).toBe('CREATED');
      expect((await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } })).state).toBe(
        'ACTIVE',
      );
      expect(await stack.prisma.auditLog.count({ where: { objectId: instanceId, action: 'instance.modified' } })).toBe(
        0,
      );
    }

    it('an element the process does not have: 422 naming it', async () => {
      const { instanceId, task } = await waitingAtReview();
      const response = await modify(instanceId, { cancel: ['review'], start: [{ elementId: 'nowhere' }] }).expect(422);
      expect(response.body).toMatchObject({ code: 'INSTANCE_CHANGE_REFUSED', elementId: 'nowhere' });
      await expectUnchanged(instanceId, task.id);
    });

    it('an element without a token to cancel: 422 naming it', async () => {
      const { instanceId, task } = await waitingAtReview();
      const response = await modify(instanceId, { cancel: ['archive'] }).expect(422);
      expect(response.body).toMatchObject({ code: 'INSTANCE_CHANGE_REFUSED', elementId: 'archive' });
      expect((response.body as { message: string }).message).toContain('No token waits');
      await expectUnchanged(instanceId, task.id);
    });

    it('cancelling the last token without allowEnd', async () => {
      const { instanceId, task } = await waitingAtReview();
      const response = await modify(instanceId, { cancel: ['review'] }).expect(422);
      expect((response.body as { message: string }).message).toContain('allowEnd');
      await expectUnchanged(instanceId, task.id);
    });

    it('a start that would leave a parallel join waiting forever: 422 naming the join', async () => {
      const { instanceId } = await start(stack, 'modify-fork');
      const left = await openTask(stack, instanceId, 'left');
      const right = await openTask(stack, instanceId, 'right');
      // Both branch tokens cancelled, one started again on the left: nothing could ever arrive from the right.
      const response = await modify(instanceId, {
        cancel: ['left', 'right'],
        start: [{ elementId: 'left' }],
      }).expect(422);
      expect(response.body).toMatchObject({ code: 'INSTANCE_CHANGE_REFUSED', elementId: 'join' });
      for (const task of [left, right])
        expect((await stack.prisma.userTask.findUniqueOrThrow({ where: { id: task.id } })).state).toBe('CREATED');
    });

    it('a malformed body: 400; an instance the caller may not modify: 404', async () => {
      const { instanceId, task } = await waitingAtReview();
      await modify(instanceId, {}).expect(400);
      await modify(instanceId, { cancel: 'review' }).expect(400);
      await modify(instanceId, { cancel: ['review'], start: [{ elementId: 'archive' }] }, clerk).expect(404);
      await expectUnchanged(instanceId, task.id);
    });

    it('an instance not at rest (a sub-process runs): 409, the inner task untouched', async () => {
      const { instanceId } = await start(stack, 'modify-sub');
      const inner = await openTask(stack, instanceId, 'inner');
      const response = await modify(instanceId, { cancel: ['sub'], start: [{ elementId: 'end' }] }).expect(409);
      expect(response.body).toMatchObject({
        code: 'CONFLICT',
        message: expect.stringContaining('not at rest') as string,
      });
      expect((await stack.prisma.userTask.findUniqueOrThrow({ where: { id: inner.id } })).state).toBe('CREATED');
    });

    it('an instance that has ended: 409', async () => {
      const { instanceId } = await waitingAtReview();
      await modify(instanceId, { cancel: ['review'], allowEnd: true }).expect(200);
      await instanceInState(stack, instanceId, 'COMPLETED');
      const response = await modify(instanceId, { start: [{ elementId: 'archive' }] }).expect(409);
      expect(response.body).toMatchObject({ code: 'CONFLICT' });
    });
  });
});
