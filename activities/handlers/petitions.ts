/**
 * Job types `petition.*` of the civil-petition model (processes/civil-petition): the handlers check what the model
 * maps in and call engine/petitions, which keeps the Petition row and writes the letters. Instants come from the
 * model (FEEL `now()`, the workflow's clock), so a retry records the same instant as the first attempt.
 */
import { z } from 'zod';
import { loadCalendar } from '../../engine/calendar';
import { draftAnswer } from '../../engine/petitions/answer';
import { petitionNotice } from '../../engine/petitions/notices';
import { receivePetition } from '../../engine/petitions/receipt';
import { decidePetition, extendPetition, recordPetitionProgress } from '../../engine/petitions/tracking';
import { sendOnce } from '../outbound-email';
import { defineHandler } from './types';

const instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with its offset' });
const text = (max: number) => z.string().trim().min(1).max(max);
const period = z.object({
  amount: z.number().int().min(1),
  unit: z.enum(['hours', 'days', 'weeks', 'months', 'years']),
});
const outcome = z.enum(['ACCEPTED', 'PARTIALLY_ACCEPTED', 'REFUSED']);
const petitionId = z.string().uuid();

export const receivePetitionJob = defineHandler({
  payload: z.object({
    typeCode: text(64),
    title: text(300),
    petitionerName: text(100),
    petitionerEmail: z.string().email(),
    receivedAt: instant,
    receivingUnit: text(64),
  }),
  async run(payload, { instanceId, deps }) {
    const receipt = await receivePetition(deps.prisma, instanceId, payload);
    return { ...receipt, limit: { ...receipt.limit } };
  },
});

export const trackPetitionJob = defineHandler({
  payload: z.object({
    petitionId,
    event: z.string().regex(/^[a-z]+(-[a-z]+)*$/),
    at: instant,
    state: z.enum(['RECEIVED', 'SUPPLEMENTING', 'TRANSFERRED', 'DECIDED', 'CLOSED']).nullish(),
    dueAt: instant.nullish(),
    supplementRequests: z.number().int().min(0).nullish(),
    transferredTo: text(200).nullish(),
    details: z.record(z.string(), z.unknown()).nullish(),
  }),
  async run(payload, { idempotencyKey, deps }) {
    await recordPetitionProgress(deps.prisma, {
      petitionId: payload.petitionId,
      key: idempotencyKey,
      event: payload.event,
      at: new Date(payload.at),
      state: payload.state ?? undefined,
      dueAt: payload.dueAt ? new Date(payload.dueAt) : undefined,
      supplementRequests: payload.supplementRequests ?? undefined,
      transferredTo: payload.transferredTo ?? undefined,
      details: payload.details ?? undefined,
    });
    return {};
  },
});

export const extendPetitionJob = defineHandler({
  payload: z.object({
    petitionId,
    limit: period,
    period,
    amount: z.number().int().min(1),
    reason: text(2000),
    petitionerConsent: z.boolean().nullish(),
    at: instant,
  }),
  async run(payload, { idempotencyKey, deps }) {
    const extended = await extendPetition(deps.prisma, {
      ...payload,
      key: idempotencyKey,
      petitionerConsent: payload.petitionerConsent === true,
      at: new Date(payload.at),
    });
    return { period: { ...extended.period }, extensions: extended.extensions };
  },
});

export const draftPetitionAnswerJob = defineHandler({
  payload: z.object({
    petitionId,
    outcome,
    answer: text(20_000),
    refusalReasons: z.string().max(5000).nullish(),
    draftedAt: text(100),
  }),
  run: async (payload, { deps }) => ({ ...(await draftAnswer(deps.prisma, payload)) }),
});

export const decidePetitionJob = defineHandler({
  payload: z.object({
    petitionId,
    outcome,
    decidedAt: instant,
    stops: z.array(z.object({ from: instant, to: instant })).default([]),
    documentId: z.string().uuid().nullish(),
  }),
  async run(payload, { idempotencyKey, deps }) {
    const decided = await decidePetition(deps.prisma, await loadCalendar(deps.prisma), {
      ...payload,
      key: idempotencyKey,
      decidedAt: new Date(payload.decidedAt),
      documentId: payload.documentId ?? undefined,
    });
    return { ...decided };
  },
});

export const notifyPetitionJob = defineHandler({
  payload: z.object({
    petitionId,
    kind: z.enum([
      'receipt',
      'transfer',
      'supplement-request',
      'returned',
      'extension',
      'progress',
      'result',
      'reminder',
      'overdue',
    ]),
    agency: z.string().max(200).nullish(),
    reason: z.string().max(2000).nullish(),
    content: z.string().max(5000).nullish(),
    replyBy: instant.nullish(),
    answer: z.string().max(20_000).nullish(),
    outcome: outcome.nullish(),
    refusalReasons: z.string().max(5000).nullish(),
  }),
  async run({ petitionId: id, kind, ...details }, { idempotencyKey, deps }) {
    const petition = await deps.prisma.petition.findUniqueOrThrow({ where: { id } });
    const notice = await petitionNotice(deps.prisma, petition, kind, {
      agency: details.agency ?? undefined,
      reason: details.reason ?? undefined,
      content: details.content ?? undefined,
      replyBy: details.replyBy ?? undefined,
      answer: details.answer ?? undefined,
      outcome: details.outcome ?? undefined,
      refusalReasons: details.refusalReasons ?? undefined,
    });
    if (!notice) {
      deps.logger.warn({ petitionId: id, kind }, 'petition notice has no recipient');
      return { noticeSent: false };
    }
    await sendOnce(deps, idempotencyKey, notice);
    return { noticeSent: true };
  },
});
