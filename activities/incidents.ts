/**
 * Incidents: an element that cannot go on stops its instance until an operator resolves the incident (the
 * interpreter then retries the element) or cancels the instance. Each write is idempotent by incident id.
 */
import type { CarriesHistory } from '../shared/workflow-contract';
import { Prisma } from '../platform/db';
import type { ActivityDeps } from './deps';
import { appendAudit } from '../engine/audit';

export interface RaiseIncidentInput extends CarriesHistory {
  incidentId: string;
  elementId: string;
  elementInstanceId: string;
  message: string;
}

export interface ResolveIncidentActivityInput extends CarriesHistory {
  incidentId: string;
  resolvedBy: string;
}

/** The instance index's summary of an open incident. */
function summary(incident: { elementId: string; message: string; createdAt: Date }): Prisma.InputJsonObject {
  return { elementId: incident.elementId, message: incident.message, at: incident.createdAt.toISOString() };
}

export function createIncidentActivities({ prisma, now }: ActivityDeps) {
  return {
    async raiseIncident(input: RaiseIncidentInput): Promise<void> {
      const at = now();
      await prisma.$transaction(async (tx) => {
        const created = await tx.incident.createMany({
          data: [
            {
              id: input.incidentId,
              processInstanceId: input.instanceId,
              elementId: input.elementId,
              elementInstanceId: input.elementInstanceId,
              message: input.message,
              createdAt: at,
            },
          ],
          skipDuplicates: true,
        });
        const incident = await tx.incident.findUniqueOrThrow({ where: { id: input.incidentId } });
        if (incident.state !== 'OPEN') return;
        await tx.processInstance.updateMany({
          where: { id: input.instanceId, state: { in: ['ACTIVE', 'INCIDENT'] } },
          data: { state: 'INCIDENT', incident: summary(incident) },
        });
        if (created.count > 0) {
          await appendAudit(tx, {
            at,
            action: 'incident.raised',
            objectType: 'ProcessInstance',
            objectId: input.instanceId,
            details: { incidentId: input.incidentId, elementId: input.elementId, message: input.message },
          });
        }
      });
    },

    /** The incident is resolved; the instance runs again unless another incident still holds it. */
    async resolveIncident(input: ResolveIncidentActivityInput): Promise<void> {
      const at = now();
      await prisma.$transaction(async (tx) => {
        const resolved = await tx.incident.updateMany({
          where: { id: input.incidentId, processInstanceId: input.instanceId, state: 'OPEN' },
          data: { state: 'RESOLVED', resolvedAt: at, resolvedBy: input.resolvedBy },
        });
        const stillOpen = await tx.incident.findFirst({
          where: { processInstanceId: input.instanceId, state: 'OPEN' },
          orderBy: { createdAt: 'desc' },
        });
        await tx.processInstance.updateMany({
          where: { id: input.instanceId, state: 'INCIDENT' },
          data: stillOpen ? { incident: summary(stillOpen) } : { state: 'ACTIVE', incident: Prisma.DbNull },
        });
        if (resolved.count > 0) {
          await appendAudit(tx, {
            at,
            actor: input.resolvedBy,
            action: 'incident.resolved',
            objectType: 'ProcessInstance',
            objectId: input.instanceId,
            details: { incidentId: input.incidentId },
          });
        }
      });
    },
  };
}
