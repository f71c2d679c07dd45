/**
 * Records metadata of approval documents (docs/records.md): retention, disclosure, registration numbers, and the
 * records officer's retention expiry list.
 */
import type { DisclosureClass, RetentionPeriod } from '../../../gov/records';
import { request } from './http';

// The tiers and classes are the server's own rules (gov/ is pure and shared with the web app).
export {
  DISCLOSURE_CLASSES,
  RETENTION_PERIODS,
  type DisclosureClass,
  type RetentionPeriod,
} from '../../../gov/records';

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

/** One approved document in the retention expiry list. */
export interface ExpiringDocument extends RecordsChoice {
  id: string;
  title: string;
  documentType: string;
  processingUnit: { code: string; name: string } | null;
  productionNumber: string | null;
  approvedAt: string | null;
  retentionEndsAt: string;
}

export interface ExpiringPage {
  items: ExpiringDocument[];
  nextCursor: string | null;
}

const retentionPath = (query: Record<string, string>) => `/api/records/retention?${new URLSearchParams(query)}`;

/** Documents whose last day of retention is before `expiringBefore`, soonest first; 403 unless an administrator. */
export function listExpiring(expiringBefore: string, cursor?: string, signal?: AbortSignal): Promise<ExpiringPage> {
  const path = retentionPath({ expiringBefore, ...(cursor ? { cursor } : {}) });
  return request<ExpiringPage>('GET', path, signal ? { signal } : {});
}

/** Where the whole list downloads as CSV (the session cookie authenticates the link). */
export function expiringCsvHref(expiringBefore: string): string {
  return retentionPath({ expiringBefore, format: 'csv' });
}
