/** Approval documents (결재) and the people a drafter can put on a line. */
import { request } from './http';
import type { DocumentRecords, RecordsChoice } from './records';

export type LineKind = 'review' | 'cooperate' | 'approve';
export type ApprovalStepKind = 'REVIEW' | 'COOPERATE' | 'APPROVE' | 'POST_REVIEW';
export type ApprovalMark = 'NONE' | 'DELEGATED' | 'PROXY' | 'POST_REVIEW';
export type ApprovalDecision = 'APPROVE' | 'REJECT' | 'DISSENT';
export type ApprovalState = 'IN_PROGRESS' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN';

export interface LinePerson {
  id: string;
  username: string;
  displayName: string;
  position: { code: string; name: string } | null;
}

export interface ApprovalStep {
  id: string;
  round: number;
  order: number;
  stage: number;
  kind: ApprovalStepKind;
  parallel: boolean;
  mark: ApprovalMark;
  decision: ApprovalDecision | null;
  opinion: string | null;
  /** A reviewer's edit: the body as they left it. */
  revisedBody: string | null;
  actedAt: string | null;
  followUpAt: string | null;
  taskId: string | null;
  assignee: LinePerson;
  actor: LinePerson;
}

export interface ApprovalDocument extends DocumentRecords {
  id: string;
  title: string;
  /** As drafted. */
  body: string;
  /** As the last reviewer who edited it left it. */
  currentBody: string;
  documentType: string;
  amount: number | null;
  important: boolean;
  cooperation: 'sequential' | 'parallel';
  state: ApprovalState;
  round: number;
  createdAt: string;
  closedAt: string | null;
  drafter: LinePerson;
  steps: ApprovalStep[];
}

export interface SubmitApproval extends Partial<RecordsChoice> {
  title: string;
  body: string;
  documentType: string;
  amount?: number;
  important?: boolean;
  line: Array<{ kind: LineKind; userId: string }>;
  cooperation: 'sequential' | 'parallel';
}

/** The org chart's people (GET /api/org/people): {items: [{id, username, displayName, orgUnit, position}]}. */
export interface OrgPerson {
  id: string;
  username: string;
  displayName: string;
  orgUnit: { code: string; name: string } | null;
  position: { code: string; name: string } | null;
}

const base = '/api/approvals';

export function submitApproval(input: SubmitApproval): Promise<ApprovalDocument> {
  return request<ApprovalDocument>('POST', base, { body: input });
}

/** The documents the caller drafted, or stands on the line of. */
export async function listApprovals(role: 'drafted' | 'on-line', signal?: AbortSignal): Promise<ApprovalDocument[]> {
  const res = await request<{ items: ApprovalDocument[] }>('GET', `${base}?role=${role}`, signal ? { signal } : {});
  return res.items;
}

export function getApproval(id: string, signal?: AbortSignal): Promise<ApprovalDocument> {
  return request<ApprovalDocument>('GET', `${base}/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

export function withdrawApproval(id: string): Promise<ApprovalDocument> {
  return request<ApprovalDocument>('POST', `${base}/${encodeURIComponent(id)}/withdraw`);
}

export async function listPeople(signal?: AbortSignal): Promise<OrgPerson[]> {
  const res = await request<{ items: OrgPerson[] }>('GET', '/api/org/people', signal ? { signal } : {});
  return res.items;
}
