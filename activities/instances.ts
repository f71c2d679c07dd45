/** Projections of the instance lifecycle into the instance index. */
import type { Variables } from '../shared/feel';
import { asJson, Prisma } from '../platform/db';
import type { CarriesHistory } from '../shared/workflow-contract';
import { withCarriedHistory, writesItsHistory } from './history';
import type { ActivityDeps } from './deps';
import { appendAudit } from '../engine/audit';

export function createInstanceActivities({ prisma, now }: ActivityDeps) {
  return {
    /** The instance's end and the carried history (its last elements) in one statement. */
    completeInstance: writesItsHistory(
      async (input: CarriesHistory & { endElementId: string; variables: Variables }): Promise<void> => {
        // endedAt is stored as timestamp(3) in UTC, as Prisma stores DateTime.
        await prisma.$executeRaw(
          withCarriedHistory(
            input,
            Prisma.sql`
              UPDATE "ProcessInstance"
                 SET "state" = 'COMPLETED', "endedAt" = (${now().toISOString()}::timestamptz AT TIME ZONE 'UTC'),
                     "endElementId" = ${input.endElementId}, "variables" = ${JSON.stringify(input.variables)}::jsonb
               WHERE "id" = ${input.instanceId}::uuid AND "state" <> 'COMPLETED'`,
          ),
        );
      },
    ),

    /** A calendar change moved a legal due date or timer of the instance: recorded on the instance's trail. */
    async recordDeadlineMoved(input: {
      instanceId: string;
      elementId: string;
      what: string;
      from: string;
      to: string;
    }): Promise<void> {
      await appendAudit(prisma, {
        at: now(),
        action: 'deadline.moved',
        objectType: 'ProcessInstance',
        objectId: input.instanceId,
        details: { elementId: input.elementId, what: input.what, from: input.from, to: input.to },
      });
    },

    /** The instance was cancelled: index and audit trail record who and why; its open incidents are cancelled with it. */
    async cancelInstance(input: {
      instanceId: string;
      reason: string;
      cancelledBy?: string;
      variables: Variables;
    }): Promise<void> {
      const at = now();
      await prisma.$transaction(async (tx) => {
        const cancelled = await tx.processInstance.updateMany({
          where: { id: input.instanceId, state: { in: ['ACTIVE', 'INCIDENT'] } },
          // A suspended instance that is cancelled is no longer held: it has ended.
          data: { state: 'CANCELED', endedAt: at, variables: asJson(input.variables), suspendedAt: null },
        });
        await tx.incident.updateMany({
          where: { processInstanceId: input.instanceId, state: 'OPEN' },
          data: { state: 'CANCELED' },
        });
        // A retried activity finds the instance cancelled already: the audit trail records it once.
        if (cancelled.count === 0) return;
        await appendAudit(tx, {
          at,
          actor: input.cancelledBy,
          action: 'instance.cancelled',
          objectType: 'ProcessInstance',
          objectId: input.instanceId,
          details: { reason: input.reason },
        });
      });
    },

    /** The instance was suspended or resumed: the index keeps since when, the audit trail who and why. */
    async recordSuspension(input: {
      instanceId: string;
      suspended: boolean;
      by: string;
      reason?: string;
    }): Promise<void> {
      const at = now();
      await prisma.$transaction(async (tx) => {
        const changed = await tx.processInstance.updateMany({
          where: { id: input.instanceId, suspendedAt: input.suspended ? null : { not: null } },
          data: { suspendedAt: input.suspended ? at : null },
        });
        // A retried activity finds the instance suspended (or resumed) already: the audit trail records it once.
        if (changed.count === 0) return;
        await appendAudit(tx, {
          at,
          actor: input.by,
          action: input.suspended ? 'instance.suspended' : 'instance.resumed',
          objectType: 'ProcessInstance',
          objectId: input.instanceId,
          details: input.reason ? { reason: input.reason } : {},
        });
      });
    },

    /** The earlier incident projection without an Incident row; raiseIncident (activities/incidents.ts) supersedes it. */
    async recordIncident(input: { instanceId: string; elementId: string; message: string }): Promise<void> {
      await prisma.processInstance.updateMany({
        where: { id: input.instanceId, state: 'ACTIVE' },
        data: {
          state: 'INCIDENT',
          incident: { elementId: input.elementId, message: input.message, at: now().toISOString() },
        },
      });
    },
  };
}
