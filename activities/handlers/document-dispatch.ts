/**
 * Job types of 시행, 접수, 배부 and 공람 (processes/document-approval): the engine keeps the rows
 * (engine/document-dispatch/); the handlers check what the model maps in and send the 시행문 mail.
 */
import { z } from 'zod';
import { decideResend, dispatchesToSend, markMailed, sendToUnit } from '../../engine/document-dispatch/dispatch';
import { logRead, openReading, recordDistribution, registerReceipt } from '../../engine/document-dispatch/receipt';
import { dispatchMail } from '../document-mail';
import { sendOnce } from '../outbound-email';
import { defineHandler } from './types';

/** Sends every planned dispatch of an approved document: a receipt instance per unit, a mail per other agency. */
export const dispatchDocument = defineHandler({
  payload: z.object({ documentId: z.string().uuid() }),
  async run(payload, { idempotencyKey, deps }) {
    const { document, dispatches } = await dispatchesToSend(deps.prisma, payload.documentId);
    for (const dispatch of dispatches) {
      if (dispatch.unitId) {
        await sendToUnit(deps, document, dispatch.id, deps.now());
      } else if (dispatch.email) {
        const mail = dispatchMail(document, { agencyName: dispatch.agencyName, email: dispatch.email });
        const { messageId } = await sendOnce(deps, `${idempotencyKey}:${dispatch.id}`, mail);
        await markMailed(deps.prisma, dispatch.id, deps.now(), messageId);
      }
    }
    return { dispatched: dispatches.length };
  },
});

export const decideDocumentResend = defineHandler({
  payload: z.object({
    dispatchId: z.string().uuid(),
    decision: z.enum(['approve', 'refuse'], { message: 'the decision must be approve or refuse' }),
    opinion: z.string().max(2000).nullish(),
  }),
  async run(payload, { deps }) {
    await decideResend(deps.prisma, {
      dispatchId: payload.dispatchId,
      approved: payload.decision === 'approve',
      opinion: payload.opinion?.trim() || null,
      at: deps.now(),
    });
    return {};
  },
});

export const registerDocumentReceipt = defineHandler({
  payload: z.object({ dispatchId: z.string().uuid() }),
  run: (payload, { deps }) => registerReceipt(deps.prisma, payload.dispatchId),
});

export const distributeDocument = defineHandler({
  payload: z.object({ receiptId: z.string().uuid(), handler: z.string().min(1) }),
  async run(payload, { deps }) {
    await recordDistribution(deps.prisma, payload);
    return {};
  },
});

export const openDocumentReading = defineHandler({
  payload: z.object({
    receiptId: z.string().uuid(),
    readers: z.array(z.string().min(1)).max(100).nullish(),
    readingDue: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'the 공람 due date must be a day, YYYY-MM-DD' })
      .nullish(),
  }),
  async run(payload, { deps }) {
    const readingSteps = await openReading(deps.prisma, {
      receiptId: payload.receiptId,
      readers: payload.readers ?? [],
      readingDue: payload.readingDue ?? null,
    });
    return { readingSteps };
  },
});

export const logDocumentRead = defineHandler({
  payload: z.object({ readingId: z.string().uuid(), opinion: z.string().max(2000).nullish() }),
  async run(payload, { deps }) {
    await logRead(deps.prisma, { readingId: payload.readingId, opinion: payload.opinion?.trim() || null });
    return {};
  },
});
