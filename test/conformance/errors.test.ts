import { startTestStack, type TestStack } from '../support/stack';
import { completedPath, deployModel, elementHistory, start } from './support';

describe('BPMN errors', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
    await deployModel(stack, 'error-end-in-sub-process');
  });
  afterAll(() => stack.stop());

  it('an error end event in a sub-process is caught by the error boundary event on that sub-process', async () => {
    // given a document without pages
    const { instanceId, result } = await start(stack, 'error-end-in-sub-process', { pages: 0 });
    // then the sub-process ends at its error end event and the token leaves by the boundary
    const { endElementId, variables } = await result();
    expect(endElementId).toBe('returned');
    expect(variables).toMatchObject({ valid: false, errorMessage: 'Document invalid' });
    expect(await completedPath(stack, instanceId)).toEqual(['start', 'review-start', 'check', 'valid-gateway', 'invalid-end', 'on-invalid', 'returned']);
    const review = (await elementHistory(stack, instanceId)).find((row) => row.elementId === 'review');
    expect(review?.state).toBe('TERMINATED');
  });

  it('without the error the sub-process completes and the token takes the normal flow', async () => {
    const { instanceId, result } = await start(stack, 'error-end-in-sub-process', { pages: 3 });
    expect((await result()).endElementId).toBe('accepted');
    const history = await elementHistory(stack, instanceId);
    const review = history.find((row) => row.elementId === 'review');
    expect(review?.state).toBe('COMPLETED');
    // the elements inside record the sub-process instance as their scope
    expect(history.find((row) => row.elementId === 'check')?.scopeInstanceId).toBe(review?.elementInstanceId);
  });
});
