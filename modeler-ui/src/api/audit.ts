import { request } from './http';
import type { AuditTrailPage, AuditVerdict } from './types';

const base = '/api/audit';
const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

/** Rows matching the filters (actor, action, objectType, objectId, from, to), newest first; 404 for non-auditors. */
export function listAuditTrail(query: URLSearchParams, signal?: AbortSignal): Promise<AuditTrailPage> {
  const search = query.toString();
  return request<AuditTrailPage>('GET', search ? `${base}?${search}` : base, opts(signal));
}

/** Walks the whole hash chain on the server. */
export function verifyAuditTrail(signal?: AbortSignal): Promise<AuditVerdict> {
  return request<AuditVerdict>('GET', `${base}/verify`, opts(signal));
}
