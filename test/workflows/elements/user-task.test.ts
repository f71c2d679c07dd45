import type { ElementOfType } from '../../../shared/graph';
import { workQueue } from '../../../workflows/activities';
import { userTask } from '../../../workflows/elements/user-task';
import { fakeElementContext } from '../../support/fake-element-context';

jest.mock('../../../workflows/activities', () => ({
  workQueue: { createUserTask: jest.fn(), completeUserTask: jest.fn(), cancelUserTask: jest.fn() },
}));

const completeUserTask = jest.mocked(workQueue.completeUserTask);
const createUserTask = jest.mocked(workQueue.createUserTask);

const task = (overrides: Partial<ElementOfType<'userTask'>> = {}): ElementOfType<'userTask'> => ({
  id: 'approve',
  type: 'userTask',
  incoming: ['in'],
  outgoing: ['out'],
  inputs: [],
  outputs: [],
  ...overrides,
});

/** A task carried over by continue-as-new: its row exists, its locals were evaluated in the previous run. */
const carried = { taskId: 'task-1', local: { amount: 300 }, dueAt: '2026-03-02T09:00:00.000Z' };

beforeEach(() => {
  completeUserTask.mockReset().mockResolvedValue(undefined);
  createUserTask.mockReset().mockResolvedValue(undefined);
});

describe('user task', () => {
  it('waits again on the row a previous run created, parked for the next continue-as-new', async () => {
    // given a task carried over by continue-as-new, and its completion by kim
    const { ctx, recorded } = fakeElementContext({
      resumed: carried,
      completions: { 'task-1': { taskId: 'task-1', completedBy: 'kim', variables: { approved: true } } },
    });
    // when it runs
    const leave = await userTask.execute(task(), ctx);
    // then no new row is written: the same task is registered and parked with what it carries
    expect(createUserTask).not.toHaveBeenCalled();
    expect(recorded.registeredTasks).toEqual(['task-1']);
    expect(recorded.parked).toEqual([carried]);
    expect(recorded.unparked).toBe(1);
    // and the completion's variables are set, the row closed with them, the wait closed
    expect(recorded.sets).toEqual([{ approved: true }]);
    expect(completeUserTask).toHaveBeenCalledWith({
      taskId: 'task-1',
      instanceId: 'instance-1',
      completedBy: 'kim',
      result: { approved: true },
      variables: { approved: true },
    });
    expect(recorded.closedTasks).toEqual(['task-1']);
    expect(leave).toEqual({ flows: ['out'] });
  });

  it('evaluates its output mappings against the task locals it was created with', async () => {
    // given a carried task whose local amount (300) differs from the scope's (1)
    const { ctx, recorded } = fakeElementContext({
      variables: { amount: 1 },
      resumed: carried,
      completions: { 'task-1': { taskId: 'task-1', completedBy: 'kim', variables: { approved: true } } },
    });
    // when it completes with an output mapping over both
    await userTask.execute(task({ outputs: [{ source: 'approved and amount > 100', target: 'granted' }] }), ctx);
    // then the mapping saw the task's local amount
    expect(recorded.sets).toEqual([{ granted: true }]);
  });

  it('raises an incident before writing a row when the priority is out of range', async () => {
    // given a new task with priority 200
    const { ctx, recorded } = fakeElementContext();
    // when it runs
    const ran = userTask.execute(task({ priority: { kind: 'static', value: '200' } }), ctx);
    // then it stops with an incident and no task exists
    await expect(ran).rejects.toMatchObject({ type: 'Incident', details: [{ elementId: 'approve' }] });
    expect(recorded.registeredTasks).toEqual([]);
    expect(createUserTask).not.toHaveBeenCalled();
  });
});
