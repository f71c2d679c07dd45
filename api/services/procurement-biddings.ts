/**
 * Biddings of the procurement-bidding process as the API shows them (processes/procurement-bidding/README.md): the
 * announcement to everyone, bids to their bidder and the contracting unit (404 to anyone else), and a bid's price,
 * bond and picks to nobody, administrators included, until the process has opened the bidding.
 */
import { z } from 'zod';
import { appendAudit } from '../../engine/audit';
import { publishMessage } from '../../engine/correlation';
import { submitBid as submitSealedBid, type BidEntry } from '../../engine/procurement/bids';
import type { OpeningRecord } from '../../engine/procurement/opening';
import { bidSealingKey } from '../../platform/config';
import { BidState, BiddingState, type Bid, type BidObjection, type Bidding } from '../../prisma/generated/client';
import { AppError } from '../../shared/app-error';
import { accessibleWhere, type Caller } from '../auth/ability';
import { engineDeps, type ServiceDeps } from '../deps';
import { findVisible } from './visible';
import { instant, itemsOf, localDate, rowId } from './answer-fields';

/** The legal minimum period of a bid announcement (gov/procurement/announcement.ts), as the rule answers it. */
export const announcementPeriodAnswer = z.object({
  announceBy: localDate,
  days: z.number().int(),
  article: z.string(),
  countedFrom: localDate,
  lastDayOfPeriod: localDate,
  explanation: z.object({ text: z.array(z.string()) }),
});

/** What the opening recorded (engine/procurement/opening.ts); shown once the bidding is opened. */
const openingView = z.object({
  preliminaryPrices: z.array(z.number().int()),
  pricesNonce: z.string(),
  referencePrice: z.number().int().nullable(),
  averaged: z.array(z.number().int()),
  pickCounts: z.array(z.number().int()),
  explanation: z.array(z.string()),
  bidCount: z.number().int(),
  validCount: z.number().int(),
  eligibleCount: z.number().int(),
  failed: z.boolean(),
});

/** 수의계약 after a second 유찰 (engine/procurement/award.ts). */
const singleSourceView = z.object({
  contractor: z.string(),
  price: z.number().int(),
  reason: z.string(),
  decidedBy: z.string(),
  at: z.iso.datetime(),
});

export const biddingAnswer = z.object({
  id: rowId,
  processInstanceId: rowId,
  noticeNumber: z.string(),
  round: z.number().int(),
  title: z.string(),
  kind: z.string().describe('goods, services or works'),
  estimatedPrice: z.number().int(),
  basePrice: z.number().int(),
  siteBriefing: z.boolean(),
  urgent: z.boolean(),
  state: z.enum(BiddingState),
  announcedBy: z.string(),
  announcedAt: instant,
  bidDeadline: instant,
  openingAt: instant,
  period: announcementPeriodAnswer.extend({ reannouncement: z.boolean() }),
  pricesCommitment: z.string(),
  openedAt: instant.nullable(),
  opening: openingView.nullable(),
  awardedAt: instant.nullable(),
  objectionsCloseAt: instant.nullable(),
  objectionsClosedAt: instant.nullable(),
  contractedAt: instant.nullable(),
  singleSource: singleSourceView.nullable(),
});
export const biddingListAnswer = itemsOf(biddingAnswer);

/** A bid: sealed (price, bond, picks and nonce null) until its bidding is opened. */
export const bidAnswer = z.object({
  id: rowId,
  biddingId: rowId,
  bidder: z.string(),
  submittedAt: instant,
  commitment: z.string(),
  sealed: z.boolean(),
  state: z.enum(BidState),
  price: z.number().int().nullable(),
  bond: z.number().int().nullable(),
  picks: z.array(z.number().int()).nullable(),
  nonce: z.string().nullable(),
  rank: z.number().int().nullable(),
  reviewScore: z.number().int().nullable(),
});

export const bidObjectionAnswer = z.object({
  id: rowId,
  bidder: z.string(),
  text: z.string(),
  submittedAt: instant,
  answer: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answeredAt: instant.nullable(),
});

/** A bidding with the bids and objections the caller may see. */
export const biddingDetailAnswer = biddingAnswer.extend({
  bids: z.array(bidAnswer),
  objections: z.array(bidObjectionAnswer),
});

/** The message an objection is delivered to its process by (the model's boundary event). */
export const OBJECTION_MESSAGE = 'procurement-objection';

export async function listBiddings(
  { prisma }: ServiceDeps,
  { ability }: Caller,
): Promise<z.input<typeof biddingAnswer>[]> {
  const where = accessibleWhere(ability, 'read', 'Bidding');
  if (!where) return [];
  const rows = await prisma.bidding.findMany({ where, orderBy: { announcedAt: 'desc' }, take: 200 });
  return rows.map(toBiddingView);
}

export async function getBidding(
  { prisma }: ServiceDeps,
  caller: Caller,
  id: string,
): Promise<z.input<typeof biddingDetailAnswer>> {
  const bidding = await findVisible(caller, 'read', 'Bidding', id, (where) => prisma.bidding.findFirst({ where }));
  const bidWhere = accessibleWhere(caller.ability, 'read', 'Bid');
  const bids = bidWhere
    ? await prisma.bid.findMany({ where: { AND: [bidWhere, { biddingId: id }] }, orderBy: { submittedAt: 'asc' } })
    : [];
  const objectionWhere = accessibleWhere(caller.ability, 'read', 'BidObjection');
  const objections = objectionWhere
    ? await prisma.bidObjection.findMany({
        where: { AND: [objectionWhere, { biddingId: id }] },
        orderBy: { submittedAt: 'asc' },
      })
    : [];
  return {
    ...toBiddingView(bidding),
    bids: bids.map((bid) => toBidView(bid, bidding)),
    objections: objections.map(toObjectionView),
  };
}

export async function getBid(
  { prisma }: ServiceDeps,
  caller: Caller,
  biddingId: string,
  bidId: string,
): Promise<z.input<typeof bidAnswer>> {
  const bid = await findVisible(caller, 'read', 'Bid', bidId, (where) =>
    prisma.bid.findFirst({ where: { AND: [where, { biddingId }] }, include: { bidding: true } }),
  );
  return toBidView(bid, bid.bidding);
}

export async function submitBid(
  deps: ServiceDeps,
  caller: Caller,
  biddingId: string,
  entry: BidEntry,
): Promise<z.input<typeof bidAnswer>> {
  const { principal, ability, sourceAddress } = caller;
  if (!ability.can('create', 'Bid'))
    throw new AppError('FORBIDDEN', 'Only bidders (external parties) submit bids; a civil servant cannot bid.');
  const bidding = await findVisible(caller, 'read', 'Bidding', biddingId, (where) =>
    deps.prisma.bidding.findFirst({ where }),
  );
  const bid = await submitSealedBid(deps.prisma, bidSealingKey(deps.config), {
    bidding,
    bidder: principal,
    entry,
    now: new Date(),
  });
  // The trail records that a bid arrived and its commitment, never what it holds.
  await appendAudit(deps.prisma, {
    actor: principal.username,
    sourceAddress,
    action: 'bid.submitted',
    objectType: 'Bid',
    objectId: bid.id,
    details: { biddingId, noticeNumber: bidding.noticeNumber, commitment: bid.commitment },
  });
  return toBidView(bid, bidding);
}

export async function submitObjection(
  deps: ServiceDeps,
  caller: Caller,
  biddingId: string,
  text: string,
): Promise<z.input<typeof bidObjectionAnswer>> {
  const { principal, ability, sourceAddress } = caller;
  if (!ability.can('create', 'BidObjection'))
    throw new AppError('FORBIDDEN', 'Only the bidders of a bidding may object to its award.');
  const bidding = await findVisible(caller, 'read', 'Bidding', biddingId, (where) =>
    deps.prisma.bidding.findFirst({ where }),
  );
  const ownBid = await deps.prisma.bid.findUnique({
    where: { biddingId_bidderId: { biddingId, bidderId: principal.id } },
  });
  if (!ownBid) throw new AppError('FORBIDDEN', `Only the bidders of ${bidding.noticeNumber} may object to its award.`);
  if (!bidding.awardedAt || !bidding.objectionsCloseAt || bidding.objectionsClosedAt)
    throw new AppError(
      'CONFLICT',
      bidding.objectionsClosedAt
        ? `이의신청 기간이 끝났습니다 (${bidding.objectionsCloseAt?.toISOString()}). The objection window has closed.`
        : 'There is no award to object to yet.',
    );
  const objection = await deps.prisma.bidObjection.create({
    data: { biddingId, bidderId: principal.id, bidderName: principal.username, text },
  });
  await appendAudit(deps.prisma, {
    actor: principal.username,
    sourceAddress,
    action: 'bid.objected',
    objectType: 'Bidding',
    objectId: biddingId,
    details: { objectionId: objection.id },
  });
  await publishMessage(engineDeps(deps), {
    name: OBJECTION_MESSAGE,
    correlationKey: biddingId,
    variables: { objection: { id: objection.id, bidder: principal.username, text } },
    publishedBy: principal,
  });
  return toObjectionView(objection);
}

type BiddingAnswer = z.input<typeof biddingAnswer>;

function toBiddingView(bidding: Bidding): BiddingAnswer {
  // The JSON columns hold what the engine wrote: the announcement period, the opening, the single-source record.
  const opening = bidding.opening as unknown as OpeningRecord | null;
  return {
    id: bidding.id,
    processInstanceId: bidding.processInstanceId,
    noticeNumber: bidding.noticeNumber,
    round: bidding.round,
    title: bidding.title,
    kind: bidding.kind,
    estimatedPrice: Number(bidding.estimatedPrice),
    basePrice: Number(bidding.basePrice),
    siteBriefing: bidding.siteBriefing,
    urgent: bidding.urgent,
    state: bidding.state,
    announcedBy: bidding.announcedBy,
    announcedAt: bidding.announcedAt,
    bidDeadline: bidding.bidDeadline,
    openingAt: bidding.openingAt,
    period: bidding.period as unknown as BiddingAnswer['period'],
    pricesCommitment: bidding.pricesCommitment,
    openedAt: bidding.openedAt,
    opening: bidding.openedAt ? opening : null,
    awardedAt: bidding.awardedAt,
    objectionsCloseAt: bidding.objectionsCloseAt,
    objectionsClosedAt: bidding.objectionsClosedAt,
    contractedAt: bidding.contractedAt,
    singleSource: bidding.singleSource as unknown as BiddingAnswer['singleSource'],
  };
}

/** A bid as anyone may see it: sealed (no price, bond or picks) until its bidding is opened. */
function toBidView(bid: Bid, bidding: Pick<Bidding, 'openedAt'>): z.input<typeof bidAnswer> {
  const opened = bidding.openedAt !== null;
  return {
    id: bid.id,
    biddingId: bid.biddingId,
    bidder: bid.bidderName,
    submittedAt: bid.submittedAt,
    commitment: bid.commitment,
    sealed: !opened,
    state: bid.state,
    price: opened && bid.price !== null ? Number(bid.price) : null,
    bond: opened && bid.bond !== null ? Number(bid.bond) : null,
    picks: opened ? bid.picks : null,
    nonce: opened ? bid.nonce : null,
    rank: bid.rank,
    reviewScore: bid.reviewScore,
  };
}

function toObjectionView(objection: BidObjection): z.input<typeof bidObjectionAnswer> {
  return {
    id: objection.id,
    bidder: objection.bidderName,
    text: objection.text,
    submittedAt: objection.submittedAt,
    answer: objection.answer,
    answeredBy: objection.answeredBy,
    answeredAt: objection.answeredAt,
  };
}
