/**
 * Sealed bids (docs/procurement.md): a bid is accepted only while its bidding is open and before the deadline; its
 * price, bond and picks are stored sealed, and the bidder receives the commitment as a receipt. Nothing here or
 * anywhere reads a price before the opening has written it in the clear.
 */
import { randomUUID } from 'node:crypto';
import { BID_BOND_PERCENT, bondFor } from '../../gov/procurement/award-periods';
import { wonText } from '../../gov/procurement/won-text';
import type { Bid, Bidding, PrismaClient } from '../../prisma/generated/client';
import { AppError } from '../../shared/app-error';
import { commitment, newNonce, seal } from './sealing';

export interface BidEntry {
  price: number;
  bond: number;
  /** Two different numbers of the 15 preliminary prices. */
  picks: [number, number];
}

/** What a bid's seal holds. */
export interface SealedBid extends BidEntry {
  nonce: string;
}

export function bidCommitment(bidding: Pick<Bidding, 'id'>, bidderName: string, bid: SealedBid): string {
  return commitment([bidding.id, bidderName, bid.price, bid.bond, ...bid.picks, bid.nonce]);
}

export async function submitBid(
  prisma: PrismaClient,
  sealingKey: Buffer,
  request: { bidding: Bidding; bidder: { id: string; username: string }; entry: BidEntry; now: Date },
): Promise<Bid> {
  const { bidding, bidder, entry, now } = request;
  // The process closes the bidding when its deadline timer fires; the clock check covers the moments before it does.
  if (bidding.state !== 'OPEN' || now >= bidding.bidDeadline)
    throw new AppError(
      'CONFLICT',
      `입찰이 마감되었습니다: 공고 ${bidding.noticeNumber}의 입찰서 제출 마감은 ${bidding.bidDeadline.toISOString()}였습니다. ` +
        'Bids are accepted only before the deadline.',
    );
  const leastBond = bondFor(entry.price, BID_BOND_PERCENT);
  if (entry.bond < leastBond)
    throw new AppError(
      'VALIDATION_FAILED',
      `bond: 입찰보증금은 입찰가의 ${BID_BOND_PERCENT}% 이상, ${wonText(leastBond)}원 이상이어야 합니다.`,
    );
  if (await prisma.bid.findUnique({ where: { biddingId_bidderId: { biddingId: bidding.id, bidderId: bidder.id } } }))
    throw new AppError('CONFLICT', `You have already bid on ${bidding.noticeNumber}; a sealed bid cannot be changed.`);
  const id = randomUUID();
  const sealed: SealedBid = { ...entry, nonce: newNonce() };
  return prisma.bid.create({
    data: {
      id,
      biddingId: bidding.id,
      bidderId: bidder.id,
      bidderName: bidder.username,
      submittedAt: now,
      sealed: seal(sealingKey, id, sealed),
      commitment: bidCommitment(bidding, bidder.username, sealed),
    },
  });
}
