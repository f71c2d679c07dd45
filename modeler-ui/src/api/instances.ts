import { request } from './http';
import type { ElementHistory, ElementHistoryEntry, ProcessInstance } from './types';

const one = (id: string): string => `/api/process-instances/${encodeURIComponent(id)}`;

/** The instance with its variables as of the last projection. */
export function getProcessInstance(id: string, signal?: AbortSignal): Promise<ProcessInstance> {
  return request<ProcessInstance>('GET', one(id), signal ? { signal } : {});
}

/** Holds the instance where it is (timers, messages and task completions wait); 409 when already suspended. */
export function suspendProcessInstance(id: string, reason?: string): Promise<ProcessInstance> {
  return request<ProcessInstance>('POST', `${one(id)}/suspend`, { body: reason ? { reason } : {} });
}

/** Lets a suspended instance move again; 409 when it is not suspended. */
export function resumeProcessInstance(id: string): Promise<ProcessInstance> {
  return request<ProcessInstance>('POST', `${one(id)}/resume`, { body: {} });
}

/** Every element instance the interpreter ran, in the order they started. */
export async function getInstanceHistory(id: string, signal?: AbortSignal): Promise<ElementHistoryEntry[]> {
  const res = await request<ElementHistory>('GET', `${one(id)}/history`, signal ? { signal } : {});
  return res.items;
}
