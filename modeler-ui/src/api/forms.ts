import { ApiError, request } from './http';
import type { FormSchema } from './types';

/** The latest deployed version of a form, or null when no form has that id. */
export async function latestForm(
  formId: string,
): Promise<{ id: string; formId: string; version: number; schema: FormSchema } | null> {
  try {
    return await request('GET', `/api/forms/${encodeURIComponent(formId)}`);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}
