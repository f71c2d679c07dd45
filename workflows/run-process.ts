/**
 * The interpreter workflow: one per process instance. It walks the compiled graph with the token runner, answers
 * task completions, incident resolutions, messages and signals, and projects the end of the instance to the index.
 */
import {
  ApplicationFailure,
  CancellationScope,
  ContinueAsNew,
  allHandlersFinished,
  condition,
  continueAsNew,
  isCancellation,
  setHandler,
} from '@temporalio/workflow';
import {
  FailureType,
  calendarChangedSignal,
  cancelInstanceUpdate,
  childEscalationSignal,
  completeTaskUpdate,
  deliverMessageSignal,
  deliverSignalSignal,
  jobOutcomeUpdate,
  openTasksQuery,
  resolveIncidentUpdate,
  resumeInstanceUpdate,
  suspendInstanceUpdate,
  variablesQuery,
  type CancelInstanceInput,
  type CompleteTaskInput,
  type JobOutcomeInput,
  type ProcessInput,
  type ProcessResult,
  type ResolveIncidentInput,
  type SuspendInstanceInput,
} from '../shared/workflow-contract';
import { instanceIndex, projectionsAreLocal } from './activities';
import { continueAsNewDue } from './continue-as-new';
import { isIncident } from './incidents';
import { InstanceChanges } from './instance-changes';
import { LegalTime } from './legal-time';
import { startRun } from './patches';
import { ProcessRunner } from './runner';

export async function runProcess(input: ProcessInput): Promise<ProcessResult> {
  startRun(input);
  const legalTime = new LegalTime(input.instanceId, input.calendar);
  const runner = new ProcessRunner(input, legalTime);

  setHandler(
    completeTaskUpdate,
    async (completion) => {
      await runner.userTasks.complete(completion);
      return { taskId: completion.taskId };
    },
    {
      validator: (completion: CompleteTaskInput) => {
        runner.suspension.refuseWhileSuspended();
        runner.userTasks.validate(completion);
      },
    },
  );
  setHandler(jobOutcomeUpdate, (outcome) => runner.externalJobs.deliver(outcome), {
    validator: (outcome: JobOutcomeInput) => runner.externalJobs.validate(outcome),
  });
  setHandler(resolveIncidentUpdate, (resolution) => runner.incidents.resolve(resolution), {
    validator: (resolution: ResolveIncidentInput) => {
      runner.suspension.refuseWhileSuspended();
      runner.incidents.validate(resolution);
      runner.variablesLimit.refuse(`the resolution of incident ${resolution.incidentId}`, resolution.variables);
    },
  });
  setHandler(suspendInstanceUpdate, (request) => runner.suspension.suspend(request), {
    validator: (_request: SuspendInstanceInput) => runner.suspension.validateSuspend(),
  });
  setHandler(resumeInstanceUpdate, (request) => runner.suspension.resume(request), {
    validator: (_request: SuspendInstanceInput) => runner.suspension.validateResume(),
  });
  setHandler(deliverMessageSignal, (delivery) => runner.events.deliverMessage(delivery));
  setHandler(deliverSignalSignal, (delivery) => runner.events.deliverSignal(delivery));
  setHandler(childEscalationSignal, (escalation) => runner.childEscalated(escalation));
  setHandler(calendarChangedSignal, (overrides) => legalTime.update(overrides));
  setHandler(openTasksQuery, () => runner.userTasks.openTaskIds());
  setHandler(variablesQuery, () => runner.currentVariables());
  const changes = new InstanceChanges(input, runner);
  changes.register();

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
    await Promise.race([runner.run(), continueAsNewWhenDue(input, runner, legalTime, changes)]);
  } catch (error) {
    if (error instanceof ContinueAsNew) throw error;
    await CancellationScope.nonCancellable(() => projectFailure(input, runner, error, cancellation));
    throw error;
  }

  const endElementId = runner.lastEndElementId() ?? '';
  await instanceIndex.completeInstance({
    instanceId: input.instanceId,
    endElementId,
    variables: runner.currentVariables(),
  });
  // Let an in-flight update return its result before the workflow closes.
  await condition(allHandlersFinished);
  return { endElementId, variables: runner.currentVariables() };
}

/**
 * Continues as new once history has grown long and every token waits where a new run can pick it up
 * (continue-as-new.ts), or an operator's change awaits it (instance-changes.ts). Never cancelled itself: instance
 * cancellation ends the tokens, and the run with them.
 */
async function continueAsNewWhenDue(
  input: ProcessInput,
  runner: ProcessRunner,
  legalTime: LegalTime,
  changes: InstanceChanges,
): Promise<never> {
  await CancellationScope.nonCancellable(() =>
    condition(
      () => (continueAsNewDue(input) || changes.isPending()) && runner.canContinueAsNew() && allHandlersFinished(),
    ),
  );
  return continueAsNew<typeof runProcess>({
    ...changes.nextInput(input, runner.snapshot()),
    variables: {},
    startElementId: undefined,
    calendar: legalTime.snapshot().overrides,
    // The next run starts on this code, which has every patch up to 'lean-projections'.
    startedLean: projectionsAreLocal() || undefined,
  });
}

/** Records in the index why the instance stopped: cancelled, or a BPMN error handed to the calling process. */
async function projectFailure(
  input: ProcessInput,
  runner: ProcessRunner,
  error: unknown,
  cancellation: CancelInstanceInput | undefined,
): Promise<void> {
  const variables = runner.currentVariables();
  if (isCancellation(error)) {
    const { reason, cancelledBy } = cancellation ?? { reason: 'cancelled in Temporal', cancelledBy: undefined };
    await instanceIndex.cancelInstance({ instanceId: input.instanceId, reason, cancelledBy, variables });
  } else if (error instanceof ApplicationFailure && error.type === FailureType.BpmnError) {
    await instanceIndex.cancelInstance({
      instanceId: input.instanceId,
      reason: error.message,
      cancelledBy: undefined,
      variables,
    });
  } else if (isIncident(error)) {
    // Only an event sub-process start that cannot be evaluated gets here; element incidents wait in the runner.
    const elementId = (error.details?.[0] as { elementId?: string } | undefined)?.elementId ?? '';
    await instanceIndex.recordIncident({ instanceId: input.instanceId, elementId, message: error.message });
  }
}

function validateCancellation(request: CancelInstanceInput): void {
  if (typeof request.reason !== 'string' || request.reason.trim() === '') {
    throw ApplicationFailure.create({ type: FailureType.InvalidVariables, message: 'A cancellation needs a reason.' });
  }
}
