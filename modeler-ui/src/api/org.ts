/** The org chart: everyone reads units and people; administrators add people, move them and set unit heads. */
import { request } from './http';
import type {
  NewOrgPerson,
  OrgHandover,
  OrgMove,
  OrgPerson,
  OrgPersonDetail,
  OrgPosition,
  OrgRank,
  OrgUnit,
} from './types';

const base = '/api/org';
const person = (id: string): string => `${base}/people/${encodeURIComponent(id)}`;
const options = (signal?: AbortSignal) => (signal ? { signal } : {});

/** Every unit, parents before children. */
export async function listUnits(signal?: AbortSignal): Promise<OrgUnit[]> {
  return (await request<{ items: OrgUnit[] }>('GET', `${base}/units`, options(signal))).items;
}

/** The people of one unit (not its subunits), most senior position first. */
export async function listPeople(unitId: string, signal?: AbortSignal): Promise<OrgPerson[]> {
  const query = new URLSearchParams({ unitId });
  return (await request<{ items: OrgPerson[] }>('GET', `${base}/people?${query.toString()}`, options(signal))).items;
}

export function getPerson(id: string, signal?: AbortSignal): Promise<OrgPersonDetail> {
  return request<OrgPersonDetail>('GET', person(id), options(signal));
}

export async function listPositions(signal?: AbortSignal): Promise<OrgPosition[]> {
  return (await request<{ items: OrgPosition[] }>('GET', `${base}/positions`, options(signal))).items;
}

export async function listRanks(signal?: AbortSignal): Promise<OrgRank[]> {
  return (await request<{ items: OrgRank[] }>('GET', `${base}/ranks`, options(signal))).items;
}

export function addPerson(input: NewOrgPerson): Promise<OrgPerson> {
  return request<OrgPerson>('POST', `${base}/people`, { body: input });
}

/** Moves a person; with `successorId` their open tasks pass to the successor in the same change. */
export function movePerson(id: string, move: OrgMove): Promise<{ person: OrgPerson; handover: OrgHandover | null }> {
  return request('POST', `${person(id)}/move`, { body: move });
}

export function setUnitHead(unitId: string, headId: string | null): Promise<OrgUnit> {
  return request<OrgUnit>('PATCH', `${base}/units/${encodeURIComponent(unitId)}`, { body: { headId } });
}
