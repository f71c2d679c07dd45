/** E-court cases (docs/e-court.md): file a complaint, read cases, open a served complaint, price a filing. */
import { request } from './http';

export type CaseTrack = 'civil' | 'small-claims';
export type CourtCaseState =
  | 'FILED'
  | 'DOCKETED'
  | 'DEFECT_ORDERED'
  | 'DISMISSED'
  | 'SERVICE_NOTIFIED'
  | 'SERVED'
  | 'JUDGMENT_DATE_SET'
  | 'ANSWERED'
  | 'JUDGED_WITHOUT_HEARING';

export interface CourtParty {
  id: string;
  username: string;
  displayName: string;
}

export interface CourtFees {
  stampFee: number;
  serviceFee: number;
  explanation: { text: string[] };
}

export interface CourtNotice {
  kind: string;
  channel: 'EMAIL' | 'SMS';
  recipient: string;
  address: string;
  text: string;
  sentAt: string;
}

export interface CourtCase {
  id: string;
  caseNumber: string | null;
  state: CourtCaseState;
  track: CaseTrack;
  claimAmount: number;
  /** Null for the defendant until the complaint is served. */
  claimText: string | null;
  filedAt: string;
  plaintiff: CourtParty | null;
  defendant: CourtParty | null;
  fees: CourtFees;
  signature: { contentDigest: string; signedAt: string };
  defects: string | null;
  defectDueAt: string | null;
  serviceNoticedAt: string | null;
  servedAt: string | null;
  serviceMethod: 'OPENED' | 'DEEMED' | null;
  answerDueAt: string | null;
  answeredAt: string | null;
  judgmentAt: string | null;
  judgmentCancelledAt: string | null;
  notices: CourtNotice[];
}

export interface FileCase {
  defendant: string;
  claimAmount: number;
  track: CaseTrack;
  claimText: string;
  password: string;
}

const base = '/api/e-court';
const options = (signal?: AbortSignal) => (signal ? { signal } : {});

export function fileCase(input: FileCase): Promise<CourtCase> {
  return request<CourtCase>('POST', `${base}/cases`, { body: input });
}

export async function listCases(signal?: AbortSignal): Promise<CourtCase[]> {
  return (await request<{ items: CourtCase[] }>('GET', `${base}/cases`, options(signal))).items;
}

export function getCase(id: string, signal?: AbortSignal): Promise<CourtCase> {
  return request<CourtCase>('GET', `${base}/cases/${encodeURIComponent(id)}`, options(signal));
}

/** The defendant's opening, which serves the complaint. */
export function openCase(id: string): Promise<CourtCase> {
  return request<CourtCase>('POST', `${base}/cases/${encodeURIComponent(id)}/open`);
}

/** What a first-instance e-filing against one defendant costs (GET /api/e-court/fees). */
export function previewFees(claimAmount: number, track: CaseTrack, signal?: AbortSignal): Promise<CourtFees> {
  const query = new URLSearchParams({
    claimAmount: String(claimAmount),
    track,
    level: 'first',
    electronic: 'true',
    parties: '2',
  });
  return request<CourtFees>('GET', `${base}/fees?${query.toString()}`, options(signal));
}
