/**
 * The work queues: the three scopes, filters, sorting, saved filters and keyset paging. Tasks are inserted directly
 * (no workflow needed to read a queue); each test has a process id of its own and filters by it, so the tests do not
 * see each other's tasks.
 */
import request from 'supertest';
import { uniqueProcessId } from '../support/bpmn';
import { startTestStack, type TestStack } from '../support/stack';
import { insertProcessInstance, insertTask, orgUnitId } from '../support/tasks';

interface QueueAnswer {
  items: Array<{ id: string; priority: number; dueAt: string | null }>;
  nextCursor: string | null;
}

describe('work queues', () => {
  let stack: TestStack;
  const tokens: Record<string, string> = {};
  let civilAffairs: string;
  let generalAffairs: string;
  const api = () => request(stack.app);
  const as = (username: string) => ({ Authorization: `Bearer ${tokens[username]}` });

  async function queue(username: string, query: Record<string, string | number>): Promise<QueueAnswer> {
    const response = await api().get('/api/tasks').query(query).set(as(username)).expect(200);
    return response.body as QueueAnswer;
  }
  const ids = (answer: QueueAnswer) => answer.items.map((task) => task.id);

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    for (const username of ['clerk1', 'clerk2', 'clerk3', 'lead1']) tokens[username] = await stack.login(username);
    civilAffairs = await orgUnitId(stack, 'civil-affairs');
    generalAffairs = await orgUnitId(stack, 'general-affairs');
  });
  afterAll(() => stack.stop());

  it('answers "mine", "groups" and "department" with the tasks of each, and both personal scopes without one', async () => {
    const processId = uniqueProcessId('scopes');
    const instance = await insertProcessInstance(stack, processId);
    const mine = await insertTask(stack, instance, { assignee: 'clerk1', orgUnitId: civilAffairs });
    const offeredToGroup = await insertTask(stack, instance, { orgUnitId: civilAffairs });
    const offeredToMe = await insertTask(stack, instance, { candidateGroups: [], candidateUsers: ['clerk1'] });
    const colleagues = await insertTask(stack, instance, { assignee: 'clerk3', orgUnitId: civilAffairs });
    const otherUnit = await insertTask(stack, instance, {
      candidateGroups: ['general-affairs'],
      orgUnitId: generalAffairs,
    });
    await insertTask(stack, instance, { assignee: 'clerk1', orgUnitId: civilAffairs, state: 'COMPLETED' });

    expect(ids(await queue('clerk1', { scope: 'mine', processId }))).toEqual([mine]);
    expect(new Set(ids(await queue('clerk1', { scope: 'groups', processId })))).toEqual(
      new Set([offeredToGroup, offeredToMe]),
    );
    expect(new Set(ids(await queue('clerk1', { scope: 'department', processId })))).toEqual(
      new Set([mine, offeredToGroup, colleagues]),
    );
    expect(new Set(ids(await queue('clerk1', { processId })))).toEqual(new Set([mine, offeredToGroup, offeredToMe]));
    expect(ids(await queue('clerk2', { scope: 'department', processId }))).toEqual([otherUnit]);

    // The department scope reads what a detail page shows: a colleague's task opens, another unit's does not.
    await api().get(`/api/tasks/${colleagues}`).set(as('clerk1')).expect(200);
    await api().get(`/api/tasks/${colleagues}`).set(as('clerk2')).expect(404);
  });

  it('filters by process, due window, priority and process variables', async () => {
    const processId = uniqueProcessId('filters');
    const amount100 = await insertProcessInstance(stack, processId, { amount: 100, kind: '여권' });
    const amount5 = await insertProcessInstance(stack, processId, { amount: 5, kind: '등본' });
    const dueSoon = await insertTask(stack, amount100, { dueAt: new Date('2030-01-02T00:00:00Z'), priority: 80 });
    const dueLater = await insertTask(stack, amount5, { dueAt: new Date('2030-03-01T00:00:00Z'), priority: 20 });
    await insertTask(stack, await insertProcessInstance(stack, uniqueProcessId('other')));

    expect(new Set(ids(await queue('clerk1', { processId })))).toEqual(new Set([dueSoon, dueLater]));
    expect(ids(await queue('clerk1', { processId, dueBefore: '2030-02-01T00:00:00Z' }))).toEqual([dueSoon]);
    expect(ids(await queue('clerk1', { processId, dueAfter: '2030-02-01T00:00:00Z' }))).toEqual([dueLater]);
    expect(ids(await queue('clerk1', { processId, priorityMin: 50 }))).toEqual([dueSoon]);
    expect(ids(await queue('clerk1', { processId, priorityMax: 50 }))).toEqual([dueLater]);
    expect(ids(await queue('clerk1', { processId, 'var.amount': '100' }))).toEqual([dueSoon]);
    expect(ids(await queue('clerk1', { processId, 'var.kind': '등본' }))).toEqual([dueLater]);
    expect(ids(await queue('clerk1', { processId, 'var.kind': '없음' }))).toEqual([]);
  });

  it('sorts by due date (undated last), priority or creation, either way', async () => {
    const processId = uniqueProcessId('sorting');
    const instance = await insertProcessInstance(stack, processId);
    const undated = await insertTask(stack, instance, { priority: 90, createdAt: new Date('2030-01-01T00:00:00Z') });
    const early = await insertTask(stack, instance, {
      dueAt: new Date('2030-01-05T00:00:00Z'),
      priority: 10,
      createdAt: new Date('2030-01-03T00:00:00Z'),
    });
    const late = await insertTask(stack, instance, {
      dueAt: new Date('2030-01-09T00:00:00Z'),
      priority: 50,
      createdAt: new Date('2030-01-02T00:00:00Z'),
    });

    expect(ids(await queue('clerk1', { processId }))).toEqual([early, late, undated]);
    expect(ids(await queue('clerk1', { processId, sort: 'due', order: 'desc' }))).toEqual([late, early, undated]);
    expect(ids(await queue('clerk1', { processId, sort: 'priority' }))).toEqual([undated, late, early]);
    expect(ids(await queue('clerk1', { processId, sort: 'created', order: 'asc' }))).toEqual([undated, late, early]);
  });

  it.each(['due', 'priority', 'created'])(
    'pages by %s without a repeat or a gap while tasks are created and completed between pages',
    async (sort) => {
      const processId = uniqueProcessId(`paging-${sort}`);
      const instance = await insertProcessInstance(stack, processId);
      // Ties on every key (two due dates, two priorities, one creation instant) so that the id decides the order.
      const at = new Date('2030-01-01T00:00:00Z');
      const dues = [null, new Date('2030-02-01T00:00:00Z'), new Date('2030-03-01T00:00:00Z')];
      const open: string[] = [];
      for (let i = 0; i < 9; i += 1) {
        open.push(
          await insertTask(stack, instance, { dueAt: dues[i % 3], priority: 40 + (i % 2) * 20, createdAt: at }),
        );
      }
      const first = await queue('clerk1', { processId, sort, limit: 4 });
      expect(first.items).toHaveLength(4);
      expect(first.nextCursor).toEqual(expect.any(String));

      // Between the pages: a task read on page one and one not yet read are completed, and a new one arrives.
      const [readAlready] = ids(first);
      const notYetRead = open.find((id) => !ids(first).includes(id))!;
      await stack.prisma.userTask.updateMany({
        where: { id: { in: [readAlready!, notYetRead] } },
        data: { state: 'COMPLETED' },
      });
      const arrived = await insertTask(stack, instance, { dueAt: dues[1], priority: 60, createdAt: at });

      const seen = [...ids(first)];
      let cursor = first.nextCursor;
      while (cursor) {
        const page = await queue('clerk1', { processId, sort, limit: 4, cursor });
        seen.push(...ids(page));
        cursor = page.nextCursor;
      }
      expect(new Set(seen).size).toBe(seen.length);
      const stillOpen = open.filter((id) => id !== notYetRead);
      for (const id of stillOpen) expect(seen).toContain(id);
      expect(seen).not.toContain(notYetRead);
      // The newcomer sorts somewhere; the pages after the cursor show it only if it sorts after the cursor.
      const all = ids(await queue('clerk1', { processId, sort, limit: 200 }));
      const newcomerAfterFirstPage = all.indexOf(arrived) > all.indexOf(ids(first)[3]!);
      expect(seen.includes(arrived)).toBe(newcomerAfterFirstPage);
    },
  );

  it("follows its instance's classification: hidden once classified, to the cleared and listed only, back once declassified", async () => {
    const processId = uniqueProcessId('classified');
    const instanceId = await insertProcessInstance(stack, processId);
    const clerksTask = await insertTask(stack, instanceId, { assignee: 'clerk1' });
    const leadsTask = await insertTask(stack, instanceId, { assignee: 'lead1' });
    expect(ids(await queue('clerk1', { processId }))).toEqual([clerksTask]);

    // Classified while its tasks are open: lead1 is cleared for II급 but not yet on the need-to-know list.
    await stack.prisma.processInstance.update({ where: { id: instanceId }, data: { classification: 'GRADE_II' } });
    expect(ids(await queue('clerk1', { processId }))).toEqual([]);
    expect(ids(await queue('lead1', { processId }))).toEqual([]);

    const lead1 = await stack.prisma.user.findUniqueOrThrow({ where: { username: 'lead1' } });
    await stack.prisma.needToKnow.create({ data: { instanceId, userId: lead1.id } });
    const laterClerksTask = await insertTask(stack, instanceId, { assignee: 'clerk1' });
    expect(ids(await queue('lead1', { processId }))).toEqual([leadsTask]);
    expect(ids(await queue('clerk1', { processId }))).toEqual([]);

    await stack.prisma.processInstance.update({ where: { id: instanceId }, data: { classification: null } });
    expect(new Set(ids(await queue('clerk1', { processId })))).toEqual(new Set([clerksTask, laterClerksTask]));
  });

  it('refuses a cursor it did not give out, a cursor of another sort, and unknown parameters, with 400', async () => {
    const processId = uniqueProcessId('bad-input');
    const instance = await insertProcessInstance(stack, processId);
    await insertTask(stack, instance);
    await insertTask(stack, instance);
    const { nextCursor } = await queue('clerk1', { processId, limit: 1 });

    const refused = async (query: Record<string, string>) =>
      (await api().get('/api/tasks').query(query).set(as('clerk1')).expect(400)).body as { code: string };
    expect(await refused({ cursor: 'not-a-cursor' })).toMatchObject({ code: 'VALIDATION_FAILED' });
    const forged = { sort: 'due', order: 'asc', key: 'yesterday', id: instance };
    const forgedCursor = Buffer.from(JSON.stringify(forged)).toString('base64url');
    expect(await refused({ cursor: forgedCursor })).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await refused({ cursor: nextCursor!, sort: 'priority' })).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await refused({ scope: 'everyone' })).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await refused({ colour: 'red' })).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await refused({ limit: '0' })).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it("saves a filter, applies it with filter=<id>, and keeps it its owner's alone", async () => {
    const processId = uniqueProcessId('saved');
    const instance = await insertProcessInstance(stack, processId);
    const urgent = await insertTask(stack, instance, { priority: 90 });
    await insertTask(stack, instance, { priority: 10 });

    const created = await api()
      .post('/api/task-filters')
      .set(as('clerk1'))
      .send({ name: '긴급 민원', criteria: { processId, priorityMin: 80, sort: 'priority' } })
      .expect(201);
    const filterId = (created.body as { id: string }).id;
    const listed = await api().get('/api/task-filters').set(as('clerk1')).expect(200);
    expect((listed.body as { items: unknown[] }).items).toEqual([
      expect.objectContaining({
        id: filterId,
        name: '긴급 민원',
        criteria: { processId, priorityMin: 80, sort: 'priority' },
      }),
    ]);
    expect(ids(await queue('clerk1', { filter: filterId }))).toEqual([urgent]);
    // A parameter given with the filter narrows or overrides it.
    expect(ids(await queue('clerk1', { filter: filterId, priorityMin: 0 }))).toHaveLength(2);

    await api().post('/api/task-filters').set(as('clerk1')).send({ name: '긴급 민원', criteria: {} }).expect(409);
    // Two saves of one new name at the same instant: one is kept, the other is told why.
    const racing = await Promise.all(
      [1, 2].map(() => api().post('/api/task-filters').set(as('clerk1')).send({ name: '동시 저장', criteria: {} })),
    );
    expect(racing.map((response) => response.status).sort()).toEqual([201, 409]);
    await api()
      .post('/api/task-filters')
      .set(as('clerk1'))
      .send({ name: 'bad', criteria: { priorityMin: 'high' } })
      .expect(400);
    // Someone else can neither use nor delete it.
    await api().get('/api/tasks').query({ filter: filterId }).set(as('clerk3')).expect(404);
    await api().delete(`/api/task-filters/${filterId}`).set(as('clerk3')).expect(404);
    expect(await stack.prisma.savedFilter.count({ where: { id: filterId } })).toBe(1);
    expect((await api().get('/api/task-filters').set(as('clerk3')).expect(200)).body).toEqual({ items: [] });

    await api().delete(`/api/task-filters/${filterId}`).set(as('clerk1')).expect(204);
    expect(await stack.prisma.savedFilter.count({ where: { id: filterId } })).toBe(0);
  });
});
