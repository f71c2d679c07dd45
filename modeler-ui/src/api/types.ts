/**
 * Wire types of the REST API as the browser sees them (dates are ISO strings).
 * When the API publishes its zod schemas/OpenAPI types from a shared module, import them here instead.
 */

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  groups: string[];
}

export interface LoginRequest {
  username: string;
  password: string;
}

export interface LoginResponse {
  token: string;
  user: User;
}

export interface MeResponse {
  user: User;
}

export type TaskState = 'CREATED' | 'COMPLETED' | 'CANCELED';

export interface TaskFormRef {
  formId?: string;
  formKey?: string;
}

export type Variables = Record<string, unknown>;

/**
 * A form-js form definition (the JSON of a deployed `.form` resource; its top-level `id` is the form id); form-js
 * reads it, we only pass it on.
 */
export type FormSchema = Record<string, unknown>;

/**
 * The working time (09:00-12:00, 13:00-18:00 on working days) left until the due date, counted by the server when it
 * answered; when `overdue`, the working time since the due date. Null: no due date, task not open, or a due date
 * beyond the server's holiday data.
 */
export interface TimeLeft {
  workingMinutes: number;
  overdue: boolean;
}

export interface Task {
  id: string;
  name: string;
  elementId: string;
  processInstanceId: string;
  processId: string;
  businessKey: string;
  state: TaskState;
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  dueAt: string | null;
  timeLeft: TimeLeft | null;
  priority: number;
  createdAt: string;
  form: TaskFormRef | null;
  /** The form-js schema of the task's form (deployed by `form.formId`, or embedded), when it has one. */
  formSchema?: FormSchema;
  /** What completing the task accepts (one task's answer only): its form, only these names, or the decision. */
  accepts?: TaskAccepts;
  /** The process instance variables, for display only (empty for a classified task in a list). */
  variables: Variables;
  /** 비밀 등급 of the task's instance; null when unclassified. */
  classification?: SecurityGrade | null;
  followUpAt: string | null;
  /** While delegated (and after), the person who delegated the task. */
  owner: string | null;
  delegationState: DelegationState;
  /** What a delegate resolved with, offered to the owner as the form's starting values. */
  draftVariables: Variables | null;
  /** One task's answer lists them; the queue's does not. */
  comments?: TaskComment[];
  attachments?: TaskAttachment[];
}

export interface TaskList {
  items: Task[];
  /** The next page's cursor; null on the last page. */
  nextCursor: string | null;
}

/** The server refuses any other submission with FORM_INVALID. */
export type TaskAccepts = { kind: 'form' } | { kind: 'names'; names: string[] } | { kind: 'decision' };

export type DelegationState = 'NONE' | 'PENDING' | 'RESOLVED';
export type QueueScope = 'mine' | 'groups' | 'department';
export type QueueSort = 'due' | 'priority' | 'created';

/** What a queue is narrowed and ordered by; a saved filter stores the same. */
export interface QueueCriteria {
  scope?: QueueScope;
  processId?: string;
  dueAfter?: string;
  dueBefore?: string;
  priorityMin?: number;
  priorityMax?: number;
  variables?: Record<string, string>;
  sort?: QueueSort;
  order?: 'asc' | 'desc';
}

export interface SavedFilter {
  id: string;
  name: string;
  criteria: QueueCriteria;
}

export interface TaskComment {
  id: string;
  author: string;
  text: string;
  at: string;
}

export interface TaskAttachment {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploader: string;
  at: string;
}

/** One task's outcome in a bulk operation. */
export interface BulkResult {
  id: string;
  ok: boolean;
  code?: string;
  message?: string;
}

/** A person to hand a task to, as the org chart lists them. */
export interface PersonRef {
  username: string;
  displayName: string;
}

export interface CompleteTaskRequest {
  variables: Variables;
}

export interface CompleteTaskResponse {
  id: string;
  state: 'COMPLETED';
}

/** The error body every API route returns with a 4xx/5xx status. */
export interface ApiIssue {
  elementId?: string;
  message: string;
}

export interface ApiErrorBody {
  code: string;
  message: string;
  elementId?: string;
  /** Per-field messages (a completion whose values the server refused: FORM_INVALID). */
  fields?: Array<{ key: string; message: string }>;
  issues?: ApiIssue[];
  /** When to try again (TOO_MANY_ATTEMPTS); also the Retry-After header. */
  retryAfterSeconds?: number;
}

export type IncidentState = 'OPEN' | 'RESOLVED' | 'CANCELED';

/** An element that could not go on; its instance waits until the incident is resolved. */
export interface Incident {
  id: string;
  processInstanceId: string;
  processId: string;
  businessKey: string | null;
  elementId: string;
  elementInstanceId: string;
  message: string;
  state: IncidentState;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
}

export interface IncidentList {
  items: Incident[];
}

export interface ResolveIncidentRequest {
  variables?: Variables;
}

export type InstanceState = 'ACTIVE' | 'COMPLETED' | 'CANCELED' | 'INCIDENT';

export interface ProcessInstance {
  id: string;
  /** The deployed version it runs: its diagram is GET /api/process-definitions/:definitionId/xml. */
  definitionId: string;
  processId: string;
  version: number;
  businessKey: string | null;
  state: InstanceState;
  variables: Variables;
  startedAt: string;
  endedAt: string | null;
  /** Set while an operator holds the instance; the state stays ACTIVE or INCIDENT. */
  suspendedAt?: string | null;
  /** 비밀 등급; null when unclassified. */
  classification?: SecurityGrade | null;
}

export type BatchOperationName = 'cancel' | 'retry' | 'migrate';

/** A batch operation over many instances and its progress: `done` and `failed` of `total` items. */
export interface Batch {
  id: string;
  operation: BatchOperationName;
  state: 'RUNNING' | 'COMPLETED';
  total: number;
  done: number;
  failed: number;
  reason: string | null;
  createdBy: string;
  createdAt: string;
  endedAt: string | null;
  /** GET /api/batches/:id only: the failed items (the first hundred) with why. */
  failures?: Array<{ instanceId: string; error: string | null }>;
}

export interface BatchList {
  items: Batch[];
}

export interface CreateBatchRequest {
  operation: BatchOperationName;
  /** The instances, named, or selected by the instance search's query fields (one of the two). */
  instanceIds?: string[];
  filter?: Record<string, string>;
  reason?: string;
  migrate?: { targetDefinitionId: string; mapping: Record<string, string> };
}

export type ElementInstanceState = 'ACTIVE' | 'COMPLETED' | 'TERMINATED' | 'INCIDENT';

/** One element instance the interpreter ran, in the order they started. */
export interface ElementHistoryEntry {
  elementInstanceId: string;
  elementId: string;
  elementType: string;
  state: ElementInstanceState;
  startedAt: string;
  endedAt: string | null;
}

export interface ElementHistory {
  items: ElementHistoryEntry[];
}

export interface InstanceCounts {
  active: number;
  completed: number;
  incident: number;
  cancelled: number;
  total: number;
}

/** One deployed version of a process (newest first in `ProcessSummary.versions`). */
export interface ProcessVersion {
  definitionId: string;
  version: number;
  versionTag: string | null;
  deployedBy: { username: string; displayName: string } | null;
  deployedAt: string;
  instances: InstanceCounts;
}

export interface ProcessSummary {
  processId: string;
  name: string | null;
  latest: { definitionId: string; version: number };
  versions: ProcessVersion[];
}

export interface DeployedProcess {
  processId: string;
  version: number;
  definitionId: string;
  /** False when an identical latest version already existed and was returned. */
  created: boolean;
}

export interface DeploymentResult {
  processes: DeployedProcess[];
  forms: { formId: string; version: number; id: string }[];
}

/** An unfinished diagram kept on the server for its author; key = process id or `new-<uuid>`. */
export interface Draft {
  key: string;
  xml: string;
  forms: Record<string, FormSchema>;
  updatedAt: string;
}

/** Which notification mail the signed-in person gets, and in which language. */
export interface NotificationPreferences {
  language: 'ko' | 'en';
  /** A task assigned to them by someone else or by the process. */
  assigned: boolean;
  /** Their task's due date is near. */
  reminder: boolean;
  /** A task of a unit they head is overdue. */
  overdue: boolean;
}

// ── Org chart (/api/org) ──

export type OrgUnitKind = 'AGENCY' | 'DEPARTMENT' | 'TEAM';

/** Who a unit, a handover or a history row names. */
export interface PersonRef {
  id: string;
  username: string;
  displayName: string;
}

export interface OrgUnit {
  id: string;
  code: string;
  name: string;
  kind: OrgUnitKind;
  parentId: string | null;
  head: PersonRef | null;
}

export interface OrgPosition {
  code: string;
  name: string;
  /** A higher level outranks a lower. */
  level: number;
}

export interface OrgRank {
  code: string;
  name: string;
  /** 1 is the most senior. */
  grade: number;
}

export interface OrgPerson {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  active: boolean;
  orgUnit: { id: string; code: string; name: string } | null;
  position: OrgPosition | null;
  rank: OrgRank | null;
  groups: string[];
}

export interface OrgHandover {
  id: string;
  from: PersonRef;
  to: PersonRef;
  handedOverBy: string;
  taskIds: string[];
  reason: string | null;
  createdAt: string;
}

export interface OrgPersonDetail extends OrgPerson {
  /** Where the person has served, newest first; the current row has no `until`. */
  history: Array<{
    orgUnit: { id: string; code: string; name: string };
    position: OrgPosition | null;
    since: string;
    until: string | null;
    placedBy: string | null;
  }>;
  handovers: OrgHandover[];
}

export interface NewOrgPerson {
  username: string;
  displayName: string;
  email?: string;
  password: string;
  orgUnitId: string;
  positionCode?: string;
  rankCode?: string;
}

export interface OrgMove {
  orgUnitId: string;
  positionCode?: string;
  /** Hands the person's open tasks to this person in the same change. */
  successorId?: string;
}

// ── Instance search and the instance page ───────────────────────────────────

/** One row of GET /api/process-instances. */
export interface InstanceListItem {
  id: string;
  processId: string;
  version: number;
  businessKey: string | null;
  state: InstanceState;
  startedAt: string;
  endedAt: string | null;
  startedBy: string | null;
  openTasks: number;
  openIncidents: number;
}

export interface InstancePage {
  items: InstanceListItem[];
  nextCursor: string | null;
}

export interface InstanceTotals {
  total: number;
  byState: Record<InstanceState, number>;
}

/** One change of one variable: who set what, when, from which source (start, task, incident-resolve, process). */
export interface VariableChange {
  id: string;
  name: string;
  value: unknown;
  previous: unknown;
  changedBy: string | null;
  at: string;
  source: string;
  sourceId: string | null;
}

export interface InstanceTask {
  id: string;
  elementId: string;
  name: string;
  assignee: string | null;
  candidateGroups: string[];
  dueAt: string | null;
  state: 'CREATED';
  timeLeft: TimeLeft | null;
}

export interface AuditRow {
  id: string;
  at: string;
  actor: string | null;
  action: string;
  objectType: string;
  objectId: string;
  details: Record<string, unknown>;
}

// ── Dashboards ──────────────────────────────────────────────────────────────

export type DashboardPart =
  'throughput' | 'cycleTime' | 'perElement' | 'sla' | 'backlog' | 'overdue' | 'bottlenecks' | 'heatmap' | 'petitions';

/** What the caller may open: processes (with their versions) and org units. */
export interface DashboardList {
  processes: Array<{ processId: string; name: string | null; versions: number[] }>;
  departments: Array<{ id: string; code: string; name: string }>;
}

export interface DashboardWindow {
  from?: string;
  to?: string;
  bucket?: 'day' | 'week';
}

export interface DurationSummary {
  median: number | null;
  p90: number | null;
  mean: number | null;
  count: number;
}

export interface ElementFigures {
  elementId: string;
  active: number;
  completed: number;
  incidents: number;
  meanDurationMs: number | null;
}

export interface Dashboard {
  window: Required<DashboardWindow>;
  throughput: Array<{ bucket: string; started: number; completed: number }>;
  cycleTime: {
    endToEnd: DurationSummary;
    perElement: Array<DurationSummary & { elementId: string; processId?: string }>;
  };
  /** Tasks with a legal due date: done by it, or done after it or still open past it. */
  sla: { onTime: number; late: number; rate: number | null };
  backlog: Array<{ queue: string; department: string; open: number; overdue: number }>;
  overdue: Array<{
    id: string;
    name: string;
    processId: string;
    businessKey: string | null;
    assignee: string | null;
    department: string | null;
    dueAt: string;
    overdueWorkingMinutes: number | null;
  }>;
  bottlenecks: Array<{ elementId: string; processId?: string; meanWaitMs: number; count: number }>;
  /** A process's latest (or chosen) version's figures per element; null for a department. */
  heatmap: { definitionId: string; version: number; elements: ElementFigures[] } | null;
  /** The civil-petition figures: on the civil-petition dashboard and a department's that handles petitions. */
  petitions: PetitionFigures | null;
  /** document-approval only: lead time per approval step. */
  approvalSteps?: StepLeadTime[];
}

/** Hours from a step's task being created to its decision; `position` null on the row of the whole kind. */
export interface StepLeadTime {
  kind: 'REVIEW' | 'COOPERATE' | 'APPROVE' | 'POST_REVIEW';
  position: string | null;
  count: number;
  averageHours: number;
  p90Hours: number;
}

/** Rates are shares (0-1), null when nothing counts. */
export interface PetitionFigures {
  decided: number;
  onTime: number;
  late: number;
  onTimeRate: number | null;
  overdue: number;
  averageWorkingDays: number | null;
  extensionRate: number | null;
  supplementationRate: number | null;
  objections: number;
  objectionsUpheld: number;
  objectionUpheldRate: number | null;
}

// ── Audit trail (auditors) ──────────────────────────────────────────────────

/** A row of the whole trail, as auditors read it (docs/audit.md). */
export interface AuditTrailRow extends AuditRow {
  sourceAddress: string | null;
  subject: string | null;
  outcome: 'success' | 'failure' | 'denied';
  prevHash: string;
  hash: string;
}

export interface AuditTrailPage {
  items: AuditTrailRow[];
  nextCursor: string | null;
}

/** `GET /api/audit/verify`: the first broken row, or the head to note down. */
export interface AuditVerdict {
  ok: boolean;
  checked: number;
  firstBrokenId?: string;
  head?: { id: string; hash: string };
}

// Classified handling (docs/classified.md).

export type SecurityGrade = 'GRADE_I' | 'GRADE_II' | 'GRADE_III' | 'RESTRICTED';

/** A clearance (비밀취급인가) as the security officer lists it. */
export interface Clearance {
  userId: string;
  username: string;
  displayName: string;
  grade: SecurityGrade;
  grantedAt: string;
  expiresAt: string;
  expired: boolean;
}

/** One entry of a reading record (비밀열람기록전). */
export interface ReadingRecord {
  id: string;
  instanceId: string;
  itemType: string;
  itemId: string;
  grade: SecurityGrade;
  reader: string;
  sourceAddress: string | null;
  readAt: string;
  signatureValid: boolean;
}
