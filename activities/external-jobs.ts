/**
 * External jobs' rows (docs/external-jobs.md): written when an element starts a job no built-in handler serves,
 * withdrawn when the element is left before the job ended. Both writes are idempotent: a retry changes nothing twice.
 */
import type { JobKind } from '../prisma/generated/client';
import { asJson } from '../platform/db';
import type { Variables } from '../shared/feel';
import type { CarriesHistory } from '../shared/workflow-contract';
import type { ActivityDeps } from './deps';

export interface CreateExternalJobInput extends CarriesHistory {
  elementId: string;
  elementInstanceId: string;
  idempotencyKey: string;
  type: string;
  retries: number;
  headers: Record<string, string>;
  variables: Variables;
  kind: JobKind;
  listenerEventType?: string;
}

export function createExternalJobActivities({ prisma, now }: ActivityDeps) {
  return {
    /** Returns the job's key. */
    async createExternalJob(input: CreateExternalJobInput): Promise<string> {
      const job = await prisma.externalJob.upsert({
        where: { idempotencyKey: input.idempotencyKey },
        create: {
          idempotencyKey: input.idempotencyKey,
          type: input.type,
          processInstanceId: input.instanceId,
          elementId: input.elementId,
          elementInstanceId: input.elementInstanceId,
          kind: input.kind,
          listenerEventType: input.listenerEventType,
          customHeaders: asJson(input.headers),
          variables: asJson(input.variables),
          retries: input.retries,
          createdAt: now(),
        },
        update: {},
        select: { key: true },
      });
      return job.key.toString();
    },

    async cancelExternalJob(input: { idempotencyKey: string }): Promise<void> {
      await prisma.externalJob.updateMany({
        where: { idempotencyKey: input.idempotencyKey, state: { in: ['ACTIVATABLE', 'ACTIVATED'] } },
        data: { state: 'CANCELED', endedAt: now() },
      });
    },
  };
}
