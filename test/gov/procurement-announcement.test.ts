/**
 * 입찰공고의 시기 (국가계약법 시행령 §35). Each row is counted by hand on a wall calendar: the day before the deadline
 * (or the briefing) is day 1, the `days`-th day back ends the period, and the notice must be out the day before it.
 */
import { announcementPeriod, type AnnouncementRequest } from '../../gov/procurement/announcement';
import { refusedParameter } from './refused-parameter';

const goods = { kind: 'goods', siteBriefing: false, urgent: false, negotiated: false } as const;
const works = { ...goods, kind: 'works' } as const;

interface Case {
  name: string;
  request: AnnouncementRequest;
  days: number;
  article: string;
  countedFrom: string;
  lastDayOfPeriod: string;
  announceBy: string;
}

const cases: Case[] = [
  {
    name: 'goods: 7 days back from 3/19, the 7th day is 3/13, publish by 3/12',
    request: { ...goods, bidDeadline: '2026-03-20T10:00:00+09:00' },
    days: 7,
    article: '국가계약법 시행령 §35①',
    countedFrom: '2026-03-19',
    lastDayOfPeriod: '2026-03-13',
    announceBy: '2026-03-12',
  },
  {
    name: 'services with a site briefing: still §35① from the deadline (the briefing counts only for works)',
    request: { ...goods, kind: 'services', siteBriefing: true, bidDeadline: '2026-03-20' },
    days: 7,
    article: '국가계약법 시행령 §35①',
    countedFrom: '2026-03-19',
    lastDayOfPeriod: '2026-03-13',
    announceBy: '2026-03-12',
  },
  {
    name: 'a deadline given in UTC is counted on its Korean date (19th 16:00 UTC is the 20th 01:00 in Seoul)',
    request: { ...goods, bidDeadline: '2026-03-19T16:00:00Z' },
    days: 7,
    article: '국가계약법 시행령 §35①',
    countedFrom: '2026-03-19',
    lastDayOfPeriod: '2026-03-13',
    announceBy: '2026-03-12',
  },
  {
    name: 'works of 0 won without a briefing: the lowest band, 7 days',
    request: { ...works, estimatedPrice: 0, bidDeadline: '2026-03-20' },
    days: 7,
    article: '국가계약법 시행령 §35③',
    countedFrom: '2026-03-19',
    lastDayOfPeriod: '2026-03-13',
    announceBy: '2026-03-12',
  },
  {
    name: 'works one won under 1 billion: 7 days',
    request: { ...works, estimatedPrice: 999_999_999, bidDeadline: '2026-03-20' },
    days: 7,
    article: '국가계약법 시행령 §35③',
    countedFrom: '2026-03-19',
    lastDayOfPeriod: '2026-03-13',
    announceBy: '2026-03-12',
  },
  {
    name: 'works of exactly 1 billion: 15 days (10억원 이상), the 15th day is 3/5, publish by 3/4',
    request: { ...works, estimatedPrice: 1_000_000_000, bidDeadline: '2026-03-20' },
    days: 15,
    article: '국가계약법 시행령 §35③',
    countedFrom: '2026-03-19',
    lastDayOfPeriod: '2026-03-05',
    announceBy: '2026-03-04',
  },
  {
    name: 'works one won under 5 billion: 15 days',
    request: { ...works, estimatedPrice: 4_999_999_999, bidDeadline: '2026-03-20' },
    days: 15,
    article: '국가계약법 시행령 §35③',
    countedFrom: '2026-03-19',
    lastDayOfPeriod: '2026-03-05',
    announceBy: '2026-03-04',
  },
  {
    name: 'works of exactly 5 billion: 40 days (50억원 이상), back through February (28 days in 2026), publish by 2/7',
    request: { ...works, estimatedPrice: 5_000_000_000, bidDeadline: '2026-03-20' },
    days: 40,
    article: '국가계약법 시행령 §35③',
    countedFrom: '2026-03-19',
    lastDayOfPeriod: '2026-02-08',
    announceBy: '2026-02-07',
  },
  {
    name: 'works of 30 billion, 40 days back across the year end: publish by 2026-11-30',
    request: { ...works, estimatedPrice: 30_000_000_000, bidDeadline: '2027-01-10' },
    days: 40,
    article: '국가계약법 시행령 §35③',
    countedFrom: '2027-01-09',
    lastDayOfPeriod: '2026-12-01',
    announceBy: '2026-11-30',
  },
  {
    name: 'works with a briefing on 3/10: 7 days back from 3/9, publish by 3/2, whatever the price',
    request: {
      ...works,
      siteBriefing: true,
      estimatedPrice: 8_000_000_000,
      siteBriefingDate: '2026-03-10T14:00:00+09:00',
      bidDeadline: '2026-03-20',
    },
    days: 7,
    article: '국가계약법 시행령 §35②',
    countedFrom: '2026-03-09',
    lastDayOfPeriod: '2026-03-03',
    announceBy: '2026-03-02',
  },
  {
    name: 'works with a briefing whose day is not given: 7 days from the deadline, the latest it could be',
    request: { ...works, siteBriefing: true, bidDeadline: '2026-03-20' },
    days: 7,
    article: '국가계약법 시행령 §35②',
    countedFrom: '2026-03-19',
    lastDayOfPeriod: '2026-03-13',
    announceBy: '2026-03-12',
  },
  {
    name: 'urgent goods (재공고입찰): 5 days, publish by 3/14',
    request: { ...goods, urgent: true, bidDeadline: '2026-03-20' },
    days: 5,
    article: '국가계약법 시행령 §35④',
    countedFrom: '2026-03-19',
    lastDayOfPeriod: '2026-03-15',
    announceBy: '2026-03-14',
  },
  {
    name: 'urgent works of 8 billion: 5 days, §35④ overrides the price bands',
    request: { ...works, urgent: true, estimatedPrice: 8_000_000_000, bidDeadline: '2026-03-20' },
    days: 5,
    article: '국가계약법 시행령 §35④',
    countedFrom: '2026-03-19',
    lastDayOfPeriod: '2026-03-15',
    announceBy: '2026-03-14',
  },
  {
    name: 'urgent works with a briefing: 5 days from the deadline',
    request: { ...works, urgent: true, siteBriefing: true, bidDeadline: '2026-03-20' },
    days: 5,
    article: '국가계약법 시행령 §35④',
    countedFrom: '2026-03-19',
    lastDayOfPeriod: '2026-03-15',
    announceBy: '2026-03-14',
  },
  {
    name: 'negotiated services: 40 days from the proposals deadline',
    request: { ...goods, kind: 'services', negotiated: true, bidDeadline: '2026-03-20' },
    days: 40,
    article: '국가계약법 시행령 §35⑤',
    countedFrom: '2026-03-19',
    lastDayOfPeriod: '2026-02-08',
    announceBy: '2026-02-07',
  },
  {
    name: 'negotiated and urgent: 10 days, publish by 3/9',
    request: { ...goods, kind: 'services', negotiated: true, urgent: true, bidDeadline: '2026-03-20' },
    days: 10,
    article: '국가계약법 시행령 §35⑤ 단서',
    countedFrom: '2026-03-19',
    lastDayOfPeriod: '2026-03-10',
    announceBy: '2026-03-09',
  },
  {
    name: 'across the year end: deadline 2027-01-05, publish by 2026-12-28',
    request: { ...goods, bidDeadline: '2027-01-05' },
    days: 7,
    article: '국가계약법 시행령 §35①',
    countedFrom: '2027-01-04',
    lastDayOfPeriod: '2026-12-29',
    announceBy: '2026-12-28',
  },
  {
    name: 'across the month end of a leap year: deadline 2028-03-03, publish by 2/24 (February has 29 days)',
    request: { ...goods, bidDeadline: '2028-03-03' },
    days: 7,
    article: '국가계약법 시행령 §35①',
    countedFrom: '2028-03-02',
    lastDayOfPeriod: '2028-02-25',
    announceBy: '2028-02-24',
  },
  {
    name: 'across the month end of a common year: deadline 2027-03-03, publish by 2/23',
    request: { ...goods, bidDeadline: '2027-03-03' },
    days: 7,
    article: '국가계약법 시행령 §35①',
    countedFrom: '2027-03-02',
    lastDayOfPeriod: '2027-02-24',
    announceBy: '2027-02-23',
  },
  {
    name: 'a last day on a holiday is not moved: deadline 3/9, publish by Sunday 3/1 (삼일절)',
    request: { ...goods, bidDeadline: '2026-03-09' },
    days: 7,
    article: '국가계약법 시행령 §35①',
    countedFrom: '2026-03-08',
    lastDayOfPeriod: '2026-03-02',
    announceBy: '2026-03-01',
  },
];

describe('announcementPeriod', () => {
  it.each(cases)('$name', ({ request, name: _name, ...expected }) => {
    expect(announcementPeriod(request)).toMatchObject(expected);
  });

  it('explains the article, the counting in calendar days and why a holiday does not move the day', () => {
    const explanation = announcementPeriod({ ...goods, bidDeadline: '2026-03-09' }).explanation.text.join(' ');
    expect(explanation).toContain('국가계약법 시행령 §35①');
    expect(explanation).toContain('입찰서 제출 마감일 전일부터 기산하여 7일');
    expect(explanation).toContain('2026-03-08을 1일째로');
    expect(explanation).toContain('늦어도 2026-03-01(일)에 공고');
    expect(explanation).toMatch(/근무일이 아니라 역일/);
    expect(explanation).toMatch(/민법 §161/);
  });

  it('names the price band of works and counts a briefing from its eve', () => {
    expect(
      announcementPeriod({ ...works, estimatedPrice: 1_000_000_000, bidDeadline: '2026-03-20' }).explanation.text.join(
        ' ',
      ),
    ).toContain('추정가격 1,000,000,000원은 10억원 이상 50억원 미만');
    const briefing = announcementPeriod({
      ...works,
      siteBriefing: true,
      siteBriefingDate: '2026-03-10',
      bidDeadline: '2026-03-20',
    });
    expect(briefing.explanation.text.join(' ')).toContain('현장설명일 2026-03-10의 전일 2026-03-09');
  });

  it('warns that a briefing without its day gives only the latest possible day', () => {
    const explanation = announcementPeriod({
      ...works,
      siteBriefing: true,
      bidDeadline: '2026-03-20',
    }).explanation.text.join(' ');
    expect(explanation).toContain('siteBriefingDate');
    expect(explanation).toContain('더 앞당겨집니다');
  });

  it.each<{ what: string; request: AnnouncementRequest; parameter: string }>([
    {
      what: 'works without a price or briefing',
      request: { ...works, bidDeadline: '2026-03-20' },
      parameter: 'estimatedPrice',
    },
    {
      what: 'a negative price',
      request: { ...works, estimatedPrice: -1, bidDeadline: '2026-03-20' },
      parameter: 'estimatedPrice',
    },
    { what: 'a deadline that is no date', request: { ...goods, bidDeadline: 'next Friday' }, parameter: 'bidDeadline' },
    {
      what: 'a deadline without an offset',
      request: { ...goods, bidDeadline: '2026-03-20T10:00:00' },
      parameter: 'bidDeadline',
    },
    { what: 'a deadline on 2/30', request: { ...goods, bidDeadline: '2026-02-30' }, parameter: 'bidDeadline' },
    {
      what: 'a briefing day for goods',
      request: { ...goods, siteBriefing: true, siteBriefingDate: '2026-03-10', bidDeadline: '2026-03-20' },
      parameter: 'siteBriefingDate',
    },
    {
      what: 'a briefing day with siteBriefing=false',
      request: { ...works, estimatedPrice: 1, siteBriefingDate: '2026-03-10', bidDeadline: '2026-03-20' },
      parameter: 'siteBriefingDate',
    },
    {
      what: 'a briefing day on an urgent announcement',
      request: {
        ...works,
        urgent: true,
        siteBriefing: true,
        siteBriefingDate: '2026-03-10',
        bidDeadline: '2026-03-20',
      },
      parameter: 'siteBriefingDate',
    },
    {
      what: 'a briefing after the deadline',
      request: { ...works, siteBriefing: true, siteBriefingDate: '2026-03-21', bidDeadline: '2026-03-20' },
      parameter: 'siteBriefingDate',
    },
  ])('refuses $what, naming $parameter', ({ request, parameter }) => {
    expect(refusedParameter(() => announcementPeriod(request))).toBe(parameter);
  });
});
