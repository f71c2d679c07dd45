import { CancellationScope, condition, isCancellation, uuid4 } from '@temporalio/workflow';
import type { Variables } from '../../shared/feel';
import type { UserTaskElement } from '../../shared/graph';
import type { CompleteTaskInput } from '../../shared/workflow-contract';
import { workQueue } from '../activities';
import { applyMappings, outputVariables, resolveList, resolveValue } from '../feel-mappings';
import { incident } from '../incidents';
import { hasTaskListeners, runTaskListeners } from '../listeners';
import type { ElementBehaviour, ElementContext } from './behaviour';

const DEFAULT_PRIORITY = 50;

/**
 * User task: writes a work-queue row, waits for the completeTask update, applies the submitted variables, closes
 * the row. The task id is generated deterministically, so a replay and a retried activity agree on it.
 */
export const userTask: ElementBehaviour<'userTask'> = {
  execute: async (element, ctx) => {
    const carried = ctx.element.resumed as ParkedUserTask | undefined;
    const { taskId, local, dueAt } = carried ?? (await createTask(element, ctx));
    if (carried) ctx.waits.userTasks.register(taskId);
    // While the task waits for a person, the instance may continue as new: the new run waits on the same row.
    ctx.waits.park({ taskId, local, dueAt } satisfies ParkedUserTask);

    let completion: CompleteTaskInput;
    try {
      completion = await awaitCompletion(element, ctx, taskId, local, dueAt);
      ctx.waits.unpark();
      // Completing listeners run before the task completes; the person's request waits for them.
      if (hasTaskListeners(element, 'completing'))
        await runTaskListeners(element, ctx, 'completing', { ...ctx.variables.read(), ...completion.variables });
    } catch (error) {
      ctx.waits.unpark();
      if (isCancellation(error)) {
        // Interrupted (a boundary event, a cancelled instance): take the task out of the queues.
        ctx.waits.userTasks.close(taskId);
        await CancellationScope.nonCancellable(() => workQueue.cancelUserTask({ taskId }));
      }
      throw error;
    }
    ctx.variables.set(
      outputVariables(element.id, element.outputs, completion.variables, {
        ...local,
        ...ctx.waits.legalTime.feelFunctions(),
      }),
    );
    await workQueue.completeUserTask({
      taskId,
      instanceId: ctx.instance.id,
      completedBy: completion.completedBy,
      result: completion.variables,
      variables: ctx.variables.read(),
    });
    ctx.waits.userTasks.close(taskId);
    return { flows: element.outgoing };
  },
};

/** What a waiting user task carries over to a new run (continue-as-new). */
interface ParkedUserTask {
  taskId: string;
  local: Variables;
  dueAt?: string;
}

/** Writes the work-queue row (idempotent by task id) and registers the wait for its completion. */
async function createTask(element: UserTaskElement, ctx: ElementContext): Promise<ParkedUserTask> {
  const local = {
    ...ctx.variables.feelScope(),
    ...applyMappings(element.id, element.inputs, ctx.variables.feelScope()),
  };
  const taskId = uuid4();
  const priority = Number(resolveValue(element.id, element.priority, local) ?? DEFAULT_PRIORITY);
  if (!Number.isInteger(priority) || priority < 0 || priority > 100) {
    throw incident(element.id, `the priority must be a whole number from 0 to 100, got ${String(priority)}`);
  }
  const dueAt = optionalString(resolveValue(element.id, element.dueDate, local));
  const assignee = optionalString(resolveValue(element.id, element.assignee, local));
  // The task reaches the queues only once its creating (and, with a modelled assignee, assigning) listeners are done.
  if (hasTaskListeners(element, 'creating')) await runTaskListeners(element, ctx, 'creating', withoutFunctions(local));
  if (assignee && hasTaskListeners(element, 'assigning'))
    await runTaskListeners(element, ctx, 'assigning', withoutFunctions(local));
  ctx.waits.userTasks.register(taskId);
  // The row is written even if a boundary event interrupts meanwhile, so that the cancellation that follows finds it.
  await CancellationScope.nonCancellable(() =>
    workQueue.createUserTask({
      taskId,
      instanceId: ctx.instance.id,
      elementId: element.id,
      elementInstanceId: ctx.element.instanceId,
      name: element.name ?? element.id,
      assignee,
      candidateGroups: resolveList(element.id, element.candidateGroups, local),
      candidateUsers: resolveList(element.id, element.candidateUsers, local),
      dueAt,
      followUpAt: optionalString(resolveValue(element.id, element.followUpDate, local)),
      priority,
      form: element.form,
    }),
  );
  return { taskId, local: withoutFunctions(local), dueAt };
}

/** The FEEL functions in scope (legal deadline) are added at every evaluation; only data is carried over. */
function withoutFunctions(variables: Variables): Variables {
  return Object.fromEntries(Object.entries(variables).filter(([, value]) => typeof value !== 'function'));
}

/**
 * Waits for the task's completion. A due date given by FEEL may count legal time: when the business calendar
 * changes meanwhile, it is evaluated again and the task row follows it.
 */
async function awaitCompletion(
  element: UserTaskElement,
  ctx: ElementContext,
  taskId: string,
  carriedLocal: Variables,
  dueAt: string | undefined,
): Promise<CompleteTaskInput> {
  if (element.dueDate?.kind !== 'feel') return ctx.waits.userTasks.waitForCompletion(taskId);
  const local = { ...carriedLocal, ...ctx.waits.legalTime.feelFunctions() };
  let current = dueAt;
  for (;;) {
    const version = ctx.waits.legalTime.version;
    await condition(
      () => ctx.waits.userTasks.completionOf(taskId) !== undefined || ctx.waits.legalTime.version !== version,
    );
    const completion = ctx.waits.userTasks.completionOf(taskId);
    if (completion) return completion;
    const moved = optionalString(resolveValue(element.id, element.dueDate, local));
    if (moved !== current && moved !== undefined) {
      await workQueue.updateUserTaskDueDate({ taskId, dueAt: moved });
      await ctx.waits.legalTime.recordMove(element.id, 'due date', current ?? '', moved);
      current = moved;
    }
  }
}

function optionalString(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
