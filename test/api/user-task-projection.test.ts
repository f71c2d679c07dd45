/**
 * The task row the createUserTask projection writes in one statement: what the queue shows of it (candidates,
 * dates to the millisecond, form), where in the org chart it lands, and that a retried activity changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { createUserTaskActivities, type CreateUserTaskInput } from '../../activities/user-tasks';
import { uniqueProcessId } from '../support/bpmn';
import { startTestStack, type TestStack } from '../support/stack';
import { insertProcessInstance, orgUnitId } from '../support/tasks';

describe('createUserTask projection', () => {
  let stack: TestStack;
  const createdAt = new Date('2026-03-02T00:15:30.123Z');
  const activities = () => createUserTaskActivities({ prisma: stack.prisma, now: () => createdAt } as never);
  const input = (instanceId: string, fields: Partial<CreateUserTaskInput> = {}): CreateUserTaskInput => ({
    taskId: randomUUID(),
    instanceId,
    elementId: 'review',
    elementInstanceId: randomUUID(),
    name: '민원 검토',
    candidateGroups: [],
    candidateUsers: [],
    priority: 50,
    ...fields,
  });

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.stop());

  it('writes the task as the queue reads it, in the unit of its first candidate group, once however often retried', async () => {
    const instanceId = await insertProcessInstance(stack, uniqueProcessId('projection'));
    const task = input(instanceId, {
      candidateGroups: ['no-such-group', 'civil-affairs'],
      candidateUsers: ['clerk3'],
      dueAt: '2026-03-09T08:59:59.999Z',
      followUpAt: '2026-03-05T00:00:00.000Z',
      priority: 80,
      form: { formId: 'petition-review' },
    });

    await activities().createUserTask(task);
    await activities().createUserTask({ ...task, taskId: randomUUID(), name: 'retried' });

    const rows = await stack.prisma.userTask.findMany({ where: { processInstanceId: instanceId } });
    expect(rows).toEqual([
      expect.objectContaining({
        id: task.taskId,
        name: '민원 검토',
        state: 'CREATED',
        assignee: null,
        candidateGroups: ['no-such-group', 'civil-affairs'],
        candidateUsers: ['clerk3'],
        dueAt: new Date('2026-03-09T08:59:59.999Z'),
        followUpAt: new Date('2026-03-05T00:00:00.000Z'),
        priority: 80,
        form: { formId: 'petition-review' },
        orgUnitId: await orgUnitId(stack, 'civil-affairs'),
        createdAt,
      }),
    ]);
  });

  it("places a task offered to no one in its instance's unit, and an assigned one in none", async () => {
    const instanceId = await insertProcessInstance(stack, uniqueProcessId('projection'));
    const unit = await orgUnitId(stack, 'general-affairs');
    await stack.prisma.processInstance.update({ where: { id: instanceId }, data: { orgUnitId: unit } });
    const unassigned = input(instanceId);
    const assigned = input(instanceId, { assignee: 'clerk1' });

    await activities().createUserTask(unassigned);
    await activities().createUserTask(assigned);

    const unitOf = async (id: string) => (await stack.prisma.userTask.findUniqueOrThrow({ where: { id } })).orgUnitId;
    expect(await unitOf(unassigned.taskId)).toBe(unit);
    expect(await unitOf(assigned.taskId)).toBeNull();
    expect((await stack.prisma.userTask.findUniqueOrThrow({ where: { id: assigned.taskId } })).dueAt).toBeNull();
  });
});
