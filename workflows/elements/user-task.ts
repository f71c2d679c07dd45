import { CancellationScope, isCancellation, uuid4 } from '@temporalio/workflow';
import type { CompleteTaskInput } from '../../shared/messages';
import { projections } from '../activities';
import { applyMappings, incident, outputVariables, resolveList, resolveValue } from '../scope';
import type { ElementBehaviour } from './behaviour';

const DEFAULT_PRIORITY = 50;

/**
 * User task: writes a work-queue row, waits for the completeTask update, applies the submitted variables, closes
 * the row. The task id is generated deterministically, so a replay and a retried activity agree on it.
 */
export const userTask: ElementBehaviour<'userTask'> = {
  execute: async (element, ctx) => {
    const local = { ...ctx.variables(), ...applyMappings(element.id, element.inputs, ctx.variables()) };
    const taskId = uuid4();
    const priority = Number(resolveValue(element.id, element.priority, local) ?? DEFAULT_PRIORITY);
    if (!Number.isInteger(priority) || priority < 0 || priority > 100) {
      throw incident(element.id, `the priority must be a whole number from 0 to 100, got ${String(priority)}`);
    }
    ctx.userTasks.register(taskId);
    // The row is written even if a boundary event interrupts meanwhile, so that the cancellation below finds it.
    await CancellationScope.nonCancellable(() => projections.createUserTask({
      taskId,
      instanceId: ctx.instanceId,
      elementId: element.id,
      elementInstanceId: ctx.elementInstanceId,
      name: element.name ?? element.id,
      assignee: optionalString(resolveValue(element.id, element.assignee, local)),
      candidateGroups: resolveList(element.id, element.candidateGroups, local),
      candidateUsers: resolveList(element.id, element.candidateUsers, local),
      dueAt: optionalString(resolveValue(element.id, element.dueDate, local)),
      followUpAt: optionalString(resolveValue(element.id, element.followUpDate, local)),
      priority,
      form: element.form,
    }));

    let completion: CompleteTaskInput;
    try {
      completion = await ctx.userTasks.waitForCompletion(taskId);
    } catch (error) {
      if (isCancellation(error)) {
        // Interrupted (a boundary event, a cancelled instance): take the task out of the queues.
        ctx.userTasks.close(taskId);
        await CancellationScope.nonCancellable(() => projections.cancelUserTask({ taskId }));
      }
      throw error;
    }
    ctx.setVariables(outputVariables(element.id, element.outputs, completion.variables, local));
    await projections.completeUserTask({
      taskId,
      instanceId: ctx.instanceId,
      completedBy: completion.completedBy,
      result: completion.variables,
      variables: ctx.variables(),
    });
    ctx.userTasks.close(taskId);
    return { flows: element.outgoing };
  },
};

function optionalString(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
