/** Civil petitions (민원): filing one, and the petitions within the caller's reach with their history. */
import { request } from './http';

export type PetitionState = 'RECEIVED' | 'SUPPLEMENTING' | 'TRANSFERRED' | 'DECIDED' | 'CLOSED';

export interface Petition {
  id: string;
  receiptNumber: string | null;
  typeCode: string;
  title: string;
  petitionerName: string;
  state: PetitionState;
  receivedAt: string;
  dueAt: string | null;
  supplementRequests: number;
  extensions: number;
  transferredTo: string | null;
  decidedAt: string | null;
  outcome: 'ACCEPTED' | 'PARTIALLY_ACCEPTED' | 'REFUSED' | null;
}

export interface PetitionDetail extends Petition {
  history: Array<{ at: string; event: string }>;
}

export interface PetitionFiling {
  typeCode: string;
  title: string;
  content: string;
  petitioner: { name: string; email: string };
}

export interface PetitionTypeOption {
  code: string;
  name: string;
}

const base = '/api/petitions';
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export function filePetition(filing: PetitionFiling): Promise<{ processInstanceId: string }> {
  return request('POST', base, { body: filing });
}

export async function listPetitions(signal?: AbortSignal): Promise<Petition[]> {
  return (await request<{ items: Petition[] }>('GET', base, withSignal(signal))).items;
}

export function getPetition(id: string, signal?: AbortSignal): Promise<PetitionDetail> {
  return request('GET', `${base}/${encodeURIComponent(id)}`, withSignal(signal));
}

export async function listPetitionTypes(signal?: AbortSignal): Promise<PetitionTypeOption[]> {
  return (await request<{ items: PetitionTypeOption[] }>('GET', `${base}/types`, withSignal(signal))).items;
}
