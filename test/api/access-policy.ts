/**
 * The access policy as plain data, written apart from api/auth/ability.ts: who may do what to which instance, task,
 * incident, document and dashboard (docs/access.md). test/api/authorization-matrix.test.ts builds the fixtures below
 * and turns every cell into one request. A number is the HTTP status expected; `listed`/`absent` is whether the
 * instance list shows the instance.
 */

export type Viewer =
  | 'clerk3' // civil servant, civil-affairs, cleared for II급
  | 'analyst1' // BPR analyst, owns the process
  | 'analyst2' // BPR analyst, owns nothing
  | 'manager1' // manager, head of civil-affairs, cleared
  | 'manager2' // manager in admin-bureau (above civil-affairs and general-affairs), cleared, heads nothing
  | 'admin' // administrator, cleared
  | 'auditor1'
  | 'security1'
  | 'party1'; // external party (a petitioner, a bidder), external-parties unit

/** The instances of the matrix: who started them (their unit is the instance's), their state and grade. */
export const instanceFixtures = {
  'own-run': { starter: 'clerk3', assignee: 'lead1', state: 'running', classification: 'none' },
  'ca-run': { starter: 'clerk1', assignee: 'lead1', state: 'running', classification: 'none' },
  'ca-done': { starter: 'clerk1', assignee: 'clerk1', state: 'completed', classification: 'none' },
  'ga-run': { starter: 'clerk2', assignee: 'clerk2', state: 'running', classification: 'none' },
  'pb-run': { starter: 'planner1', assignee: 'planner1', state: 'running', classification: 'none' },
  /** II급, with every cleared viewer on its need-to-know list. */
  'ca-II-listed': { starter: 'clerk1', assignee: 'lead1', state: 'running', classification: 'GRADE_II' },
  /** II급, nobody on its need-to-know list. */
  'ca-II-unlisted': { starter: 'clerk1', assignee: 'lead1', state: 'running', classification: 'GRADE_II' },
} as const;
export type InstanceFixture = keyof typeof instanceFixtures;

/** People cleared for II급 (every viewer above marked cleared, and lead1 for the document). */
export const clearedForGradeII = ['clerk3', 'lead1', 'analyst1', 'manager1', 'manager2', 'admin'] as const;
/** The need-to-know list of ca-II-listed. */
export const needToKnowOfListed = ['clerk3', 'lead1', 'analyst1', 'manager1', 'manager2', 'admin'] as const;

export type Ownership = 'own' | 'same unit' | 'subtree' | 'other unit';

export interface InstanceOutcomes {
  getInstance: number;
  variableHistory: number;
  list: 'listed' | 'absent';
  getTask: number;
  /** Claiming and completing: a visible task assigned to someone else answers 409, a closed one 409. */
  claim: number;
  complete: number;
  /** Assigning the task to its current assignee. */
  assign: number;
  getIncident: number;
  /** Every incident of the matrix is already resolved: a caller allowed to resolve gets 409. */
  resolve: number;
}

const unseen: InstanceOutcomes = {
  getInstance: 404,
  variableHistory: 404,
  list: 'absent',
  getTask: 404,
  claim: 404,
  complete: 404,
  assign: 404,
  getIncident: 404,
  resolve: 404,
};

const civilServantOnOpenWork: InstanceOutcomes = {
  getInstance: 200,
  variableHistory: 200,
  list: 'listed',
  getTask: 200,
  claim: 409,
  complete: 409,
  assign: 403,
  getIncident: 404,
  resolve: 404,
};

const ownerAnalyst: InstanceOutcomes = {
  getInstance: 200,
  variableHistory: 200,
  list: 'listed',
  getTask: 404,
  claim: 404,
  complete: 404,
  assign: 404,
  getIncident: 200,
  resolve: 409,
};

const managerHeadingTheUnit: InstanceOutcomes = {
  getInstance: 200,
  variableHistory: 200,
  list: 'listed',
  getTask: 200,
  claim: 404,
  complete: 404,
  assign: 200,
  getIncident: 200,
  resolve: 403,
};

const managerOfSubtree: InstanceOutcomes = { ...managerHeadingTheUnit, assign: 403 };

const administrator: InstanceOutcomes = {
  getInstance: 200,
  variableHistory: 200,
  list: 'listed',
  getTask: 200,
  claim: 409,
  complete: 409,
  assign: 200,
  getIncident: 200,
  resolve: 409,
};

export interface InstanceCell {
  viewer: Viewer;
  fixture: InstanceFixture;
  ownership: Ownership;
  expected: InstanceOutcomes;
}

export const instancePolicy: InstanceCell[] = [
  // Civil servant: their own and their department's open work; a closed task no longer opens its instance.
  { viewer: 'clerk3', fixture: 'own-run', ownership: 'own', expected: civilServantOnOpenWork },
  { viewer: 'clerk3', fixture: 'ca-run', ownership: 'same unit', expected: civilServantOnOpenWork },
  {
    viewer: 'clerk3',
    fixture: 'ca-done',
    ownership: 'same unit',
    expected: { ...unseen, getTask: 200, claim: 409, complete: 409, assign: 403 },
  },
  { viewer: 'clerk3', fixture: 'ga-run', ownership: 'other unit', expected: unseen },
  { viewer: 'clerk3', fixture: 'pb-run', ownership: 'other unit', expected: unseen },
  { viewer: 'clerk3', fixture: 'ca-II-listed', ownership: 'same unit', expected: civilServantOnOpenWork },
  { viewer: 'clerk3', fixture: 'ca-II-unlisted', ownership: 'same unit', expected: unseen },

  // BPR analyst: the instances of the processes they own, wherever they run; no task work.
  { viewer: 'analyst1', fixture: 'own-run', ownership: 'own', expected: ownerAnalyst },
  { viewer: 'analyst1', fixture: 'ca-run', ownership: 'own', expected: ownerAnalyst },
  { viewer: 'analyst1', fixture: 'ca-done', ownership: 'own', expected: ownerAnalyst },
  { viewer: 'analyst1', fixture: 'ga-run', ownership: 'own', expected: ownerAnalyst },
  { viewer: 'analyst1', fixture: 'pb-run', ownership: 'own', expected: ownerAnalyst },
  { viewer: 'analyst1', fixture: 'ca-II-listed', ownership: 'own', expected: ownerAnalyst },
  { viewer: 'analyst1', fixture: 'ca-II-unlisted', ownership: 'own', expected: unseen },
  { viewer: 'analyst2', fixture: 'ca-run', ownership: 'other unit', expected: unseen },
  { viewer: 'analyst2', fixture: 'ca-done', ownership: 'other unit', expected: unseen },
  { viewer: 'analyst2', fixture: 'ga-run', ownership: 'other unit', expected: unseen },
  { viewer: 'analyst2', fixture: 'ca-II-listed', ownership: 'other unit', expected: unseen },

  // Manager: their org subtree; the head of a unit also assigns its tasks.
  { viewer: 'manager1', fixture: 'own-run', ownership: 'same unit', expected: managerHeadingTheUnit },
  { viewer: 'manager1', fixture: 'ca-run', ownership: 'same unit', expected: managerHeadingTheUnit },
  {
    viewer: 'manager1',
    fixture: 'ca-done',
    ownership: 'same unit',
    expected: { ...managerHeadingTheUnit, assign: 409 },
  },
  { viewer: 'manager1', fixture: 'ga-run', ownership: 'other unit', expected: unseen },
  { viewer: 'manager1', fixture: 'pb-run', ownership: 'other unit', expected: unseen },
  { viewer: 'manager1', fixture: 'ca-II-listed', ownership: 'same unit', expected: managerHeadingTheUnit },
  { viewer: 'manager1', fixture: 'ca-II-unlisted', ownership: 'same unit', expected: unseen },
  { viewer: 'manager2', fixture: 'ca-run', ownership: 'subtree', expected: managerOfSubtree },
  { viewer: 'manager2', fixture: 'ca-done', ownership: 'subtree', expected: managerOfSubtree },
  { viewer: 'manager2', fixture: 'ga-run', ownership: 'subtree', expected: managerOfSubtree },
  { viewer: 'manager2', fixture: 'pb-run', ownership: 'other unit', expected: unseen },
  { viewer: 'manager2', fixture: 'ca-II-listed', ownership: 'subtree', expected: managerOfSubtree },
  { viewer: 'manager2', fixture: 'ca-II-unlisted', ownership: 'subtree', expected: unseen },

  // Administrator: everything, but classified items only like anyone else.
  { viewer: 'admin', fixture: 'ca-run', ownership: 'other unit', expected: administrator },
  { viewer: 'admin', fixture: 'ca-done', ownership: 'other unit', expected: { ...administrator, assign: 409 } },
  { viewer: 'admin', fixture: 'pb-run', ownership: 'other unit', expected: administrator },
  { viewer: 'admin', fixture: 'ca-II-listed', ownership: 'other unit', expected: administrator },
  { viewer: 'admin', fixture: 'ca-II-unlisted', ownership: 'other unit', expected: unseen },

  // Auditor and security officer: no instance or task, whatever it is.
  { viewer: 'auditor1', fixture: 'ca-run', ownership: 'other unit', expected: unseen },
  { viewer: 'auditor1', fixture: 'ca-done', ownership: 'other unit', expected: unseen },
  { viewer: 'auditor1', fixture: 'ca-II-listed', ownership: 'other unit', expected: unseen },
  { viewer: 'security1', fixture: 'ca-run', ownership: 'other unit', expected: unseen },
  { viewer: 'security1', fixture: 'ca-done', ownership: 'other unit', expected: unseen },
  { viewer: 'security1', fixture: 'ca-II-listed', ownership: 'other unit', expected: unseen },

  // External party: only what they started and tasks named for them; none of these.
  { viewer: 'party1', fixture: 'ca-run', ownership: 'other unit', expected: unseen },
  { viewer: 'party1', fixture: 'ca-done', ownership: 'other unit', expected: unseen },
  { viewer: 'party1', fixture: 'ga-run', ownership: 'other unit', expected: unseen },
  { viewer: 'party1', fixture: 'ca-II-listed', ownership: 'other unit', expected: unseen },
];

/** Starting the process whose start permissions name civil-affairs only (201 started, 403 refused). */
export const startPolicy: Array<{ starter: string; role: string; ownership: Ownership; expected: number }> = [
  { starter: 'clerk3', role: 'civil servant', ownership: 'same unit', expected: 201 },
  { starter: 'clerk2', role: 'civil servant', ownership: 'other unit', expected: 403 },
  // A permission covers the units under the one named, not the ones above it.
  { starter: 'director1', role: 'civil servant', ownership: 'subtree', expected: 403 },
  { starter: 'analyst1', role: 'BPR analyst', ownership: 'own', expected: 201 },
  { starter: 'analyst2', role: 'BPR analyst', ownership: 'other unit', expected: 403 },
  { starter: 'manager1', role: 'manager', ownership: 'same unit', expected: 403 },
  { starter: 'admin', role: 'administrator', ownership: 'other unit', expected: 201 },
  { starter: 'auditor1', role: 'auditor', ownership: 'other unit', expected: 403 },
  { starter: 'security1', role: 'security officer', ownership: 'other unit', expected: 403 },
  { starter: 'party1', role: 'external party', ownership: 'other unit', expected: 403 },
];

/** Publishing a message and broadcasting a signal that start a process analyst1 owns (200 published, 403 refused). */
export const eventStartPolicy: Array<{ publisher: Viewer; ownership: Ownership; expected: number }> = [
  { publisher: 'analyst1', ownership: 'own', expected: 200 },
  { publisher: 'analyst2', ownership: 'other unit', expected: 403 },
  { publisher: 'admin', ownership: 'other unit', expected: 200 },
  { publisher: 'clerk3', ownership: 'same unit', expected: 403 },
];

/**
 * Reading an approval document drafted by clerk1 (civil-affairs) with the line lead1 (review), director1 (approve):
 * `doc` unclassified, `doc-II` II급 (lead1 is cleared, director1 is not).
 */
export const documentPolicy: Array<{ reader: string; ownership: Ownership; doc: number; 'doc-II': number }> = [
  { reader: 'clerk1', ownership: 'own', doc: 200, 'doc-II': 404 },
  { reader: 'lead1', ownership: 'same unit', doc: 200, 'doc-II': 200 },
  { reader: 'director1', ownership: 'subtree', doc: 200, 'doc-II': 404 },
  { reader: 'clerk3', ownership: 'same unit', doc: 404, 'doc-II': 404 },
  { reader: 'clerk2', ownership: 'other unit', doc: 404, 'doc-II': 404 },
  { reader: 'manager1', ownership: 'same unit', doc: 200, 'doc-II': 404 },
  { reader: 'manager2', ownership: 'subtree', doc: 200, 'doc-II': 404 },
  { reader: 'analyst1', ownership: 'other unit', doc: 404, 'doc-II': 404 },
  { reader: 'admin', ownership: 'other unit', doc: 200, 'doc-II': 404 },
  { reader: 'auditor1', ownership: 'other unit', doc: 404, 'doc-II': 404 },
  { reader: 'security1', ownership: 'other unit', doc: 404, 'doc-II': 404 },
  { reader: 'party1', ownership: 'other unit', doc: 404, 'doc-II': 404 },
];

/** A department's dashboard: civil-affairs and general-affairs. */
export const dashboardPolicy: Array<{ reader: Viewer; 'civil-affairs': number; 'general-affairs': number }> = [
  { reader: 'clerk3', 'civil-affairs': 404, 'general-affairs': 404 },
  { reader: 'analyst1', 'civil-affairs': 404, 'general-affairs': 404 },
  { reader: 'manager1', 'civil-affairs': 200, 'general-affairs': 404 },
  { reader: 'manager2', 'civil-affairs': 200, 'general-affairs': 200 },
  { reader: 'admin', 'civil-affairs': 200, 'general-affairs': 200 },
  { reader: 'auditor1', 'civil-affairs': 404, 'general-affairs': 404 },
  { reader: 'security1', 'civil-affairs': 404, 'general-affairs': 404 },
  { reader: 'party1', 'civil-affairs': 404, 'general-affairs': 404 },
];

/** The dashboard of the matrix's process: its owner, and the managers whose units its work reached. */
export const processDashboardPolicy: Array<{ reader: Viewer; status: number }> = [
  { reader: 'clerk3', status: 404 },
  { reader: 'analyst1', status: 200 },
  { reader: 'analyst2', status: 404 },
  { reader: 'manager1', status: 200 },
  { reader: 'admin', status: 200 },
  { reader: 'auditor1', status: 404 },
  { reader: 'security1', status: 404 },
  { reader: 'party1', status: 404 },
];

/**
 * The separated duties: verifying the audit chain (`GET /api/audit/verify`, else 404 as for anything unseen) and
 * listing clearances (`GET /api/security/clearances`, a collection: 403 for whoever keeps no security), and reading
 * the org chart (`GET /api/org/units`: the agency's people, not an external party).
 */
export const dutyPolicy: Array<{
  reader: Viewer;
  verifyAuditChain: 200 | 404;
  listClearances: 200 | 403;
  readOrgChart: 200 | 403;
}> = [
  { reader: 'clerk3', verifyAuditChain: 404, listClearances: 403, readOrgChart: 200 },
  { reader: 'analyst1', verifyAuditChain: 404, listClearances: 403, readOrgChart: 200 },
  { reader: 'manager1', verifyAuditChain: 404, listClearances: 403, readOrgChart: 200 },
  { reader: 'admin', verifyAuditChain: 404, listClearances: 403, readOrgChart: 200 },
  { reader: 'auditor1', verifyAuditChain: 200, listClearances: 403, readOrgChart: 200 },
  { reader: 'security1', verifyAuditChain: 404, listClearances: 200, readOrgChart: 200 },
  { reader: 'party1', verifyAuditChain: 404, listClearances: 403, readOrgChart: 403 },
];

/**
 * Whose view of a sensitive variable (residentNumber) of ca-run is its value, and whose is "***"; whoever sees it
 * masked cannot find the instance by filtering on its value either (the instance list and the task queue).
 */
export const sensitivePolicy: Array<{ reader: string; why: string; sees: 'value' | 'masked' }> = [
  { reader: 'clerk1', why: 'started it', sees: 'value' },
  { reader: 'clerk3', why: 'a candidate of its open task', sees: 'value' },
  { reader: 'analyst1', why: 'owns the process', sees: 'value' },
  { reader: 'manager1', why: 'reads the subtree, works none of it', sees: 'masked' },
  { reader: 'admin', why: 'administers, works none of it', sees: 'masked' },
];
