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
  taskClassification: string | null;
  attachments: DocumentAttachment[];
  dispatches: DocumentDispatch[];
  /** One document read on its own: the caller is of its 처리과 and it is approved, so they may ask to re-send it. */
  mayResend?: boolean;
}

export interface DocumentAttachment {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  uploader: string;
  at: string;
}

export interface DocumentReading {
  id: string;
  reader: string;
  dueAt: string | null;
  readAt: string | null;
  opinion: string | null;
}

/** 접수 and 배부 at a recipient unit, with its 공람. */
export interface DocumentReceipt {
  id: string;
  registration: { number: string };
  receivedBy: string;
  receivedAt: string;
  distributedBy: string | null;
  distributedAt: string | null;
  distributedTo: string | null;
  handler: string | null;
  readingDueAt: string | null;
  readings: DocumentReading[];
  /** The caller heads the receiving unit: they set the 공람 due date and reassign the handler (§18⑤). */
  mayManage: boolean;
}

/** 시행: one recipient and what was sent to it. */
export interface DocumentDispatch {
  id: string;
  unit: { code: string; name: string } | null;
  agencyName: string | null;
  email: string | null;
  state: 'PLANNED' | 'AWAITING_APPROVAL' | 'SENT' | 'REFUSED';
  resend: boolean;
  requestedBy: string | null;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  sentAt: string | null;
  receipt: DocumentReceipt | null;
}

export type Recipient = { unitCode: string } | { agencyName: string; email: string };

export interface SubmitApproval extends Partial<RecordsChoice> {
  title: string;
  body: string;
  documentType: string;
  amount?: number;
  important?: boolean;
  line: Array<{ kind: LineKind; userId: string }>;
  cooperation: 'sequential' | 'parallel';
  recipients?: Recipient[];
  taskClassification?: string;
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

/** The documents the caller drafted, stands on the line of, or that were sent to their unit. */
export async function listApprovals(
  role: 'drafted' | 'on-line' | 'received',
  signal?: AbortSignal,
): Promise<ApprovalDocument[]> {
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

/** A file attached to the document while it is on its line (the drafter only). */
export function attachToApproval(id: string, file: File): Promise<DocumentAttachment> {
  const body = new FormData();
  body.append('file', file);
  return request<DocumentAttachment>('POST', `${base}/${encodeURIComponent(id)}/attachments`, { body });
}

export function approvalAttachmentUrl(id: string, attachmentId: string): string {
  return `${base}/${encodeURIComponent(id)}/attachments/${encodeURIComponent(attachmentId)}`;
}

/** Asks the 처리과 head to send the dispatched document to a new recipient (§15④). */
export function resendApproval(id: string, input: { recipient: Recipient; reason: string }): Promise<unknown> {
  return request('POST', `${base}/${encodeURIComponent(id)}/resend`, { body: input });
}

/** The receiving unit head's 공람 due date and handler (§18⑤). */
export function updateReceipt(
  id: string,
  receiptId: string,
  input: { readingDueAt?: string; handler?: string },
): Promise<unknown> {
  const path = `${base}/${encodeURIComponent(id)}/receipts/${encodeURIComponent(receiptId)}`;
  return request('PATCH', path, { body: input });
}
