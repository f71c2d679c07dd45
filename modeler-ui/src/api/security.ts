import { request } from './http';
import type { Clearance, ReadingRecord, SecurityGrade } from './types';

const clearances = '/api/security/clearances';

export async function listClearances(signal?: AbortSignal): Promise<Clearance[]> {
  return (await request<{ items: Clearance[] }>('GET', clearances, signal ? { signal } : {})).items;
}

/** Grants (or replaces) a person's clearance until `expiresAt` (an ISO instant in the future). */
export function grantClearance(userId: string, grade: SecurityGrade, expiresAt: string): Promise<unknown> {
  return request('PUT', `${clearances}/${encodeURIComponent(userId)}`, { body: { grade, expiresAt } });
}

export function revokeClearance(userId: string): Promise<unknown> {
  return request('DELETE', `${clearances}/${encodeURIComponent(userId)}`);
}

/** The reading records of one instance, oldest first, each with whether its signature verifies. */
export async function readingRecords(instanceId: string, signal?: AbortSignal): Promise<ReadingRecord[]> {
  const path = `/api/security/reading-records?instanceId=${encodeURIComponent(instanceId)}`;
  return (await request<{ items: ReadingRecord[] }>('GET', path, signal ? { signal } : {})).items;
}
