/**
 * Who works on a task: claim, unclaim, assign and reassign, delegate → resolve → complete, bulk claim and assign,
 * follow-up date and priority; the races on the real stack (two claims, a completion against a reassignment), and bad
 * input refused with nothing changed.
 */
import request from 'supertest';
import { oneTaskProcess, uniqueProcessId } from '../support/bpmn';
import { deploy, openTask, start } from '../support/instances';
import { startTestStack, type TestStack } from '../support/stack';
import { insertProcessInstance, insertTask, orgUnitId } from '../support/tasks';

interface TaskAnswer {
  id: string;
  assignee: string | null;
  owner: string | null;
  delegationState: string;
  draftVariables: unknown;
  state: string;
}

describe('task hand-over', () => {
  let stack: TestStack;
  const tokens: Record<string, string> = {};
  let instance: string;
  let civilAffairs: string;
  const api = () => request(stack.app);
  const as = (username: string) => ({ Authorization: `Bearer ${tokens[username]}` });
  const row = (id: string) => stack.prisma.userTask.findUniqueOrThrow({ where: { id } });
  const audits = (id: string) =>
    stack.prisma.auditLog.findMany({ where: { objectType: 'UserTask', objectId: id }, orderBy: { id: 'asc' } });
  const newTask = (fields: Parameters<typeof insertTask>[2] = {}) =>
    insertTask(stack, instance, { orgUnitId: civilAffairs, ...fields });

  beforeAll(async () => {
    stack = await startTestStack();
    for (const username of ['clerk1', 'clerk2', 'clerk3', 'lead1', 'manager1', 'admin']) {
      tokens[username] = await stack.login(username);
    }
    civilAffairs = await orgUnitId(stack, 'civil-affairs');
    instance = await insertProcessInstance(stack, uniqueProcessId('handover'));
  });
  afterAll(() => stack.stop());

  describe('claim', () => {
    it('lets exactly one of two people claiming at once win; the other is told who has it (409)', async () => {
      const id = await newTask();

      const [first, second] = await Promise.all([
        api().post(`/api/tasks/${id}/claim`).set(as('clerk1')),
        api().post(`/api/tasks/${id}/claim`).set(as('clerk3')),
      ]);

      expect([first.status, second.status].sort()).toEqual([200, 409]);
      const winner = first.status === 200 ? 'clerk1' : 'clerk3';
      const loser = first.status === 200 ? second : first;
      expect(loser.body).toMatchObject({ code: 'TASK_CLAIMED', message: expect.stringContaining(winner) as string });
      expect((await row(id)).assignee).toBe(winner);
      expect((await audits(id)).map((entry) => entry.action)).toEqual(['task.claimed']);
    });

    it("releases only the assignee's own claim", async () => {
      const id = await newTask({ assignee: 'clerk1' });
      await api().post(`/api/tasks/${id}/unclaim`).set(as('clerk3')).expect(409);
      expect((await row(id)).assignee).toBe('clerk1');
      const released = await api().post(`/api/tasks/${id}/unclaim`).set(as('clerk1')).expect(200);
      expect((released.body as TaskAnswer).assignee).toBeNull();
    });
  });

  describe('assign', () => {
    it('lets the unit head assign an open task to a candidate, and the assignee reassign it', async () => {
      const id = await newTask();

      const assigned = await api().post(`/api/tasks/${id}/assign`).set(as('manager1')).send({ userId: 'clerk3' });
      expect(assigned.status).toBe(200);
      expect((assigned.body as TaskAnswer).assignee).toBe('clerk3');

      await api().post(`/api/tasks/${id}/assign`).set(as('clerk3')).send({ userId: 'lead1' }).expect(200);
      expect((await row(id)).assignee).toBe('lead1');
      const trail = await audits(id);
      expect(trail.map((entry) => [entry.actor, entry.action, entry.details])).toEqual([
        ['manager1', 'task.assigned', { from: null, to: 'clerk3' }],
        ['clerk3', 'task.reassigned', { from: 'clerk3', to: 'lead1' }],
      ]);
    });

    it('accepts a candidate user named on the task though outside its groups', async () => {
      const id = await newTask({ candidateUsers: ['clerk2'] });
      await api().post(`/api/tasks/${id}/assign`).set(as('admin')).send({ userId: 'clerk2' }).expect(200);
      expect((await row(id)).assignee).toBe('clerk2');
    });

    it('assigns a task offered to no one to someone of its unit, never to someone of another unit', async () => {
      const id = await newTask({ candidateGroups: [] });

      const elsewhere = await api().post(`/api/tasks/${id}/assign`).set(as('manager1')).send({ userId: 'clerk2' });
      expect(elsewhere.status).toBe(422);
      expect((await row(id)).assignee).toBeNull();
      await api().post(`/api/tasks/${id}/assign`).set(as('manager1')).send({ userId: 'clerk3' }).expect(200);
      expect((await row(id)).assignee).toBe('clerk3');
    });

    it('lets an administrator assign a task offered to no one and in no unit to anyone; no one else sees it', async () => {
      const id = await newTask({ candidateGroups: [], orgUnitId: null });

      await api().post(`/api/tasks/${id}/assign`).set(as('manager1')).send({ userId: 'clerk2' }).expect(404);
      await api().post(`/api/tasks/${id}/claim`).set(as('clerk1')).expect(404);
      await api().post(`/api/tasks/${id}/assign`).set(as('admin')).send({ userId: 'clerk2' }).expect(200);
      expect((await row(id)).assignee).toBe('clerk2');
    });

    it('refuses an assignee outside the candidates or unknown (422 naming them) and changes nothing', async () => {
      const id = await newTask({ assignee: 'clerk1' });

      const outsider = await api().post(`/api/tasks/${id}/assign`).set(as('clerk1')).send({ userId: 'clerk2' });
      expect(outsider.status).toBe(422);
      expect(outsider.body).toMatchObject({
        code: 'TASK_ASSIGNEE_INVALID',
        message: expect.stringContaining('clerk2'),
      });
      const unknown = await api().post(`/api/tasks/${id}/assign`).set(as('clerk1')).send({ userId: 'nobody9' });
      expect(unknown.status).toBe(422);
      expect(unknown.body).toMatchObject({ message: expect.stringContaining('nobody9') as string });
      await api().post(`/api/tasks/${id}/assign`).set(as('clerk1')).send({}).expect(400);

      expect((await row(id)).assignee).toBe('clerk1');
      expect(await audits(id)).toEqual([]);
    });

    it('refuses someone who sees the task but neither holds it nor heads its unit (403), and an outsider (404)', async () => {
      const id = await newTask({ assignee: 'clerk1' });
      const seer = await api().post(`/api/tasks/${id}/assign`).set(as('clerk3')).send({ userId: 'clerk3' });
      expect(seer.status).toBe(403);
      await api().post(`/api/tasks/${id}/assign`).set(as('clerk2')).send({ userId: 'clerk3' }).expect(404);
      expect((await row(id)).assignee).toBe('clerk1');
    });

    it('waits while a delegation is pending, and a reassignment after it ends the returned delegation', async () => {
      const id = await newTask({ assignee: 'clerk1' });
      await api().post(`/api/tasks/${id}/delegate`).set(as('clerk1')).send({ userId: 'clerk3' }).expect(200);

      const meanwhile = await api().post(`/api/tasks/${id}/assign`).set(as('manager1')).send({ userId: 'lead1' });
      expect(meanwhile.status).toBe(409);
      expect(meanwhile.body).toMatchObject({ code: 'TASK_DELEGATED', message: expect.stringContaining('clerk3') });

      await api().post(`/api/tasks/${id}/resolve`).set(as('clerk3')).send({}).expect(200);
      const reassigned = await api().post(`/api/tasks/${id}/assign`).set(as('manager1')).send({ userId: 'lead1' });
      expect(reassigned.status).toBe(200);
      expect(reassigned.body).toMatchObject({ assignee: 'lead1', owner: null, delegationState: 'NONE' });
    });

    it('answers 409 for a task that is no longer open', async () => {
      const id = await newTask({ assignee: 'clerk1', state: 'COMPLETED' });
      const closed = await api().post(`/api/tasks/${id}/assign`).set(as('manager1')).send({ userId: 'clerk3' });
      expect(closed.status).toBe(409);
      expect(closed.body).toMatchObject({ code: 'TASK_NOT_OPEN' });
    });
  });

  describe('bulk', () => {
    it('claims each task it can and says why it could not claim the others', async () => {
      const free = await newTask();
      const taken = await newTask({ assignee: 'clerk3' });
      const foreign = await newTask({ candidateGroups: ['general-affairs'], orgUnitId: null });

      const answer = await api()
        .post('/api/tasks/bulk/claim')
        .set(as('clerk1'))
        .send({ taskIds: [free, taken, foreign] })
        .expect(200);

      expect((answer.body as { results: unknown[] }).results).toEqual([
        { id: free, ok: true },
        { id: taken, ok: false, code: 'TASK_CLAIMED', message: expect.stringContaining('clerk3') as string },
        { id: foreign, ok: false, code: 'NOT_FOUND', message: expect.any(String) as string },
      ]);
      expect((await row(free)).assignee).toBe('clerk1');
      expect((await row(taken)).assignee).toBe('clerk3');
      expect((await row(foreign)).assignee).toBeNull();
    });

    it('assigns several tasks to one person, refusing the one they are no candidate for', async () => {
      const first = await newTask();
      const second = await newTask();
      const elsewhere = await newTask({ candidateGroups: ['planning-budget'] });

      const answer = await api()
        .post('/api/tasks/bulk/assign')
        .set(as('manager1'))
        .send({ taskIds: [first, second, elsewhere], userId: 'clerk3' })
        .expect(200);

      expect(
        (answer.body as { results: Array<{ ok: boolean; code?: string }> }).results.map((r) => r.code ?? 'ok'),
      ).toEqual(['ok', 'ok', 'TASK_ASSIGNEE_INVALID']);
      expect((await row(first)).assignee).toBe('clerk3');
      expect((await row(second)).assignee).toBe('clerk3');
      expect((await row(elsewhere)).assignee).toBeNull();
    });

    it('refuses an empty list', async () => {
      await api().post('/api/tasks/bulk/claim').set(as('clerk1')).send({ taskIds: [] }).expect(400);
    });
  });

  describe('follow-up date and priority', () => {
    it('are set by the assignee and the unit head, refused to others', async () => {
      const id = await newTask({ assignee: 'clerk1' });

      const planned = await api()
        .patch(`/api/tasks/${id}`)
        .set(as('clerk1'))
        .send({ followUpAt: '2030-05-04T00:00:00.000Z', priority: 75 })
        .expect(200);
      expect(planned.body).toMatchObject({ followUpAt: '2030-05-04T00:00:00.000Z', priority: 75 });
      await api().patch(`/api/tasks/${id}`).set(as('manager1')).send({ followUpAt: null }).expect(200);
      expect(await row(id)).toMatchObject({ followUpAt: null, priority: 75 });

      await api().patch(`/api/tasks/${id}`).set(as('clerk3')).send({ priority: 10 }).expect(403);
      await api().patch(`/api/tasks/${id}`).set(as('clerk1')).send({ priority: 101 }).expect(400);
      await api().patch(`/api/tasks/${id}`).set(as('clerk1')).send({}).expect(400);
      expect((await row(id)).priority).toBe(75);
    });
  });

  describe('on a running process', () => {
    async function runningTask(): Promise<string> {
      const processId = uniqueProcessId('handover-run');
      await deploy(stack, oneTaskProcess(processId));
      const { instanceId } = await start(stack, processId);
      return (await openTask(stack, instanceId, 'task')).id;
    }

    it('delegates to a colleague, who resolves with a draft, after which the owner completes', async () => {
      const id = await runningTask();
      await api().post(`/api/tasks/${id}/claim`).set(as('clerk1')).expect(200);

      const delegated = await api().post(`/api/tasks/${id}/delegate`).set(as('clerk1')).send({ userId: 'clerk3' });
      expect(delegated.status).toBe(200);
      expect(delegated.body).toMatchObject({ assignee: 'clerk3', owner: 'clerk1', delegationState: 'PENDING' });

      // While delegated neither the owner nor the delegate completes it.
      const early = await api().post(`/api/tasks/${id}/complete`).set(as('clerk1')).send({ variables: {} });
      expect(early.status).toBe(409);
      expect(early.body).toMatchObject({ code: 'TASK_DELEGATED', message: expect.stringContaining('clerk3') });
      await api().post(`/api/tasks/${id}/complete`).set(as('clerk3')).send({ variables: {} }).expect(409);
      // Only the delegate resolves.
      await api().post(`/api/tasks/${id}/resolve`).set(as('clerk1')).send({}).expect(409);

      // A hand-back the task would not accept is refused, and the task stays with the delegate.
      const smuggled = await api()
        .post(`/api/tasks/${id}/resolve`)
        .set(as('clerk3'))
        .send({ variables: { approved: true, applicantEmail: 'someone@example.kr' } })
        .expect(400);
      expect(smuggled.body).toMatchObject({ code: 'FORM_INVALID', fields: [{ key: 'applicantEmail' }] });
      expect(await row(id)).toMatchObject({ assignee: 'clerk3', delegationState: 'PENDING', draftVariables: null });

      const resolved = await api()
        .post(`/api/tasks/${id}/resolve`)
        .set(as('clerk3'))
        .send({ variables: { approved: true, comment: '서류 확인 완료' } });
      expect(resolved.status).toBe(200);
      expect(resolved.body).toMatchObject({
        assignee: 'clerk1',
        owner: 'clerk1',
        delegationState: 'RESOLVED',
        draftVariables: { approved: true, comment: '서류 확인 완료' },
      });

      await api()
        .post(`/api/tasks/${id}/complete`)
        .set(as('clerk1'))
        .send({ variables: { approved: true, comment: '서류 확인 완료' } })
        .expect(200);
      expect(await row(id)).toMatchObject({ state: 'COMPLETED', completedBy: 'clerk1' });
      expect((await audits(id)).map((entry) => entry.action)).toEqual([
        'task.claimed',
        'task.delegated',
        'task.resolved',
        'task.completed',
      ]);
    });

    it('refuses a delegation by someone other than the assignee, or to an unknown person', async () => {
      const id = await runningTask();
      await api().post(`/api/tasks/${id}/claim`).set(as('clerk1')).expect(200);
      await api().post(`/api/tasks/${id}/delegate`).set(as('clerk3')).send({ userId: 'lead1' }).expect(409);
      await api().post(`/api/tasks/${id}/delegate`).set(as('clerk1')).send({ userId: 'nobody9' }).expect(422);
      await api().post(`/api/tasks/${id}/delegate`).set(as('clerk1')).send({ userId: 'clerk1' }).expect(422);
      expect(await row(id)).toMatchObject({ assignee: 'clerk1', owner: null, delegationState: 'NONE' });
    });

    it('settles a completion racing a reassignment consistently and tells the loser why', async () => {
      for (let round = 0; round < 3; round += 1) {
        const id = await runningTask();
        await api().post(`/api/tasks/${id}/claim`).set(as('clerk1')).expect(200);

        const [completion, reassignment] = await Promise.all([
          api().post(`/api/tasks/${id}/complete`).set(as('clerk1')).send({ variables: {} }),
          api().post(`/api/tasks/${id}/assign`).set(as('manager1')).send({ userId: 'clerk3' }),
        ]);

        const after = await row(id);
        if (completion.status === 200) {
          expect(reassignment.status).toBe(409);
          expect(reassignment.body).toMatchObject({ code: 'TASK_NOT_OPEN' });
          expect(after).toMatchObject({ state: 'COMPLETED', completedBy: 'clerk1', assignee: 'clerk1' });
        } else {
          expect(completion.status).toBe(409);
          expect(completion.body).toMatchObject({ code: 'TASK_CLAIMED', message: expect.stringContaining('clerk3') });
          expect(reassignment.status).toBe(200);
          expect(after).toMatchObject({ state: 'CREATED', assignee: 'clerk3' });
        }
      }
    });

    it('completes more tasks at once than the database pool holds connections, every one of them', async () => {
      // node-postgres pools 10 connections by default (platform/db.ts sets no other): 24 completions in flight
      // exceed it twice over, and none may hold a connection while its workflow closes the task.
      const processId = uniqueProcessId('handover-many');
      await deploy(stack, oneTaskProcess(processId));
      const instances = await Promise.all(Array.from({ length: 24 }, () => start(stack, processId)));
      const ids = await Promise.all(
        instances.map(async ({ instanceId }) => (await openTask(stack, instanceId, 'task')).id),
      );

      const answers = await Promise.all(
        ids.map((id) => api().post(`/api/tasks/${id}/complete`).set(as('clerk1')).send({ variables: {} })),
      );

      expect(answers.map((answer) => answer.status)).toEqual(ids.map(() => 200));
      const rows = await stack.prisma.userTask.findMany({ where: { id: { in: ids } } });
      expect(rows.map((task) => [task.state, task.completedBy])).toEqual(ids.map(() => ['COMPLETED', 'clerk1']));
    });

    it('answers one of two completions at once with 409 and lets no hand-over in while the winner completes', async () => {
      const id = await runningTask();
      const [first, second] = await Promise.all([
        api().post(`/api/tasks/${id}/complete`).set(as('clerk1')).send({ variables: {} }),
        api().post(`/api/tasks/${id}/complete`).set(as('clerk1')).send({ variables: {} }),
      ]);

      expect([first.status, second.status].sort()).toEqual([200, 409]);
      expect((first.status === 409 ? first : second).body).toMatchObject({ code: 'TASK_NOT_OPEN' });
      expect(await row(id)).toMatchObject({ state: 'COMPLETED', completedBy: 'clerk1' });
      const late = await api().post(`/api/tasks/${id}/assign`).set(as('manager1')).send({ userId: 'clerk3' });
      expect(late.body).toMatchObject({ code: 'TASK_NOT_OPEN' });
      expect((await audits(id)).map((entry) => entry.action)).toEqual(['task.completed']);
    });
  });
});
