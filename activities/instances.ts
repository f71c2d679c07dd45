/** Projections of the instance lifecycle into the instance index. */
import type { Variables } from '../shared/feel';
import { asJson } from '../platform/db';
import type { ActivityDeps } from './deps';

export function createInstanceActivities({ prisma, now }: ActivityDeps) {
  return {
    async completeInstance(input: { instanceId: string; endElementId: string; variables: Variables }): Promise<void> {
      await prisma.processInstance.updateMany({
        where: { id: input.instanceId, state: { not: 'COMPLETED' } },
        data: { state: 'COMPLETED', endedAt: now(), endElementId: input.endElementId, variables: asJson(input.variables) },
      });
    },

    async recordIncident(input: { instanceId: string; elementId: string; message: string }): Promise<void> {
      await prisma.processInstance.updateMany({
        where: { id: input.instanceId, state: 'ACTIVE' },
        data: { state: 'INCIDENT', incident: { elementId: input.elementId, message: input.message, at: now().toISOString() } },
      });
    },
  };
}
