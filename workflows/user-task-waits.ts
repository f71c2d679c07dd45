/**
 * The user tasks an instance is waiting on, and the completeTask update that ends each wait. The validator runs
 * inside the workflow, so "already completed" is decided by the only authority on process state.
 */
import { ApplicationFailure, condition } from '@temporalio/workflow';
import type { Variables } from '../shared/feel';
import { FailureType, type CompleteTaskInput } from '../shared/workflow-contract';

interface OpenTask {
  completion?: CompleteTaskInput;
}

export class UserTaskWaits {
  private readonly open = new Map<string, OpenTask>();

  openTaskIds(): string[] {
    return [...this.open.keys()];
  }

  register(taskId: string): void {
    this.open.set(taskId, {});
  }

  /** Update validator: rejects before anything is written to history. */
  validate(input: CompleteTaskInput): void {
    const task = this.open.get(input.taskId);
    if (!task || task.completion) {
      throw ApplicationFailure.create({
        type: FailureType.TaskNotOpen,
        message: `Task ${input.taskId} is not open for completion.`,
      });
    }
    if (!isPlainObject(input.variables)) {
      throw ApplicationFailure.create({
        type: FailureType.InvalidVariables,
        message: 'Task variables must be a JSON object.',
      });
    }
  }

  /** Update handler: hands the completion to the waiting element and returns once the task row is closed. */
  async complete(input: CompleteTaskInput): Promise<void> {
    const task = this.open.get(input.taskId);
    if (!task) return;
    task.completion = input;
    await condition(() => !this.open.has(input.taskId));
  }

  /** The completion handed in for a task, if any yet. */
  completionOf(taskId: string): CompleteTaskInput | undefined {
    return this.open.get(taskId)?.completion;
  }

  async waitForCompletion(taskId: string): Promise<CompleteTaskInput> {
    let completion: CompleteTaskInput | undefined;
    await condition(() => (completion = this.open.get(taskId)?.completion) !== undefined);
    return completion as CompleteTaskInput;
  }

  close(taskId: string): void {
    this.open.delete(taskId);
  }
}

function isPlainObject(value: unknown): value is Variables {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
