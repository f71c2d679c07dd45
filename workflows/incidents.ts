/**
 * Incidents: an element that cannot go on (a job out of retries, a FEEL error, no gateway path) stops with an
 * incident row and waits. An operator resolves it (the element runs again, with any variables they set first)
 * or cancels the instance. A modelling or data error therefore never fails the workflow or retries forever.
 */
import { ActivityFailure, ApplicationFailure, condition, uuid4 } from '@temporalio/workflow';
import type { Variables } from '../shared/feel';
import { FailureType, type ResolveIncidentInput } from '../shared/workflow-contract';
import { instanceIndex } from './activities';

interface OpenIncident {
  resolution?: ResolveIncidentInput;
  /** Set once the incident row is resolved, so the update can answer. */
  closed?: boolean;
}

/** A modelling or data problem at one element: the instance stops there with an incident, never retries blindly. */
export function incident(elementId: string, message: string): ApplicationFailure {
  return ApplicationFailure.create({
    type: FailureType.Incident,
    message,
    nonRetryable: true,
    details: [{ elementId }],
  });
}

/**
 * The incident an engine activity's permanent failure makes at the element (its message says what is wrong), or
 * undefined for any other error. A full activity's failure arrives wrapped in an ActivityFailure, a local
 * activity's as the activity threw it.
 */
export function activityIncident(elementId: string, error: unknown): ApplicationFailure | undefined {
  if (error instanceof ApplicationFailure)
    return error.type === FailureType.Incident ? undefined : incident(elementId, error.message);
  if (error instanceof ActivityFailure) return incident(elementId, error.cause?.message ?? error.message);
  return undefined;
}

export function isIncident(error: unknown): error is ApplicationFailure {
  return error instanceof ApplicationFailure && error.type === FailureType.Incident;
}

export class IncidentWaits {
  private readonly open = new Map<string, OpenIncident>();

  /** Update validator: only an open incident can be resolved, and variables must be an object. */
  validate(input: ResolveIncidentInput): void {
    const incident = this.open.get(input.incidentId);
    if (!incident || incident.resolution) {
      throw ApplicationFailure.create({
        type: FailureType.IncidentNotOpen,
        message: `Incident ${input.incidentId} is not open.`,
      });
    }
    if (
      input.variables !== undefined &&
      (typeof input.variables !== 'object' || input.variables === null || Array.isArray(input.variables))
    ) {
      throw ApplicationFailure.create({
        type: FailureType.InvalidVariables,
        message: 'Incident variables must be a JSON object.',
      });
    }
  }

  /** Update handler: hands the resolution to the waiting element and answers once the row says RESOLVED. */
  async resolve(input: ResolveIncidentInput): Promise<void> {
    const incident = this.open.get(input.incidentId);
    if (!incident) return;
    incident.resolution = input;
    await condition(() => incident.closed === true);
  }

  /**
   * Records the incident and waits for its resolution; returns the variables the operator set. The caller then
   * runs the element again.
   */
  async raise(
    instanceId: string,
    elementId: string,
    elementInstanceId: string,
    error: ApplicationFailure,
  ): Promise<Variables> {
    const incidentId = uuid4();
    const incident: OpenIncident = {};
    this.open.set(incidentId, incident);
    await instanceIndex.raiseIncident({ instanceId, incidentId, elementId, elementInstanceId, message: error.message });
    await condition(() => incident.resolution !== undefined);
    const resolution = incident.resolution as ResolveIncidentInput;
    await instanceIndex.resolveIncident({ instanceId, incidentId, resolvedBy: resolution.resolvedBy });
    incident.closed = true;
    this.open.delete(incidentId);
    return resolution.variables ?? {};
  }
}
