/** Records metadata of approval documents (docs/records.md): retention, disclosure, registration numbers. */

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

export const DISCLOSURE_CLASSES = ['PUBLIC', 'PARTIAL', 'NON_PUBLIC'] as const;
export type DisclosureClass = (typeof DISCLOSURE_CLASSES)[number];

/** The items of 정보공개법 §9① a withheld document may rest on. */
export const NON_DISCLOSURE_ITEMS = [1, 2, 3, 4, 5, 6, 7, 8] as const;

export interface Registration {
  kind: 'PRODUCTION' | 'RECEIPT';
  /** As shown: `<unit code>-<serial>`. */
  number: string;
  year: number;
  serial: number;
  registeredAt: string;
}

/** What the drafter sets. */
export interface RecordsChoice {
  retention: RetentionPeriod;
  disclosure: DisclosureClass;
  nonDisclosureGrounds: number[];
}

/** What a document shows. */
export interface DocumentRecords extends RecordsChoice {
  processingUnit: { id: string; code: string; name: string } | null;
  /** The last day of retention (YYYY-MM-DD, inclusive), once approved; null for 영구 and 준영구. */
  retentionEndsAt: string | null;
  registrations: Registration[];
}
