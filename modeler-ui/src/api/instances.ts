import { ApiError, request } from './http';
import type {
  AuditRow,
  ElementHistory,
  ElementHistoryEntry,
  Incident,
  IncidentList,
  InstancePage,
  InstanceTask,
  InstanceTotals,
  ProcessInstance,
  SecurityGrade,
  VariableChange,
} from './types';

const one = (id: string): string => `/api/process-instances/${encodeURIComponent(id)}`;
const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

/** What starting an instance at its none start event takes; a classified one gives its grade and 예고문. */
export interface StartInstance {
  processId: string;
  variables: Record<string, unknown>;
  classification?: SecurityGrade;
  /** The 예고문's date, YYYY-MM-DD. */
  reviewOn?: string;
  /** `regrade:<grade>`, `declassify` or `destroy`. */
  reviewAction?: string;
}

export function startProcessInstance(input: StartInstance): Promise<ProcessInstance> {
  return request<ProcessInstance>('POST', '/api/process-instances', { body: input });
}

/** The instance with its variables as of the last projection. */
export function getProcessInstance(id: string, signal?: AbortSignal): Promise<ProcessInstance> {
  return request<ProcessInstance>('GET', one(id), opts(signal));
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
  const res = await request<ElementHistory>('GET', `${one(id)}/history`, opts(signal));
  return res.items;
}

/** One page of the instances matching a search (the query string of GET /api/process-instances). */
export function searchInstances(query: URLSearchParams, signal?: AbortSignal): Promise<InstancePage> {
  return request<InstancePage>('GET', `/api/process-instances?${query.toString()}`, opts(signal));
}

export function countInstances(query: URLSearchParams, signal?: AbortSignal): Promise<InstanceTotals> {
  return request<InstanceTotals>('GET', `/api/process-instances/count?${query.toString()}`, opts(signal));
}

/** The address of the whole result as CSV, for a download link. */
export function instancesCsvUrl(query: URLSearchParams): string {
  const csv = new URLSearchParams(query);
  csv.delete('cursor');
  csv.delete('limit');
  csv.set('format', 'csv');
  return `/api/process-instances?${csv.toString()}`;
}

export async function variableHistory(id: string, signal?: AbortSignal): Promise<VariableChange[]> {
  return (await request<{ items: VariableChange[] }>('GET', `${one(id)}/variables/history`, opts(signal))).items;
}

export async function openTasks(id: string, signal?: AbortSignal): Promise<InstanceTask[]> {
  return (await request<{ items: InstanceTask[] }>('GET', `${one(id)}/tasks`, opts(signal))).items;
}

export async function auditTrail(id: string, signal?: AbortSignal): Promise<AuditRow[]> {
  return (await request<{ items: AuditRow[] }>('GET', `${one(id)}/audit`, opts(signal))).items;
}

/** Cancels a running instance with the reason given. */
export function cancelInstance(id: string, reason: string): Promise<ProcessInstance> {
  return request<ProcessInstance>('POST', `${one(id)}/cancel`, { body: { reason } });
}

/** The instance's open incidents; empty for a caller who may not read incidents. */
export async function openIncidents(id: string, signal?: AbortSignal): Promise<Incident[]> {
  const query = `state=OPEN&processInstanceId=${encodeURIComponent(id)}`;
  try {
    return (await request<IncidentList>('GET', `/api/incidents?${query}`, opts(signal))).items;
  } catch (err) {
    if (err instanceof ApiError && err.status === 403) return [];
    throw err;
  }
}
