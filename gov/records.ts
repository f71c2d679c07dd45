/**
 * Records rules of approval documents (docs/records.md): registration numbers per 처리과 and year (규정 §11,
 * 기록물관리법 시행령 §20), the seven retention tiers counted from 1 January after completion (시행령 §26), and the
 * disclosure class with its grounds (정보공개법 §9①). Pure: dates in, dates out, never the current time.
 */
import { kstDate, type LocalDate } from './calendar/local-date';

export const RETENTION_PERIODS = [
  'PERMANENT',
  'SEMI_PERMANENT',
  'YEARS_30',
  'YEARS_10',
  'YEARS_5',
  'YEARS_3',
  'YEARS_1',
] as const;
export type RetentionPeriod = (typeof RETENTION_PERIODS)[number];

/** Years kept, or null for the tiers that never run out (영구, 준영구). */
export const RETENTION_YEARS: Record<RetentionPeriod, number | null> = {
  PERMANENT: null,
  SEMI_PERMANENT: null,
  YEARS_30: 30,
  YEARS_10: 10,
  YEARS_5: 5,
  YEARS_3: 3,
  YEARS_1: 1,
};

export const DISCLOSURE_CLASSES = ['PUBLIC', 'PARTIAL', 'NON_PUBLIC'] as const;
export type DisclosureClass = (typeof DISCLOSURE_CLASSES)[number];

/** 정보공개법 §9① lists eight kinds of information that may be withheld. */
export const NON_DISCLOSURE_ITEMS = 8;

/** The year a registration counts in: the Korean calendar year of the moment it is given. */
export function registrationYear(at: Date): number {
  return Number(kstDate(at.getTime()).slice(0, 4));
}

/** The registration number as shown: the unit's code and the year's serial (the year is kept beside it). */
export function registrationNumber(unitCode: string, serial: number): string {
  return `${unitCode}-${serial}`;
}

/**
 * The last day a record must be kept, inclusive, or null when it is kept for good. The clock starts on 1 January
 * of the year after completion (시행령 §26⑤), so a document completed on 2026-03-05 with 5 years is kept through
 * 2031-12-31 and may be disposed of from 2032-01-01. Completion is read on the Korean calendar.
 */
export function retentionEndsOn(retention: RetentionPeriod, completedAt: Date): LocalDate | null {
  const years = RETENTION_YEARS[retention];
  if (years === null) return null;
  const completionYear = Number(kstDate(completedAt.getTime()).slice(0, 4));
  return `${completionYear + years}-12-31`;
}

/**
 * What is wrong with a disclosure class and its grounds, or null: a public document names no ground; a partly or
 * wholly withheld one names at least one item of 정보공개법 §9①, each once.
 */
export function disclosureProblem(disclosure: DisclosureClass, grounds: readonly number[]): string | null {
  if (disclosure === 'PUBLIC') {
    return grounds.length === 0 ? null : 'a public document withholds nothing, so it names no ground';
  }
  if (grounds.length === 0) {
    return `a ${disclosure === 'PARTIAL' ? 'partly' : 'wholly'} withheld document names the items of 정보공개법 §9① it rests on (1–${NON_DISCLOSURE_ITEMS})`;
  }
  const wrong = grounds.find((item) => !Number.isInteger(item) || item < 1 || item > NON_DISCLOSURE_ITEMS);
  if (wrong !== undefined) return `${wrong} is no item of 정보공개법 §9① (1–${NON_DISCLOSURE_ITEMS})`;
  if (new Set(grounds).size !== grounds.length) return 'each item is named once';
  return null;
}
