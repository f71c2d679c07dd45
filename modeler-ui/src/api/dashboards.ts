import { request } from './http';
import type { Dashboard, DashboardList, DashboardPart, DashboardWindow } from './types';

const base = '/api/dashboards';

/** A process (`process/<id>`) or a department (`department/<unit id>`). */
export type DashboardSubject = { kind: 'process' | 'department'; id: string };

function path({ kind, id }: DashboardSubject, window: DashboardWindow, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...window, ...extra })) if (value) query.set(key, value);
  const search = query.toString();
  return `${base}/${kind}/${encodeURIComponent(id)}${search ? `?${search}` : ''}`;
}

export function listDashboards(signal?: AbortSignal): Promise<DashboardList> {
  return request<DashboardList>('GET', base, signal ? { signal } : {});
}

export function getDashboard(
  subject: DashboardSubject,
  window: DashboardWindow,
  signal?: AbortSignal,
): Promise<Dashboard> {
  return request<Dashboard>('GET', path(subject, window), signal ? { signal } : {});
}

/** Where one part's table downloads as CSV (the session cookie authenticates the link). */
export function csvHref(subject: DashboardSubject, window: DashboardWindow, part: DashboardPart): string {
  return path(subject, window, { format: 'csv', part });
}
