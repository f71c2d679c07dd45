/**
 * The deadline and the opening (개찰) of a bidding, run by its process at the announced instants. The opening is the
 * only place bids are unsealed: each bid's commitment is checked against what its seal holds, the reference price
 * (예정가격) is computed from the four most-picked preliminary prices, and the bids at or under it are ranked by price
 * for 적격심사. Idempotent: a retried opening finds the bidding already opened and answers the same.
 */
import { referencePrice, type ReferencePrice } from '../../gov/procurement/reference-price';
import type { Bidding, PrismaClient } from '../../prisma/generated/client';
import type { SealedPrices } from './announcement';
import { bidCommitment, type SealedBid } from './bids';
import { commitment, unseal } from './sealing';

/** An open competition needs two valid bids (국가계약법 시행령 §11); fewer is 유찰. ⚠ */
export const LEAST_VALID_BIDS = 2;

/** What the opening publishes on the bidding (Bidding.opening). */
export interface OpeningRecord {
  preliminaryPrices: number[];
  pricesNonce: string;
  referencePrice: number | null;
  averaged: number[];
  pickCounts: number[];
  explanation: string[];
  bidCount: number;
  validCount: number;
  eligibleCount: number;
  /** 유찰 at the opening: fewer valid bids than LEAST_VALID_BIDS. */
  failed: boolean;
}

export async function closeBidding(prisma: PrismaClient, biddingId: string, at: Date): Promise<Bidding> {
  await prisma.bidding.updateMany({ where: { id: biddingId, state: 'OPEN' }, data: { state: 'CLOSED', closedAt: at } });
  return prisma.bidding.findUniqueOrThrow({ where: { id: biddingId } });
}

export async function openBidding(
  prisma: PrismaClient,
  sealingKey: Buffer,
  biddingId: string,
  at: Date,
): Promise<OpeningRecord> {
  const bidding = await prisma.bidding.findUniqueOrThrow({ where: { id: biddingId }, include: { bids: true } });
  if (bidding.opening) return bidding.opening as unknown as OpeningRecord;

  const { prices, nonce } = unseal<SealedPrices>(sealingKey, bidding.id, bidding.sealedPrices);
  if (commitment([bidding.id, ...prices, nonce]) !== bidding.pricesCommitment)
    throw new Error(`The preliminary prices of ${bidding.noticeNumber} do not match their published commitment.`);
  const opened = bidding.bids.map((bid) => {
    const sealed = unseal<SealedBid>(sealingKey, bid.id, bid.sealed);
    return { bid, sealed, intact: bidCommitment(bidding, bid.bidderName, sealed) === bid.commitment };
  });
  const valid = opened.filter((entry) => entry.intact);
  const reference: ReferencePrice | undefined =
    valid.length > 0
      ? referencePrice({
          basePrice: Number(bidding.basePrice),
          preliminaryPrices: prices,
          picks: valid.map((entry) => entry.sealed.picks),
        })
      : undefined;
  const limit = reference?.referencePrice ?? -1;
  const eligible = valid
    .filter((entry) => entry.sealed.price <= limit)
    .sort((a, b) => a.sealed.price - b.sealed.price || a.bid.submittedAt.getTime() - b.bid.submittedAt.getTime());
  const failed = valid.length < LEAST_VALID_BIDS;
  const record: OpeningRecord = {
    preliminaryPrices: prices,
    pricesNonce: nonce,
    referencePrice: reference?.referencePrice ?? null,
    averaged: reference?.averaged ?? [],
    pickCounts: reference?.pickCounts ?? [],
    explanation: [
      ...(reference?.explanation.text ?? ['유효한 입찰이 없어 예정가격을 정하지 않았습니다.']),
      ...(failed
        ? [
            `유효한 입찰이 ${valid.length}건으로 ${LEAST_VALID_BIDS}건에 못 미쳐 유찰되었습니다 (국가계약법 시행령 §11).`,
          ]
        : []),
    ],
    bidCount: bidding.bids.length,
    validCount: valid.length,
    eligibleCount: failed ? 0 : eligible.length,
    failed,
  };
  await prisma.$transaction([
    ...opened.map(({ bid, sealed, intact }) => {
      const rank = failed ? -1 : eligible.findIndex((entry) => entry.bid.id === bid.id);
      return prisma.bid.update({
        where: { id: bid.id },
        data: {
          price: BigInt(sealed.price),
          bond: BigInt(sealed.bond),
          picks: sealed.picks,
          nonce: sealed.nonce,
          state: intact && rank >= 0 ? 'ELIGIBLE' : 'INELIGIBLE',
          rank: rank >= 0 ? rank + 1 : null,
        },
      });
    }),
    prisma.bidding.update({
      where: { id: bidding.id },
      data: { state: 'OPENED', openedAt: at, opening: { ...record } },
    }),
  ]);
  return record;
}
