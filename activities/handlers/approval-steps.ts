/**
 * Job types `approval.record-step` and `approval.start-round` of the document-approval model: the engine writes the
 * document's record (engine/approval-lines/steps.ts); the handlers only check the payload the model maps in.
 */
import { z } from 'zod';
import { recordStepDecision, startNextRound } from '../../engine/approval-lines/steps';
import { defineHandler } from './types';

const decisions = { approve: 'APPROVE', reject: 'REJECT', dissent: 'DISSENT' } as const;

export const recordApprovalStep = defineHandler({
  payload: z.object({
    stepId: z.string().uuid(),
    decision: z.enum(['approve', 'reject', 'dissent'], { message: 'the decision must be approve, reject or dissent' }),
    opinion: z.string().max(2000).nullish(),
    revisedBody: z.string().max(100_000).nullish(),
  }),
  async run(payload, { deps }) {
    const { rejection } = await recordStepDecision(
      deps.prisma,
      {
        stepId: payload.stepId,
        decision: decisions[payload.decision],
        opinion: payload.opinion?.trim() || null,
        revisedBody: payload.revisedBody?.trim() ? payload.revisedBody : null,
      },
      deps.now(),
    );
    return rejection ? { rejection: { ...rejection } } : {};
  },
});

export const startApprovalRound = defineHandler({
  payload: z.object({ documentId: z.string().uuid() }),
  run: (payload, { deps }) => startNextRound(deps.prisma, payload.documentId),
});
