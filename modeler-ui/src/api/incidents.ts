import { request } from './http';
import type { Incident, IncidentList, IncidentState, Variables } from './types';

const base = '/api/incidents';
const one = (id: string): string => `${base}/${encodeURIComponent(id)}`;

/** Incidents in a state (open by default), newest first. 403 for a role that does not read incidents. */
export async function listIncidents(state: IncidentState = 'OPEN', signal?: AbortSignal): Promise<Incident[]> {
  const res = await request<IncidentList>('GET', `${base}?state=${state}`, signal ? { signal } : {});
  return res.items;
}

export function getIncident(id: string, signal?: AbortSignal): Promise<Incident> {
  return request<Incident>('GET', one(id), signal ? { signal } : {});
}

/** Sets `variables` on the instance and runs the element again; 409 when the incident is no longer open. */
export function resolveIncident(id: string, variables?: Variables): Promise<Incident> {
  return request<Incident>('POST', `${one(id)}/resolve`, { body: variables ? { variables } : {} });
}
