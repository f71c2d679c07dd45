/**
 * 입찰공고의 시기 (국가계약법 시행령 §35): the minimum period of a bid announcement and the last day its notice may be
 * published. The period is in calendar days (민법 counting), counted back from the day before the deadline or the
 * site briefing, which is day 1. Pure: dates in, answer out (docs/procurement.md).
 */
import { CalendarError } from '../calendar/errors';
import { koreanDate as withWeekday } from '../calendar/explanation';
import { addDays, isLocalDate, kstDate, parseInstant, type LocalDate } from '../calendar/local-date';
import { ProcurementInputError } from './procurement-input-error';
import { wonText } from './won-text';

export const CONTRACT_KINDS = ['goods', 'services', 'works'] as const;
export type ContractKind = (typeof CONTRACT_KINDS)[number];

/** §35③ works without a site briefing, by 추정가격: each band runs up to, not including, `below` won. ⚠ checked by hand */
export const WORKS_PRICE_BANDS = [
  { below: 1_000_000_000, days: 7, label: '10억원 미만' },
  { below: 5_000_000_000, days: 15, label: '10억원 이상 50억원 미만' },
  { below: Number.POSITIVE_INFINITY, days: 40, label: '50억원 이상' },
] as const;

/** The other periods of §35, in days. */
export const ANNOUNCEMENT_DAYS = {
  /** ① every bid not otherwise named */
  general: 7,
  /** ② works with a site briefing, counted to the briefing */
  siteBriefing: 7,
  /** ④ re-announcement (재공고입찰), early budget execution, a schedule tied to another project, urgent events */
  urgent: 5,
  /** ⑤ 협상에 의한 계약 */
  negotiated: 40,
  /** ⑤ 단서: a negotiated contract in a case of ④ */
  negotiatedUrgent: 10,
} as const;

export interface AnnouncementRequest {
  kind: ContractKind;
  /** 추정가격 in won; it decides the period only for works without a site briefing. */
  estimatedPrice?: number;
  siteBriefing: boolean;
  /** A case of §35④: re-announcement, early budget execution, schedule tie-in, urgent event or disaster. */
  urgent: boolean;
  /** 협상에 의한 계약 (§35⑤); the deadline is then the proposals' deadline. */
  negotiated: boolean;
  /** The submission deadline: an ISO 8601 date-time with its offset, or a date (YYYY-MM-DD), in Korea. */
  bidDeadline: string;
  /** The site briefing's date or date-time (works with a site briefing only): the period then counts to it. */
  siteBriefingDate?: string;
}

export interface AnnouncementPeriod {
  /** The last day (Korea) on which the notice may be published for the period to be met. */
  announceBy: LocalDate;
  days: number;
  article: string;
  /** Day 1 of the count: the day before the deadline or the briefing. */
  countedFrom: LocalDate;
  /** The `days`-th day counted back; the notice must be out before it begins. */
  lastDayOfPeriod: LocalDate;
  /** Korean sentences, the article first: the same shape as every rule endpoint's explanation. */
  explanation: { text: string[] };
}

interface Rule {
  days: number;
  article: string;
  /** Why this period applies, a Korean sentence. */
  reason: string;
  /** What day 1 is the eve of. */
  countsTo: 'deadline' | 'briefing';
}

export function announcementPeriod(request: AnnouncementRequest): AnnouncementPeriod {
  const deadline = koreanDate(request.bidDeadline, 'bidDeadline');
  const briefing = briefingDate(request, deadline);
  const rule = ruleFor(request);
  // A briefing day is accepted only where §35② counts to it (briefingDate), so it is the anchor whenever given.
  const anchor = briefing ?? deadline;
  const countedFrom = addDays(anchor, -1);
  const lastDayOfPeriod = addDays(countedFrom, -(rule.days - 1));
  const announceBy = addDays(lastDayOfPeriod, -1);
  const anchorName = briefing ? '현장설명일' : deadlineName(request);
  const text = [
    `${rule.article}: ${rule.reason}`,
    `${anchorName} ${anchor}의 전일 ${countedFrom}을 1일째로 하여 거꾸로 세면 ${rule.days}일째는 ${lastDayOfPeriod}이고, ` +
      `공고는 그 전에 하여야 하므로 늦어도 ${withWeekday(announceBy)}에 공고하여야 합니다.`,
    ...(rule.countsTo === 'briefing' && !briefing
      ? [
          '현장설명일(siteBriefingDate)이 주어지지 않아 입찰서 제출 마감일로 계산하였습니다. ' +
            '현장설명이 그보다 앞서면 현장설명일 전일부터 다시 세어야 하며 공고일은 더 앞당겨집니다.',
        ]
      : []),
    '기간은 근무일이 아니라 역일(달력상의 날, 민법의 기간 계산)로 세며, 토요일과 공휴일도 기간에 들어갑니다.',
    `${announceBy}이 토요일이나 공휴일이어도 옮기지 않습니다. 민법 §161(말일이 공휴일이면 그 다음 날 만료)은 ` +
      '앞으로 세는 기간을 늘리는 규정이라, 거꾸로 세는 공고기간에 적용하면 입찰자의 준비기간이 줄어들기 때문입니다. ' +
      '그날 공고할 수 없으면 더 일찍 공고하십시오.',
  ];
  return { announceBy, days: rule.days, article: rule.article, countedFrom, lastDayOfPeriod, explanation: { text } };
}

/** The period that applies, most specific paragraph first: ⑤ negotiated, ④ urgent, ② briefing, ③ bands, ① general. */
function ruleFor(request: AnnouncementRequest): Rule {
  const { kind, siteBriefing, urgent, negotiated } = request;
  if (negotiated)
    return urgent
      ? {
          days: ANNOUNCEMENT_DAYS.negotiatedUrgent,
          article: '국가계약법 시행령 §35⑤ 단서',
          reason: `협상에 의한 계약으로서 §35④의 긴급한 경우에는 제안서 제출 마감일 전일부터 기산하여 ${ANNOUNCEMENT_DAYS.negotiatedUrgent}일 전까지 공고할 수 있습니다.`,
          countsTo: 'deadline',
        }
      : {
          days: ANNOUNCEMENT_DAYS.negotiated,
          article: '국가계약법 시행령 §35⑤',
          reason: `협상에 의한 계약은 제안서 제출 마감일 전일부터 기산하여 ${ANNOUNCEMENT_DAYS.negotiated}일 전에 공고하여야 합니다.`,
          countsTo: 'deadline',
        };
  if (urgent)
    return {
      days: ANNOUNCEMENT_DAYS.urgent,
      article: '국가계약법 시행령 §35④',
      reason: `재공고입찰이거나 긴급한 경우에는 물품·용역·공사의 구분과 추정가격에 관계없이 입찰서 제출 마감일 전일부터 기산하여 ${ANNOUNCEMENT_DAYS.urgent}일 전까지 공고할 수 있습니다.`,
      countsTo: 'deadline',
    };
  if (kind === 'works' && siteBriefing)
    return {
      days: ANNOUNCEMENT_DAYS.siteBriefing,
      article: '국가계약법 시행령 §35②',
      reason: `현장설명을 하는 공사 입찰은 추정가격에 관계없이 현장설명일 전일부터 기산하여 ${ANNOUNCEMENT_DAYS.siteBriefing}일 전에 공고하여야 합니다.`,
      countsTo: 'briefing',
    };
  if (kind === 'works') {
    const price = worksPrice(request.estimatedPrice);
    const band = WORKS_PRICE_BANDS.find((candidate) => price < candidate.below) ?? WORKS_PRICE_BANDS[2];
    return {
      days: band.days,
      article: '국가계약법 시행령 §35③',
      reason: `현장설명을 하지 않는 공사 입찰로서 추정가격 ${wonText(price)}원은 ${band.label}이므로 입찰서 제출 마감일 전일부터 기산하여 ${band.days}일 전에 공고하여야 합니다.`,
      countsTo: 'deadline',
    };
  }
  return {
    days: ANNOUNCEMENT_DAYS.general,
    article: '국가계약법 시행령 §35①',
    reason:
      `${kind === 'goods' ? '물품' : '용역'} 입찰은 입찰서 제출 마감일 전일부터 기산하여 ${ANNOUNCEMENT_DAYS.general}일 전에 공고하여야 합니다` +
      (siteBriefing ? ' (현장설명일로 세는 것은 공사 입찰뿐입니다).' : '.'),
    countsTo: 'deadline',
  };
}

function deadlineName({ negotiated }: AnnouncementRequest): string {
  return negotiated ? '제안서 제출 마감일' : '입찰서 제출 마감일';
}

function worksPrice(estimatedPrice: number | undefined): number {
  if (estimatedPrice === undefined)
    throw new ProcurementInputError(
      'estimatedPrice',
      'is required for works without a site briefing: the period depends on the estimated price (추정가격) in won.',
    );
  if (!Number.isSafeInteger(estimatedPrice) || estimatedPrice < 0)
    throw new ProcurementInputError('estimatedPrice', 'must be a whole, non-negative number of won.');
  return estimatedPrice;
}

/** The briefing's date, checked: only for works with a site briefing, counted in §35②, not after the deadline. */
function briefingDate(request: AnnouncementRequest, deadline: LocalDate): LocalDate | undefined {
  if (request.siteBriefingDate === undefined) return undefined;
  const briefing = koreanDate(request.siteBriefingDate, 'siteBriefingDate');
  if (request.kind !== 'works' || !request.siteBriefing)
    throw new ProcurementInputError(
      'siteBriefingDate',
      'applies only to works with siteBriefing=true (§35②); leave it out otherwise.',
    );
  if (request.urgent || request.negotiated)
    throw new ProcurementInputError(
      'siteBriefingDate',
      `does not apply to ${request.negotiated ? 'a negotiated contract (§35⑤)' : 'an urgent announcement (§35④)'}, which counts from the deadline; leave it out.`,
    );
  if (briefing > deadline)
    throw new ProcurementInputError('siteBriefingDate', `${briefing} is after the bid deadline ${deadline}.`);
  return briefing;
}

/** The Korean civil date of an ISO date or an ISO date-time with its offset. */
function koreanDate(text: string, parameter: string): LocalDate {
  if (isLocalDate(text)) return text;
  try {
    return kstDate(parseInstant(text, parameter));
  } catch (error) {
    if (!(error instanceof CalendarError)) throw error;
    throw new ProcurementInputError(
      parameter,
      `'${text}' is not an ISO 8601 date (2026-03-20) or date-time with an offset (2026-03-20T10:00:00+09:00).`,
    );
  }
}
