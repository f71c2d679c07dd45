/**
 * Publishing a bid announcement (입찰공고): the date is checked against the legal minimum period
 * (gov/procurement/announcement.ts), and the 15 preliminary prices are drawn and sealed at once, so that nobody, the
 * officer included, knows them before the opening.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { kstDate } from '../../gov/calendar/local-date';
import { announcementPeriod, type ContractKind } from '../../gov/procurement/announcement';
import { ProcurementInputError } from '../../gov/procurement/procurement-input-error';
import { PRELIMINARY_PRICE_COUNT, preliminaryPriceRange } from '../../gov/procurement/reference-price';
import type { Bidding, PrismaClient } from '../../prisma/generated/client';
import { commitment, newNonce, seal } from './sealing';

export interface AnnouncementDraft {
  title: string;
  kind: ContractKind;
  /** 추정가격 in won: decides the period of works. */
  estimatedPrice: number;
  /** 기초금액 in won: the preliminary prices are drawn around it. */
  basePrice: number;
  siteBriefing: boolean;
  urgent: boolean;
  /** ISO 8601 with an offset. */
  bidDeadline: string;
  openingAt: string;
}

export interface AnnouncementRequest {
  processInstanceId: string;
  /** 1 for the first announcement, 2 for the re-announcement after a failed round. */
  round: number;
  announcedBy: string;
  announcedAt: Date;
  draft: AnnouncementDraft;
}

export type AnnouncementOutcome = { accepted: true; bidding: Bidding } | { accepted: false; refusal: string };

/** What the preliminary prices' seal holds. */
export interface SealedPrices {
  prices: number[];
  nonce: string;
}

export async function announceBidding(
  prisma: PrismaClient,
  sealingKey: Buffer,
  request: AnnouncementRequest,
): Promise<AnnouncementOutcome> {
  const { processInstanceId, round, draft } = request;
  // A retried activity finds the round it already published.
  const published = await prisma.bidding.findUnique({
    where: { processInstanceId_round: { processInstanceId, round } },
  });
  if (published) return { accepted: true, bidding: published };

  const checked = checkDraft(request);
  if ('refusal' in checked) return { accepted: false, refusal: checked.refusal };

  const id = randomUUID();
  const prices = drawPreliminaryPrices(draft.basePrice);
  const nonce = newNonce();
  const instance = await prisma.processInstance.findUnique({ where: { id: processInstanceId } });
  const bidding = await prisma.bidding.create({
    data: {
      id,
      processInstanceId,
      round,
      noticeNumber: await noticeNumber(prisma, processInstanceId, round, request.announcedAt),
      title: draft.title,
      kind: draft.kind,
      estimatedPrice: BigInt(draft.estimatedPrice),
      basePrice: BigInt(draft.basePrice),
      siteBriefing: draft.siteBriefing,
      urgent: draft.urgent || round > 1,
      orgUnitId: instance?.orgUnitId ?? null,
      announcedBy: request.announcedBy,
      announcedAt: request.announcedAt,
      bidDeadline: new Date(draft.bidDeadline),
      openingAt: new Date(draft.openingAt),
      period: checked.period,
      sealedPrices: seal(sealingKey, id, { prices, nonce } satisfies SealedPrices),
      pricesCommitment: commitment([id, ...prices, nonce]),
    },
  });
  return { accepted: true, bidding };
}

/** The refusal in Korean, or the period that the announcement meets. */
function checkDraft({ draft, announcedAt, round }: AnnouncementRequest): { refusal: string } | { period: object } {
  const deadline = Date.parse(draft.bidDeadline);
  const opening = Date.parse(draft.openingAt);
  if (Number.isNaN(deadline) || Number.isNaN(opening))
    return { refusal: '입찰마감일시와 개찰일시는 시간대를 포함한 일시여야 합니다 (예: 2027-03-16T10:00:00+09:00).' };
  if (deadline <= announcedAt.getTime()) return { refusal: '입찰마감일시가 공고일시보다 늦어야 합니다.' };
  if (opening < deadline) return { refusal: '개찰일시는 입찰마감일시 이후여야 합니다.' };
  const reannouncement = round > 1;
  try {
    const period = announcementPeriod({
      kind: draft.kind,
      estimatedPrice: draft.estimatedPrice,
      siteBriefing: draft.siteBriefing,
      urgent: draft.urgent || reannouncement,
      negotiated: false,
      bidDeadline: draft.bidDeadline,
    });
    const announcedOn = kstDate(announcedAt.getTime());
    if (announcedOn > period.announceBy)
      return {
        refusal:
          `공고일 ${announcedOn}은(는) 공고기간을 지키지 못합니다: 늦어도 ${period.announceBy}에 공고하여야 합니다. ` +
          period.explanation.text.join(' '),
      };
    return { period: { ...period, reannouncement } };
  } catch (error) {
    if (error instanceof ProcurementInputError) return { refusal: `공고 내용을 확인하세요: ${error.message}` };
    throw error;
  }
}

/** Fifteen whole-won prices drawn uniformly within ±2% of the base amount (a CSPRNG: nobody can predict them). */
function drawPreliminaryPrices(basePrice: number): number[] {
  const { min, max } = preliminaryPriceRange(basePrice);
  return Array.from({ length: PRELIMINARY_PRICE_COUNT }, () => randomInt(min, max + 1));
}

/** 공고번호 year-sequence-round: a re-announcement keeps its first round's sequence. */
async function noticeNumber(prisma: PrismaClient, processInstanceId: string, round: number, at: Date): Promise<string> {
  const first = await prisma.bidding.findUnique({
    where: { processInstanceId_round: { processInstanceId, round: 1 } },
  });
  const year = kstDate(at.getTime()).slice(0, 4);
  const sequence = first
    ? first.noticeNumber.split('-')[1]
    : String(
        (await prisma.bidding.count({ where: { round: 1, noticeNumber: { startsWith: `${year}-` } } })) + 1,
      ).padStart(4, '0');
  return `${year}-${sequence}-${String(round).padStart(2, '0')}`;
}
