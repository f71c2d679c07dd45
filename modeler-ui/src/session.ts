/** The signed-in user for this browser tab. The session itself lives in the HTTP-only cookie. */
import type { User } from './api';

let currentUser: User | null = null;

export function getUser(): User | null {
  return currentUser;
}

export function setUser(user: User | null): void {
  currentUser = user;
}

/** True when `assignee` (a user id or username, depending on the API) names the signed-in user. */
export function isMe(assignee: string | null | undefined): boolean {
  if (!assignee || !currentUser) return false;
  return assignee === currentUser.id || assignee === currentUser.username;
}

/** Roles whose users read incidents (the operations pages), and those who may also resolve them; the API decides. */
const INCIDENT_READERS: readonly string[] = ['admin', 'bpr-analyst', 'manager'];
const INCIDENT_RESOLVERS: readonly string[] = ['admin', 'bpr-analyst'];

export function canReadIncidents(user: User | null = currentUser): boolean {
  return !!user && user.roles.some((role) => INCIDENT_READERS.includes(role));
}

/** The records officer's pages (retention expiry) are the administrators'; the API decides. */
export function canReadRecords(user: User | null = currentUser): boolean {
  return !!user && user.roles.includes('admin');
}

/** Roles that read the dashboards (managers only their own part of the org chart); the API decides. */
const DASHBOARD_READERS: readonly string[] = ['admin', 'bpr-analyst', 'manager'];

export function canReadDashboards(user: User | null = currentUser): boolean {
  return !!user && user.roles.some((role) => DASHBOARD_READERS.includes(role));
}

export function canResolveIncidents(user: User | null = currentUser): boolean {
  return !!user && user.roles.some((role) => INCIDENT_RESOLVERS.includes(role));
}

/** Roles whose users search all instances (the instance console); others see the instances of their tasks. */
const INSTANCE_SEARCHERS: readonly string[] = ['admin', 'bpr-analyst', 'manager'];

export function canSearchInstances(user: User | null = currentUser): boolean {
  return !!user && user.roles.some((role) => INSTANCE_SEARCHERS.includes(role));
}

/** Roles whose users draw and deploy processes; everyone else sees diagrams read-only. */
const MODELERS: readonly string[] = ['admin', 'bpr-analyst'];

export function canModel(user: User | null = currentUser): boolean {
  return !!user && user.roles.some((role) => MODELERS.includes(role));
}

/** The security officer keeps clearances and reads the reading records (docs/classified.md); the API decides. */
export function canKeepSecurity(user: User | null = currentUser): boolean {
  return !!user && user.roles.includes('security-officer');
}

/** Administrators change the org chart; everyone else reads it. */
export function canManageOrg(user: User | null = currentUser): boolean {
  return !!user && user.roles.includes('admin');
}

/** Auditors read the audit trail and verify its chain; nobody else, administrators included. */
export function canReadAuditTrail(user: User | null = currentUser): boolean {
  return !!user && user.roles.includes('auditor');
}

/** Someone of the agency: an external party (petitioner, bidder, litigant) drafts no documents and reads no org chart. */
export function isInsider(user: User | null = currentUser): boolean {
  return !!user && user.roles.some((role) => role !== 'external-party');
}

/** Civil servants draft classified documents for distribution; the API checks their clearance for the grade. */
export function canDraftClassified(user: User | null = currentUser): boolean {
  return !!user && user.roles.includes('civil-servant');
}
