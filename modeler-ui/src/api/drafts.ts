import { ApiError, request } from './http';
import type { Draft, FormSchema } from './types';

const one = (key: string): string => `/api/drafts/${encodeURIComponent(key)}`;

/** The caller's draft under `key`, or null when there is none. */
export async function getDraft(key: string, signal?: AbortSignal): Promise<Draft | null> {
  try {
    return await request<Draft>('GET', one(key), signal ? { signal } : {});
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

/** Saves the draft; `keepalive` lets the request finish while the page is being left. */
export function saveDraft(
  key: string,
  draft: { xml: string; forms: Record<string, FormSchema> },
  options: { keepalive?: boolean } = {},
): Promise<Draft> {
  return request<Draft>('PUT', one(key), { body: draft, ...options });
}

export function deleteDraft(key: string): Promise<void> {
  return request<void>('DELETE', one(key));
}
