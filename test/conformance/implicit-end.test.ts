/**
 * Zeebe's implicit end ("None events": an activity with no outgoing sequence flow behaves as if it were connected
 * to a none end event): the path ends there, and the instance completes once no other path is active.
 */
import { completeTask, deployModel, instanceInState, start } from '../support/instances';
import { startTestStack, type TestStack } from '../support/stack';

jest.setTimeout(60_000);

describe('a path that ends without an end event', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
    await deployModel(stack, 'implicit-end');
  });
  afterAll(() => stack.stop());

  it('ends at a task with no outgoing flow, and the instance waits for its other path before completing', async () => {
    const { instanceId, result } = await start(stack, 'implicit-end');

    await completeTask(stack, instanceId, 'review');

    await expect(result()).resolves.toMatchObject({ variables: { noted: 'noted' } });
    await instanceInState(stack, instanceId, 'COMPLETED');
  });

  it('completes a process that is only a start event', async () => {
    const { instanceId, result } = await start(stack, 'start-only');

    await result();
    await instanceInState(stack, instanceId, 'COMPLETED');
  });
});
