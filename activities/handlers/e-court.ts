/**
 * Job types `e-court.*` of the e-court-filing model (docs/e-court.md): each moves the case (engine/e-court/) at the
 * instant the model maps in as `at` (the process's time, so timers and records agree) and sends the notices the step
 * owes the parties (activities/e-court-notices.ts).
 */
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import { daysAfter, judgmentInstant } from '../../gov/e-court';
import { docketCase } from '../../engine/e-court/case-numbers';
import {
  dismissCase,
  noticeService,
  orderDefectFix,
  recordAnswer,
  recordCorrection,
  recordJudgmentWithoutHearing,
  recordService,
  setJudgmentDate,
} from '../../engine/e-court/cases';
import { courtNoticeTexts, sendCourtNotice } from '../e-court-notices';
import { defineHandler } from './types';

const caseStep = {
  caseId: z.string().uuid(),
  at: z.coerce.date({ message: 'map the step instant `at` from =now() or a timer instant' }),
};

export const docketCourtCase = defineHandler({
  payload: z.object(caseStep),
  run: async (payload, { deps }) => ({ caseNumber: await docketCase(deps.prisma, payload) }),
});

export const orderCourtDefectFix = defineHandler({
  payload: z.object({
    ...caseStep,
    defects: z.string().trim().min(1, 'name the defects to fix'),
    fixDays: z.number().int().min(1).max(60),
  }),
  async run({ caseId, at, defects, fixDays }, { deps, idempotencyKey }) {
    const dueAt = daysAfter(at, fixDays);
    const found = await orderDefectFix(deps.prisma, { caseId, defects, dueAt, at });
    const notice = courtNoticeTexts['defect-order'](found);
    await sendCourtNotice(deps, idempotencyKey, { caseId, kind: 'defect-order', to: found.plaintiff, at, ...notice });
    return { defectDueAt: dueAt.toISOString() };
  },
});

export const recordCourtCorrection = defineHandler({
  payload: z.object({ ...caseStep, correction: z.string().trim().min(1) }),
  async run(payload, { deps }) {
    await recordCorrection(deps.prisma, payload);
    return {};
  },
});

export const dismissCourtCase = defineHandler({
  payload: z.object(caseStep),
  async run({ caseId, at }, { deps, idempotencyKey }) {
    const found = await dismissCase(deps.prisma, { caseId, at });
    const notice = courtNoticeTexts.dismissal(found);
    await sendCourtNotice(deps, idempotencyKey, { caseId, kind: 'dismissal', to: found.plaintiff, at, ...notice });
    return {};
  },
});

export const notifyCourtService = defineHandler({
  payload: z.object(caseStep),
  async run({ caseId, at }, { deps, idempotencyKey }) {
    const { deemedServedAt, ...found } = await noticeService(deps.prisma, { caseId, at });
    const notice = courtNoticeTexts.service(found, deemedServedAt);
    await sendCourtNotice(deps, idempotencyKey, { caseId, kind: 'service', to: found.defendant, at, ...notice });
    return { serviceNoticedAt: at.toISOString(), deemedServedAt: deemedServedAt.toISOString() };
  },
});

export const recordCourtService = defineHandler({
  payload: z.object({ ...caseStep, method: z.enum(['OPENED', 'DEEMED']) }),
  async run(payload, { deps }) {
    const { servedAt, answerDueAt } = await recordService(deps.prisma, payload);
    return { servedAt: servedAt.toISOString(), answerDueAt: answerDueAt.toISOString() };
  },
});

export const setCourtJudgmentDate = defineHandler({
  payload: z.object({ ...caseStep, judgmentDate: z.string() }),
  async run({ caseId, at, judgmentDate }, { deps, idempotencyKey }) {
    const judgmentAt = judgmentInstant(judgmentDate);
    if (!judgmentAt || judgmentAt <= at)
      throw ApplicationFailure.nonRetryable(
        `The judgment date '${judgmentDate}' must be a date (YYYY-MM-DD) after today; resolve the incident with a later judgmentDate.`,
        'InvalidJudgmentDate',
      );
    const found = await setJudgmentDate(deps.prisma, { caseId, judgmentAt, at });
    const notice = courtNoticeTexts['judgment-date'](found);
    for (const to of [found.plaintiff, found.defendant])
      await sendCourtNotice(deps, idempotencyKey, { caseId, kind: 'judgment-date', to, at, ...notice });
    return { judgmentAt: judgmentAt.toISOString() };
  },
});

export const recordCourtAnswer = defineHandler({
  payload: z.object({ ...caseStep, answer: z.string().trim().min(1) }),
  async run(payload, { deps, idempotencyKey }) {
    const { caseId, at } = payload;
    const { cancelledJudgmentAt, ...found } = await recordAnswer(deps.prisma, payload);
    const answered = courtNoticeTexts.answer(found);
    await sendCourtNotice(deps, idempotencyKey, { caseId, kind: 'answer', to: found.plaintiff, at, ...answered });
    if (cancelledJudgmentAt) {
      const cancelled = courtNoticeTexts['judgment-date-cancelled'](found, cancelledJudgmentAt);
      for (const to of [found.plaintiff, found.defendant])
        await sendCourtNotice(deps, idempotencyKey, { caseId, kind: 'judgment-date-cancelled', to, at, ...cancelled });
    }
    return { answered: true };
  },
});

export const recordCourtJudgment = defineHandler({
  payload: z.object(caseStep),
  async run(payload, { deps }) {
    await recordJudgmentWithoutHearing(deps.prisma, payload);
    return {};
  },
});
