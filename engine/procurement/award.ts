/**
 * After the opening: 적격심사 in ascending price order until a bidder passes, the award (낙찰), the contract within
 * its period or the forfeit of the bid bond and the next bidder, 유찰 and the single-source contract
 * (processes/procurement-bidding/README.md). Each step is written once; a retried activity finds it done.
 */
import type { BusinessCalendar } from '../../gov/calendar';
import {
  contractDeadline,
  objectionWindow,
  PERFORMANCE_BOND_PERCENT,
  QUALIFICATION_PASS_SCORE,
  bondFor,
} from '../../gov/procurement/award-periods';
import type { Bid, Bidding, PrismaClient } from '../../prisma/generated/client';

export interface Candidate {
  bidId: string;
  bidder: string;
  price: number;
  rank: number;
}

/** The lowest eligible bid not yet examined, or null when none is left (유찰). */
export async function nextCandidate(prisma: PrismaClient, biddingId: string): Promise<Candidate | null> {
  const bid = await prisma.bid.findFirst({ where: { biddingId, state: 'ELIGIBLE' }, orderBy: { rank: 'asc' } });
  return bid ? candidateOf(bid) : null;
}

export async function recordReview(
  prisma: PrismaClient,
  request: { bidId: string; score: number; reviewedBy: string; at: Date },
): Promise<{ passed: boolean; score: number; passScore: number }> {
  const passed = request.score >= QUALIFICATION_PASS_SCORE;
  await prisma.bid.updateMany({
    where: { id: request.bidId, state: 'ELIGIBLE' },
    data: {
      state: passed ? 'PASSED' : 'FAILED_REVIEW',
      reviewScore: request.score,
      reviewedBy: request.reviewedBy,
      reviewedAt: request.at,
    },
  });
  return { passed, score: request.score, passScore: QUALIFICATION_PASS_SCORE };
}

export interface Award {
  bidId: string;
  bidder: string;
  price: number;
  awardedAt: string;
  /** 24:00 of the contract period's last day (ISO, +09:00): the process's timer. */
  contractDueAt: string;
  performanceBond: number;
  objectionsCloseAt: string;
  explanation: string[];
}

export async function awardBid(
  prisma: PrismaClient,
  calendar: BusinessCalendar,
  request: { bidId: string; at: Date },
): Promise<Award> {
  const bid = await prisma.bid.findUniqueOrThrow({ where: { id: request.bidId } });
  const awardedAt = request.at;
  const contract = contractDeadline(calendar, awardedAt.getTime());
  const objections = objectionWindow(calendar, awardedAt.getTime(), awardedAt.getTime());
  const price = Number(bid.price);
  await prisma.$transaction([
    prisma.bid.updateMany({ where: { id: bid.id, state: 'PASSED' }, data: { state: 'AWARDED' } }),
    prisma.bidding.update({
      where: { id: bid.biddingId },
      data: { state: 'AWARDED', awardedAt, objectionsCloseAt: new Date(objections.endsAt), objectionsClosedAt: null },
    }),
  ]);
  return {
    bidId: bid.id,
    bidder: bid.bidderName,
    price,
    awardedAt: awardedAt.toISOString(),
    contractDueAt: contract.endsAt,
    performanceBond: bondFor(price, PERFORMANCE_BOND_PERCENT),
    objectionsCloseAt: objections.endsAt,
    explanation: [contract.explanation, objections.explanation],
  };
}

export async function recordContract(prisma: PrismaClient, request: { bidId: string; at: Date }): Promise<void> {
  const bid = await prisma.bid.findUniqueOrThrow({ where: { id: request.bidId } });
  await prisma.$transaction([
    prisma.bid.update({
      where: { id: bid.id },
      data: { state: 'CONTRACTED', performanceBond: BigInt(bondFor(Number(bid.price), PERFORMANCE_BOND_PERCENT)) },
    }),
    prisma.bidding.update({ where: { id: bid.biddingId }, data: { state: 'CONTRACTED', contractedAt: request.at } }),
  ]);
}

/** The awardee let the contract period pass: the bid bond goes to the treasury and the bidding goes back to 적격심사. */
export async function forfeitAward(prisma: PrismaClient, bidId: string): Promise<Bid> {
  const bid = await prisma.bid.findUniqueOrThrow({ where: { id: bidId } });
  if (bid.state !== 'AWARDED') return bid;
  const [forfeited] = await prisma.$transaction([
    prisma.bid.update({ where: { id: bidId }, data: { state: 'FORFEITED' } }),
    prisma.bidding.update({ where: { id: bid.biddingId }, data: { state: 'OPENED' } }),
  ]);
  return forfeited;
}

/** 유찰: the round ends without a contract. Answers how many rounds of the instance have failed so far. */
export async function failBidding(prisma: PrismaClient, biddingId: string): Promise<number> {
  const bidding = await prisma.bidding.update({ where: { id: biddingId }, data: { state: 'FAILED' } });
  return prisma.bidding.count({ where: { processInstanceId: bidding.processInstanceId, state: 'FAILED' } });
}

export async function recordSingleSource(
  prisma: PrismaClient,
  request: { biddingId: string; contractor: string; price: number; reason: string; decidedBy: string; at: Date },
): Promise<Bidding> {
  const { biddingId, ...record } = request;
  return prisma.bidding.update({
    where: { id: biddingId },
    data: { singleSource: { ...record, at: record.at.toISOString() }, contractedAt: request.at },
  });
}

export async function answerObjection(
  prisma: PrismaClient,
  request: { objectionId: string; answer: string; answeredBy: string; at: Date },
) {
  return prisma.bidObjection.update({
    where: { id: request.objectionId },
    data: { answer: request.answer, answeredBy: request.answeredBy, answeredAt: request.at },
  });
}

/** Closes the window at its end; the window of an earlier, forfeited award leaves a later award's open. */
export async function closeObjections(prisma: PrismaClient, biddingId: string, at: Date): Promise<void> {
  await prisma.bidding.updateMany({
    where: { id: biddingId, objectionsClosedAt: null, objectionsCloseAt: { lte: at } },
    data: { objectionsClosedAt: at },
  });
}

function candidateOf(bid: Bid): Candidate {
  return { bidId: bid.id, bidder: bid.bidderName, price: Number(bid.price), rank: bid.rank ?? 0 };
}
