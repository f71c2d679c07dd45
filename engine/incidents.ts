/** Resolving an incident: the instance's workflow sets the variables given and runs the stopped element again. */
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Incident } from '../prisma/generated/client';
import { AppError } from '../shared/app-error';
import type { Variables } from '../shared/feel';
import { FailureType, resolveIncidentUpdate } from '../shared/workflow-contract';
import type { EngineDeps } from './deps';
import { mergeIntoSnapshot, recordResolveVariables, withdrawVariableChanges } from './variable-changes';
import { suspendedInstanceError } from './suspension';
import { refuseOversizedVariables } from './variables-limit';

/** Returns the incident row as the workflow left it: RESOLVED. */
export async function resolveIncident(
  deps: EngineDeps,
  input: {
    incident: Pick<Incident, 'id' | 'processInstanceId' | 'state'>;
    variables?: Variables;
    resolvedBy: string;
  },
): Promise<Incident> {
  const { id, processInstanceId, state } = input.incident;
  refuseOversizedVariables(`the resolution of incident ${id}`, input.variables);
  if (state !== 'OPEN')
    throw new AppError('CONFLICT', `Incident ${id} is ${state.toLowerCase()}; only open incidents can be resolved.`);
  const variables = input.variables && Object.keys(input.variables).length ? input.variables : undefined;
  const recorded = variables
    ? await recordResolveVariables(deps.prisma, {
        instanceId: processInstanceId,
        incidentId: id,
        variables,
        resolvedBy: input.resolvedBy,
        at: new Date(),
      })
    : [];
  try {
    await deps.temporal.workflow.getHandle(processInstanceId).executeUpdate(resolveIncidentUpdate, {
      args: [{ incidentId: id, variables: input.variables, resolvedBy: input.resolvedBy }],
    });
  } catch (error) {
    await withdrawVariableChanges(deps.prisma, recorded);
    throw toResolveError(error, id);
  }
  if (variables) await mergeIntoSnapshot(deps.prisma, processInstanceId, variables);
  return deps.prisma.incident.findUniqueOrThrow({ where: { id } });
}

function toResolveError(error: unknown, id: string): unknown {
  const suspended = suspendedInstanceError(error);
  if (suspended) return suspended;
  if (error instanceof WorkflowNotFoundError)
    return new AppError('CONFLICT', `The instance of incident ${id} has already ended.`);
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    if (error.cause.type === FailureType.IncidentNotOpen)
      return new AppError('CONFLICT', `Incident ${id} is no longer open.`);
    if (error.cause.type === FailureType.InvalidVariables)
      return new AppError('VALIDATION_FAILED', error.cause.message);
    if (error.cause.type === FailureType.VariablesTooLarge)
      return new AppError('VARIABLES_TOO_LARGE', `Refused: ${error.cause.message}.`);
  }
  return error;
}
