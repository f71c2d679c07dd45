/**
 * Job types `approval.submit` (a process asks for a document to be approved) and `approval.reply` (the
 * document-approval model tells the asker how it ended): engine/approval-lines/requests.ts does the work.
 */
import { z } from 'zod';
import { parseReviewAction, reviewNoticeRefusal } from '../../gov/review-notice';
import { SECURITY_GRADES } from '../../gov/security-grades';
import { replyDecision, submitRequestedApproval } from '../../engine/approval-lines/requests';
import { defineHandler } from './types';

const username = z.string().min(1).max(100);

/** A grade with its 예고문, as a start form gives it (docs/classified.md). */
const classification = z
  .object({
    grade: z.enum(SECURITY_GRADES),
    reviewOn: z.iso.date({ error: 'classification.reviewOn must be a date, e.g. 2031-12-31' }),
    reviewAction: z.string(),
  })
  .transform((fields, context) => {
    const review = parseReviewAction(fields.reviewAction);
    const refusal = review
      ? reviewNoticeRefusal(fields.grade, review)
      : 'must be regrade:<grade>, declassify or destroy';
    if (!review || refusal) {
      context.addIssue({ code: 'custom', path: ['reviewAction'], message: `classification.reviewAction ${refusal}` });
      return z.NEVER;
    }
    return { grade: fields.grade, reviewOn: new Date(`${fields.reviewOn}T00:00:00Z`), review };
  });

export const submitApprovalRequest = defineHandler({
  payload: z.object({
    drafter: username,
    approver: username.nullish(),
    reviewers: z.array(username).max(20).nullish(),
    title: z.string().trim().min(1).max(300),
    body: z.string().min(1).max(100_000),
    documentType: z.string().min(1).max(100).nullish(),
    classification: classification.nullish(),
    replyKey: z.string().min(1).max(200),
  }),
  async run(payload, { idempotencyKey, deps }) {
    const { documentId } = await submitRequestedApproval(deps, {
      ...payload,
      approver: payload.approver ?? undefined,
      reviewers: payload.reviewers ?? undefined,
      documentType: payload.documentType ?? undefined,
      classification: payload.classification ?? undefined,
      requestKey: idempotencyKey,
    });
    return { documentId };
  },
});

export const replyApprovalDecision = defineHandler({
  payload: z.object({
    documentId: z.string().uuid(),
    outcome: z.enum(['approved', 'rejected', 'withdrawn']),
  }),
  async run(payload, { idempotencyKey, deps }) {
    await replyDecision(deps, { ...payload, replyingElementKey: idempotencyKey });
    return {};
  },
});
