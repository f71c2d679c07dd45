/**
 * Biddings of the procurement-bidding process as the API shows them (processes/procurement-bidding/README.md): the
 * announcement to everyone, bids to their bidder and the contracting unit (404 to anyone else), and a bid's price,
 * bond and picks to nobody, administrators included, until the process has opened the bidding.
 */
import { appendAudit } from '../../engine/audit';
import { publishMessage } from '../../engine/correlation';
import { submitBid as submitSealedBid, type BidEntry } from '../../engine/procurement/bids';
import type { OpeningRecord } from '../../engine/procurement/opening';
import { bidSealingKey } from '../../platform/config';
import type { Bid, BidObjection, Bidding } from '../../prisma/generated/client';
import { AppError } from '../../shared/app-error';
import { accessibleWhere, type Caller } from '../auth/ability';
import { engineDeps, type ServiceDeps } from '../deps';
import { findVisible } from './visible';

/** The message an objection is delivered to its process by (the model's boundary event). */
export const OBJECTION_MESSAGE = 'procurement-objection';

export async function listBiddings({ prisma }: ServiceDeps, { ability }: Caller) {
  const where = accessibleWhere(ability, 'read', 'Bidding');
  if (!where) return [];
  const rows = await prisma.bidding.findMany({ where, orderBy: { announcedAt: 'desc' }, take: 200 });
  return rows.map(biddingView);
}

export async function getBidding({ prisma }: ServiceDeps, caller: Caller, id: string) {
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
    ...biddingView(bidding),
    bids: bids.map((bid) => bidView(bid, bidding)),
    objections: objections.map(objectionView),
  };
}

export async function getBid({ prisma }: ServiceDeps, caller: Caller, biddingId: string, bidId: string) {
  const bid = await findVisible(caller, 'read', 'Bid', bidId, (where) =>
    prisma.bid.findFirst({ where: { AND: [where, { biddingId }] }, include: { bidding: true } }),
  );
  return bidView(bid, bid.bidding);
}

export async function submitBid(deps: ServiceDeps, caller: Caller, biddingId: string, entry: BidEntry) {
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
  return bidView(bid, bidding);
}

export async function submitObjection(deps: ServiceDeps, caller: Caller, biddingId: string, text: string) {
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
  return objectionView(objection);
}

function biddingView(bidding: Bidding) {
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
    period: bidding.period,
    pricesCommitment: bidding.pricesCommitment,
    openedAt: bidding.openedAt,
    opening: bidding.openedAt ? opening : null,
    awardedAt: bidding.awardedAt,
    objectionsCloseAt: bidding.objectionsCloseAt,
    objectionsClosedAt: bidding.objectionsClosedAt,
    contractedAt: bidding.contractedAt,
    singleSource: bidding.singleSource,
  };
}

/** A bid as anyone may see it: sealed (no price, bond or picks) until its bidding is opened. */
function bidView(bid: Bid, bidding: Pick<Bidding, 'openedAt'>) {
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

function objectionView(objection: BidObjection) {
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
