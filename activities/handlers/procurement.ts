/**
 * Job types `procurement.*` of the procurement-bidding model (processes/procurement-bidding/README.md): each checks
 * what the model maps in and calls engine/procurement/, which writes the bidding's record once per step. Instants
 * come from the model (`=now()`, the workflow's clock), so a retry carries the same ones and the time-skipping test
 * server's clock is the one that counts.
 */
import { z } from 'zod';
import { loadCalendar } from '../../engine/calendar';
import { announceBidding } from '../../engine/procurement/announcement';
import {
  answerObjection,
  awardBid,
  closeObjections,
  failBidding,
  forfeitAward,
  nextCandidate,
  recordContract,
  recordReview,
  recordSingleSource,
} from '../../engine/procurement/award';
import { closeBidding, openBidding } from '../../engine/procurement/opening';
import { CONTRACT_KINDS } from '../../gov/procurement/announcement';
import { BID_BOND_PERCENT, bondFor } from '../../gov/procurement/award-periods';
import { wonText } from '../../gov/procurement/won-text';
import type { PrismaClient } from '../../prisma/generated/client';
import { sendOnce } from '../outbound-email';
import { defineHandler, type JobContext } from './types';

const instant = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'must be an ISO 8601 date-time');
const won = z.coerce.number().int().positive();
const biddingRef = z.object({ id: z.string().uuid() });
const candidateRef = z.object({ bidId: z.string().uuid(), bidder: z.string() });

export const announceProcurement = defineHandler({
  payload: z.object({
    round: z.number().int().min(1),
    title: z.string().trim().min(1).max(200),
    kind: z.enum(CONTRACT_KINDS),
    estimatedPrice: won,
    basePrice: won,
    siteBriefing: z.boolean().default(false),
    urgent: z.boolean().default(false),
    bidDeadline: z.string(),
    openingAt: z.string(),
    at: instant,
  }),
  async run({ round, at, ...draft }, context) {
    const processInstanceId = context.instanceId;
    const announcedBy = (await lastCompletedBy(context.deps.prisma, processInstanceId, 'draft')) ?? 'unknown';
    const outcome = await announceBidding(context.deps.prisma, context.deps.bidSealingKey, {
      processInstanceId,
      round,
      announcedBy,
      announcedAt: new Date(at),
      draft,
    });
    if (!outcome.accepted) return showOnForms(context, { announcement: { accepted: false, refusal: outcome.refusal } });
    const { bidding } = outcome;
    return showOnForms(context, {
      announcement: { accepted: true, refusal: null },
      officer: announcedBy,
      bidding: {
        id: bidding.id,
        noticeNumber: bidding.noticeNumber,
        round: bidding.round,
        bidDeadline: bidding.bidDeadline.toISOString(),
        openingAt: bidding.openingAt.toISOString(),
      },
    });
  },
});

export const closeProcurementBids = defineHandler({
  payload: z.object({ bidding: biddingRef, at: instant }),
  async run({ bidding, at }, { deps }) {
    const closed = await closeBidding(deps.prisma, bidding.id, new Date(at));
    return { bidsReceived: await deps.prisma.bid.count({ where: { biddingId: closed.id } }) };
  },
});

export const openProcurementBids = defineHandler({
  payload: z.object({ bidding: biddingRef, at: instant }),
  async run({ bidding, at }, context) {
    const { deps } = context;
    const record = await openBidding(deps.prisma, deps.bidSealingKey, bidding.id, new Date(at));
    return showOnForms(context, {
      opening: {
        referencePrice: record.referencePrice,
        bidCount: record.bidCount,
        validCount: record.validCount,
        eligibleCount: record.eligibleCount,
        failed: record.failed,
      },
    });
  },
});

export const nextProcurementCandidate = defineHandler({
  payload: z.object({ bidding: biddingRef }),
  run: async ({ bidding }, context) =>
    showOnForms(context, { candidate: await nextCandidate(context.deps.prisma, bidding.id) }),
});

export const recordProcurementReview = defineHandler({
  payload: z.object({ candidate: candidateRef, score: z.coerce.number().int().min(0).max(100), at: instant }),
  async run({ candidate, score, at }, context) {
    const reviewedBy = await lastCompletedBy(context.deps.prisma, context.instanceId, 'review');
    const review = await recordReview(context.deps.prisma, {
      bidId: candidate.bidId,
      score,
      reviewedBy: reviewedBy ?? 'unknown',
      at: new Date(at),
    });
    return { review };
  },
});

export const awardProcurement = defineHandler({
  payload: z.object({ candidate: candidateRef, at: instant }),
  async run({ candidate, at }, context) {
    const { prisma } = context.deps;
    const award = await awardBid(prisma, await loadCalendar(prisma), { bidId: candidate.bidId, at: new Date(at) });
    const bid = await prisma.bid.findUniqueOrThrow({ where: { id: award.bidId }, include: { bidding: true } });
    const bidders = await prisma.bid.findMany({ where: { biddingId: bid.biddingId }, select: { bidderId: true } });
    const people = await prisma.user.findMany({ where: { id: { in: bidders.map((row) => row.bidderId) } } });
    for (const person of people) {
      if (!person.email) continue;
      const won = person.username === award.bidder;
      await sendOnce(context.deps, `${context.idempotencyKey}:${person.username}`, {
        to: person.email,
        subject: `[낙찰 통지] ${bid.bidding.noticeNumber} ${bid.bidding.title}`,
        text: [
          `공고 ${bid.bidding.noticeNumber} "${bid.bidding.title}"의 낙찰자는 ${award.bidder}(입찰가 ${wonText(award.price)}원)입니다.`,
          won
            ? `귀하가 낙찰자입니다. ${award.contractDueAt}까지 계약보증금 ${wonText(award.performanceBond)}원(10%)을 내고 계약을 체결하십시오. 기한을 넘기면 입찰보증금은 국고에 귀속됩니다.`
            : '귀하의 입찰은 낙찰되지 않았습니다.',
          `이의신청은 ${award.objectionsCloseAt}까지 할 수 있습니다.`,
          ...award.explanation,
        ].join('\n'),
      });
    }
    return showOnForms(context, { award });
  },
});

export const recordProcurementContract = defineHandler({
  payload: z.object({ award: z.object({ bidId: z.string().uuid() }), at: instant }),
  async run({ award, at }, { deps }) {
    await recordContract(deps.prisma, { bidId: award.bidId, at: new Date(at) });
    return {};
  },
});

export const forfeitProcurementAward = defineHandler({
  payload: z.object({ award: z.object({ bidId: z.string().uuid() }) }),
  async run({ award }, context) {
    const { prisma } = context.deps;
    const bid = await forfeitAward(prisma, award.bidId);
    const bidder = await prisma.user.findUnique({ where: { id: bid.bidderId } });
    const bond = Number(bid.bond ?? bondFor(Number(bid.price), BID_BOND_PERCENT));
    if (bidder?.email)
      await sendOnce(context.deps, context.idempotencyKey, {
        to: bidder.email,
        subject: '[입찰보증금 국고귀속] 계약 미체결',
        text:
          `계약 체결 기한이 지나도록 계약을 체결하지 않아 입찰보증금 ${wonText(bond)}원이 국고에 귀속됩니다 ` +
          '(국가계약법 시행령 §38, §48). 다음 순위 입찰자를 심사합니다.',
      });
    return { forfeited: { bidId: bid.id, bidder: bid.bidderName, bond } };
  },
});

export const failProcurementRound = defineHandler({
  payload: z.object({ bidding: biddingRef }),
  run: async ({ bidding }, context) =>
    showOnForms(context, { failedRounds: await failBidding(context.deps.prisma, bidding.id) }),
});

export const recordProcurementSingleSource = defineHandler({
  payload: z.object({
    bidding: biddingRef,
    contractor: z.string().trim().min(1).max(200),
    contractPrice: won,
    reason: z.string().trim().min(1).max(2000),
    at: instant,
  }),
  async run({ bidding, contractor, contractPrice, reason, at }, context) {
    const decidedBy = await lastCompletedBy(context.deps.prisma, context.instanceId, 'single-source');
    await recordSingleSource(context.deps.prisma, {
      biddingId: bidding.id,
      contractor,
      price: contractPrice,
      reason,
      decidedBy: decidedBy ?? 'unknown',
      at: new Date(at),
    });
    return {};
  },
});

/** Takes an objection the message delivered into the officer's task: its text is shown on the answer form. */
export const receiveProcurementObjection = defineHandler({
  payload: z.object({ objection: z.object({ id: z.string().uuid(), bidder: z.string(), text: z.string() }) }),
  run: async ({ objection }, context) => showOnForms(context, { objection }),
});

export const answerProcurementObjection = defineHandler({
  payload: z.object({
    objection: z.object({ id: z.string().uuid(), bidder: z.string() }),
    answer: z.string().trim().min(1).max(4000),
    at: instant,
  }),
  async run({ objection, answer, at }, context) {
    const { prisma } = context.deps;
    const answeredBy = await lastCompletedBy(prisma, context.instanceId, 'answer-objection');
    const row = await answerObjection(prisma, {
      objectionId: objection.id,
      answer,
      answeredBy: answeredBy ?? 'unknown',
      at: new Date(at),
    });
    const bidder = await prisma.user.findUnique({ where: { id: row.bidderId } });
    if (bidder?.email)
      await sendOnce(context.deps, context.idempotencyKey, {
        to: bidder.email,
        subject: '[이의신청 답변] 입찰 이의신청에 대한 답변',
        text: `귀하의 이의신청("${row.text}")에 대한 답변입니다.\n\n${answer}`,
      });
    return {};
  },
});

export const closeProcurementObjections = defineHandler({
  payload: z.object({ bidding: biddingRef, at: instant }),
  async run({ bidding, at }, { deps }) {
    await closeObjections(deps.prisma, bidding.id, new Date(at));
    return {};
  },
});

/**
 * The engine projects an instance's variables to its row when a task completes, and a task's form reads that row:
 * the variables a handler produces for the next task's form (the refusal, the candidate, the award) are merged into
 * it at once, in one atomic jsonb update, so concurrent branches lose nothing. Returns them for the process.
 */
async function showOnForms<V extends Record<string, unknown>>(context: JobContext, variables: V): Promise<V> {
  await context.deps.prisma.$executeRaw`
    UPDATE "ProcessInstance" SET "variables" = "variables" || ${JSON.stringify(variables)}::jsonb
    WHERE "id" = ${context.instanceId}::uuid`;
  return variables;
}

/** The service task's instance: the idempotency key is `<instance id>:<element instance id>` (workflows/elements). */

/** Who completed the latest task at an element of the instance: the officer who drafted, reviewed or answered. */
async function lastCompletedBy(prisma: PrismaClient, processInstanceId: string, elementId: string) {
  const task = await prisma.userTask.findFirst({
    where: { processInstanceId, elementId, state: 'COMPLETED' },
    orderBy: { completedAt: 'desc' },
  });
  return task?.completedBy ?? null;
}
