/**
 * Job types of the petition-objection model (processes/petition-objection): `petition-objection.register`,
 * `.extend` and `.decide`. The engine keeps the record (engine/petitions/objections.ts); the handlers check the
 * payload the model maps in and turn the engine's refusals into failures that stop at an incident.
 */
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import { decideObjection, extendObjection, registerObjection } from '../../engine/petitions/objections';
import { AppError } from '../../shared/app-error';
import { defineHandler } from './types';

const instant = z.string().datetime({ offset: true, message: 'must be an ISO instant with its offset' });

/** A refusal of the engine will not change on retry: the element goes to an incident with its message. */
async function permanent<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) throw ApplicationFailure.nonRetryable(error.message, error.code);
    throw error;
  }
}

export const registerPetitionObjection = defineHandler({
  payload: z
    .object({
      /** The petition: its id (the online filing), or its receipt number (at the counter). */
      petitionId: z.string().uuid().nullish(),
      receiptNumber: z.string().trim().min(1).max(100).nullish(),
      reason: z.string().trim().min(1, { message: 'the objection needs its reasons' }).max(4000),
      filedAt: instant,
      /** The decision's due instant, counted by the model (`legal deadline`). */
      dueAt: instant,
    })
    .refine((payload) => payload.petitionId || payload.receiptNumber, {
      message: 'name the petition by petitionId or receiptNumber',
      path: ['petitionId'],
    }),
  async run({ petitionId, receiptNumber, ...payload }, { instanceId: processInstanceId, deps }) {
    const petition = petitionId ? { petitionId } : { receiptNumber: receiptNumber ?? '' };
    const objection = await permanent(() =>
      registerObjection(
        deps.prisma,
        {
          processInstanceId,
          petition,
          reason: payload.reason,
          filedAt: new Date(payload.filedAt),
          dueAt: new Date(payload.dueAt),
        },
        deps.now(),
      ),
    );
    return { objection };
  },
});

export const extendPetitionObjection = defineHandler({
  payload: z.object({
    objectionId: z.string().uuid(),
    reason: z.string().trim().min(1, { message: 'an extension states its reason (§35②)' }).max(4000),
    dueAt: instant,
  }),
  async run(payload, { idempotencyKey, deps }) {
    const { granted, objection } = await permanent(() =>
      extendObjection(deps.prisma, { ...payload, dueAt: new Date(payload.dueAt), key: idempotencyKey }, deps.now()),
    );
    return { objection, extensionGranted: granted };
  },
});

export const decidePetitionObjection = defineHandler({
  payload: z.object({
    objectionId: z.string().uuid(),
    outcome: z.enum(['uphold', 'dismiss'], { message: 'the outcome must be uphold or dismiss' }),
    reason: z.string().trim().min(1, { message: 'a decision states its reasons' }).max(4000),
  }),
  async run(payload, { deps }) {
    const outcome = payload.outcome === 'uphold' ? 'UPHELD' : 'DISMISSED';
    const objection = await permanent(() =>
      decideObjection(deps.prisma, { objectionId: payload.objectionId, outcome, reason: payload.reason }, deps.now()),
    );
    return { objection };
  },
});
