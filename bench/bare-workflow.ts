/**
 * Arm B of the benchmark: processes/demo-approval.bpmn written by hand as one Temporal workflow, the way the
 * Temporal samples write one (samples-typescript hello-world, activities-dependency-injection,
 * message-passing/safe-message-handlers): activities proxied as types, an update with a validator whose handler
 * does the update's own work, `condition` for the wait, the gateway as an `if`, and `allHandlersFinished` before
 * returning. It uses the engine's activities with the interpreter's activity options (its projections as local
 * activities) and writes the same task row, so the only difference from arm A is the interpreter itself (graph walking, FEEL, the element registry).
 *
 * Sandbox code: the same rules as workflows/ (no Node built-ins; activities imported as types only).
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  uuid4,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { Variables } from '../shared/feel';
import {
  FailureType,
  completeTaskUpdate,
  type CompleteTaskInput,
  type ProcessResult,
} from '../shared/workflow-contract';

// The same options as workflows/activities.ts: projections are local activities retried until the database
// answers, and the send-email job is an activity with the model's retries="5".
const projections = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});
const jobs = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 5, initialInterval: '1 second', backoffCoefficient: 2 },
});

export interface BareApprovalInput {
  instanceId: string;
  variables: Variables;
}

export async function bareApproval({ instanceId, variables }: BareApprovalInput): Promise<ProcessResult> {
  const taskId = uuid4();
  let vars = variables;
  let completion: CompleteTaskInput | undefined;
  let taskClosed = false;

  setHandler(
    completeTaskUpdate,
    async (input) => {
      completion = input;
      vars = { ...vars, ...input.variables };
      await projections.completeUserTask({
        taskId,
        instanceId,
        completedBy: input.completedBy,
        result: input.variables,
        variables: vars,
      });
      taskClosed = true;
      return { taskId };
    },
    {
      validator: (input: CompleteTaskInput) => {
        if (input.taskId !== taskId || completion) {
          throw ApplicationFailure.create({
            type: FailureType.TaskNotOpen,
            message: `Task ${input.taskId} is not open for completion.`,
          });
        }
        if (typeof input.variables !== 'object' || input.variables === null || Array.isArray(input.variables)) {
          throw ApplicationFailure.create({
            type: FailureType.InvalidVariables,
            message: 'Task variables must be a JSON object.',
          });
        }
      },
    },
  );

  // Review request: the work-queue row the bot finds, then wait for the completeTask update to close it.
  await projections.createUserTask({
    taskId,
    instanceId,
    elementId: 'review-request',
    elementInstanceId: 'review-request',
    name: 'Review request',
    candidateGroups: ['civil-affairs'],
    candidateUsers: [],
    priority: 50,
    form: { formId: 'demo-review' },
  });
  await condition(() => taskClosed);

  // Approved? (the exclusive gateway) → send the result email, or end as rejected.
  let endElementId = 'request-rejected';
  if (vars.approved === true) {
    const note = typeof vars.comment === 'string' ? ` Reviewer note: ${vars.comment}` : '';
    const sent = await jobs.runJob({
      jobType: 'send-email',
      idempotencyKey: `${instanceId}:send-result-email`,
      headers: {},
      variables: {
        to: vars.applicantEmail,
        subject: '[On-Nara] Your request has been approved',
        text: `Your request was approved.${note}`,
      },
    });
    vars = { ...vars, ...sent };
    endElementId = 'request-approved';
  }

  await projections.completeInstance({ instanceId, endElementId, variables: vars });
  await condition(allHandlersFinished);
  return { endElementId, variables: vars };
}
