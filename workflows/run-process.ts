/**
 * The interpreter workflow: one per process instance. It walks the compiled graph with the token runner, answers
 * completeTask updates, and projects the end of the instance (or its incident) to the instance index.
 */
import { ApplicationFailure, CancellationScope, allHandlersFinished, condition, isCancellation, setHandler } from '@temporalio/workflow';
import {
  FailureType,
  calendarChangedSignal,
  cancelInstanceUpdate,
  completeTaskUpdate,
  openTasksQuery,
  variablesQuery,
  type CancelInstanceInput,
  type CompleteTaskInput,
  type ProcessInput,
  type ProcessResult,
} from '../shared/messages';
import { projections } from './activities';
import { LegalTime } from './legal-time';
import { ProcessRunner } from './runner';

export async function runProcess(input: ProcessInput): Promise<ProcessResult> {
  const legalTime = new LegalTime(input.instanceId, input.calendar);
  const runner = new ProcessRunner(input.instanceId, input.graph, input.variables, legalTime);

  setHandler(
    completeTaskUpdate,
    async (completion) => {
      await runner.userTasks.complete(completion);
      return { taskId: completion.taskId };
    },
    { validator: (completion: CompleteTaskInput) => runner.userTasks.validate(completion) },
  );
  setHandler(calendarChangedSignal, (overrides) => legalTime.update(overrides));
  setHandler(openTasksQuery, () => runner.userTasks.openTaskIds());
  setHandler(variablesQuery, () => runner.currentVariables());

  // Cancelling is Temporal's own workflow cancellation, which reaches every token (open tasks are withdrawn,
  // timers stop); the API first hands over the reason with this update.
  let cancellation: CancelInstanceInput | undefined;
  setHandler(
    cancelInstanceUpdate,
    (request) => {
      cancellation ??= request;
    },
    { validator: (request: CancelInstanceInput) => validateCancellation(request) },
  );

  try {
    await runner.run();
  } catch (error) {
    if (isCancellation(error)) {
      const { reason, cancelledBy } = cancellation ?? { reason: 'cancelled in Temporal', cancelledBy: undefined };
      await CancellationScope.nonCancellable(() => projections.cancelInstance({ instanceId: input.instanceId, reason, cancelledBy, variables: runner.currentVariables() }));
    }
    if (error instanceof ApplicationFailure && error.type === FailureType.Incident) {
      const elementId = (error.details?.[0] as { elementId?: string } | undefined)?.elementId ?? [...runner.activeElements.values()][0] ?? '';
      await projections.recordIncident({ instanceId: input.instanceId, elementId, message: error.message });
    }
    throw error;
  }

  const endElementId = runner.lastEndElementId() ?? '';
  await projections.completeInstance({ instanceId: input.instanceId, endElementId, variables: runner.currentVariables() });
  // Let an in-flight completeTask update return its result before the workflow closes.
  await condition(allHandlersFinished);
  return { endElementId, variables: runner.currentVariables() };
}

function validateCancellation(request: CancelInstanceInput): void {
  if (typeof request.reason !== 'string' || request.reason.trim() === '') {
    throw ApplicationFailure.create({ type: FailureType.InvalidVariables, message: 'A cancellation needs a reason.' });
  }
}
