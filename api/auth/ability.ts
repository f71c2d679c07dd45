/**
 * Who may do what, as CASL rules over Prisma where-inputs (docs/conventions.md §8): the same rules check one object
 * and filter queries, so a list never shows what a detail page would refuse. Six roles, each scoped to the org chart
 * or to what the person owns or works on; classified items narrow every role last (docs/access.md).
 */
import { AbilityBuilder, type Ability } from '@casl/ability';
import {
  accessibleBy,
  createPrismaAbility,
  type Model,
  type PrismaQueryOf,
  type Subjects,
  type WhereInputOf,
} from '@casl/prisma/runtime';
import type {
  ApprovalDocument,
  Batch,
  CourtCase,
  Bid,
  BidObjection,
  Bidding,
  Draft,
  Form,
  Incident,
  Petition,
  Prisma,
  ProcessDefinition,
  ProcessInstance,
  User,
  UserTask,
} from '../../prisma/generated/client';
import { gradesCoveredBy, type SecurityGradeCode } from '../../gov/security-grades';
import { classifiedInstanceCondition, classifiedTaskCondition } from './classified';

export const Role = {
  CivilServant: 'civil-servant',
  BprAnalyst: 'bpr-analyst',
  Manager: 'manager',
  /** Reads the audit trail and verifies its chain. */
  Auditor: 'auditor',
  /** Grants clearances and keeps the classified registers. */
  SecurityOfficer: 'security-officer',
  Admin: 'admin',
  /**
   * Someone outside the agency who takes part in a process: a petitioner, a bidder, a litigant. They start only the
   * processes opened to their unit and work only the tasks named for them (docs/access.md).
   */
  External: 'external-party',
  /**
   * The identity a Camunda job worker signs in with: it activates and answers external jobs (docs/external-jobs.md)
   * and otherwise reads only what every signed-in user reads, so a worker never needs an administrator's credentials.
   */
  JobWorker: 'job-worker',
} as const;
export type RoleCode = (typeof Role)[keyof typeof Role];

/** Who may start a process (engine/process-access.ts builds it): checked against the person starting it. */
export interface ProcessStart {
  bpmnProcessId: string;
  /** The units (with everything under them) whose people may start it; empty: every civil servant may. */
  startUnits: string[];
  ownerIds: string[];
}
/** A process's owners and start permissions, as their managers see them. */
export type ProcessAccess = Pick<ProcessStart, 'bpmnProcessId' | 'ownerIds'>;

/**
 * Conditions on the facts of a process (ProcessStart, ProcessAccess), in the Prisma operators CASL checks them with.
 * CASL's Prisma typings describe only the database's models, hence the cast.
 */
function processFacts(conditions: { startUnits?: { isEmpty: true } | { has: string }; ownerIds?: { has: string } }) {
  return conditions as never;
}

export type Action =
  | 'manage'
  | 'read'
  | 'create'
  | 'update'
  | 'delete'
  | 'claim'
  | 'complete'
  | 'deploy'
  | 'cancel'
  /** Operator changes to a running instance: modify its tokens, migrate it to a newer version. */
  | 'modify'
  | 'migrate'
  | 'resolve'
  | 'publish'
  | 'assign'
  /** Suspend and resume an instance. */
  | 'suspend'
  /** See the values of the variables a process marks sensitive (docs/access.md). */
  | 'readSensitive';
type AppSubjects =
  | 'all'
  | 'Deployment'
  | 'Holiday'
  /** Civil-petition types and their limits (docs/civil-petition.md). */
  | 'PetitionType'
  | 'Message'
  | 'Signal'
  | 'OrgChart'
  | 'Dashboard'
  /** The audit trail: read and verify its chain. */
  | 'AuditTrail'
  /** Clearances (비밀취급인가) and need-to-know lists. */
  | 'Clearance'
  /** The classified registers: copies, dispatch, re-grading and destruction. */
  | 'ClassifiedRegister'
  /** Records metadata: registration numbers, retention and its expiry lists. */
  | 'RecordsRegister'
  /** Starting a process, checked on the facts `ProcessStart` (docs/access.md). */
  | 'ProcessStart'
  /** A process's owners and start permissions, checked on `ProcessAccess`. */
  | 'ProcessAccess'
  /** External jobs, worked through /v2/jobs by job workers (docs/external-jobs.md): administrators only. */
  | 'Job'
  | Model<ProcessStart, 'ProcessStart'>
  | Model<ProcessAccess, 'ProcessAccess'>
  | Subjects<{
      UserTask: UserTask;
      ProcessInstance: ProcessInstance;
      ProcessDefinition: ProcessDefinition;
      User: User;
      Incident: Incident;
      Form: Form;
      Draft: Draft;
      Batch: Batch;
      ApprovalDocument: ApprovalDocument;
      CourtCase: CourtCase;
      Bidding: Bidding;
      Bid: Bid;
      BidObjection: BidObjection;
      Petition: Petition;
    }>;
type PrismaQuery<T extends Model<object, string> = Model<object, string>> = PrismaQueryOf<Prisma.TypeMap, T>;
export type AppAbility = Ability<[Action, AppSubjects], PrismaQuery>;

/** The person behind a request, as the ability needs them. */
export interface Principal {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  groups: string[];
  /** The person's org unit, for the department queue. */
  orgUnitId?: string | null;
  /** The org units the person heads: they assign and prioritise those units' tasks. */
  headOf?: string[];
  /** The person's unit and every unit under it (and under the ones they head): a manager's reach. */
  unitSubtree?: string[];
  /** The grade of the person's unexpired clearance (비밀취급인가), null without one. */
  clearance?: SecurityGradeCode | null;
  /** The BPMN process ids the person owns as a BPR analyst (ProcessOwner). */
  ownedProcesses?: string[];
}

/** Who is asking, as every API service takes it: the person and what their roles allow. */
export interface Caller {
  principal: Principal;
  ability: AppAbility;
  /** The client's address, for the audit trail; absent for callers inside the engine. */
  sourceAddress?: string;
}

export function defineAbilityFor(principal: Principal): AppAbility {
  const { can, cannot, build } = new AbilityBuilder<AppAbility>(createPrismaAbility);
  const has = (role: RoleCode) => principal.roles.includes(role);
  const where = ownershipConditions(principal);

  if (has(Role.Admin)) can('manage', 'all');
  if (has(Role.JobWorker)) can('manage', 'Job');
  // Everyone who works with deadlines reads the calendar; only administrators declare or withdraw holidays.
  can('read', 'Holiday');
  // Clerks look up petition types and their deadlines; only administrators add statutory types (manage all).
  can('read', 'PetitionType');
  // The agency's people read the org chart (a drafter builds an approval line from it); administrators change it.
  if (principal.roles.some((role) => role !== Role.External && role !== Role.JobWorker)) can('read', 'OrgChart');
  // Every signed-in user may view the deployed processes (diagrams read-only) and their forms.
  can('read', ['ProcessDefinition', 'Form']);
  if (has(Role.CivilServant)) {
    can(['read', 'claim', 'complete'], 'UserTask', where.myTasks);
    if (principal.orgUnitId) {
      // The department queue: a unit's people see its open work. The assignee hands a task on (docs/work-queues.md).
      can('read', 'UserTask', { orgUnitId: principal.orgUnitId });
      // A task offered to no one is unassigned work of its unit: any of the unit's people may take it.
      can('claim', 'UserTask', { orgUnitId: principal.orgUnitId, ...where.offeredToNoOne });
    }
    can('assign', 'UserTask', { assignee: principal.username });
    can('read', 'ProcessInstance', where.myInstances);
    can('create', 'ProcessStart', processFacts({ startUnits: { isEmpty: true } }));
    if (principal.orgUnitId) can('create', 'ProcessStart', processFacts({ startUnits: { has: principal.orgUnitId } }));
    can('create', 'ApprovalDocument');
  }
  if (has(Role.External)) {
    can(['read', 'claim', 'complete'], 'UserTask', where.namedTasks);
    can('read', 'ProcessInstance', { startedById: principal.id });
    // Never the "open to everyone" rule: a process must be opened to the external unit explicitly.
    if (principal.orgUnitId) can('create', 'ProcessStart', processFacts({ startUnits: { has: principal.orgUnitId } }));
  }
  // A court case (docs/e-court.md): its parties read it; the court's people read their docket.
  can('read', 'CourtCase', { OR: [{ plaintiffId: principal.id }, { defendantId: principal.id }] });
  if (has(Role.CivilServant) && principal.orgUnitId) can('read', 'CourtCase', { courtUnitId: principal.orgUnitId });
  // A bid announcement is public to every signed-in user; a bid and an objection are their bidder's and the
  // contracting unit's. No rule opens a sealed price: the services never hold one before the opening.
  can('read', 'Bidding');
  if (has(Role.External)) can(['read', 'create'], ['Bid', 'BidObjection'], { bidderId: principal.id });
  if (has(Role.CivilServant) && principal.orgUnitId)
    can('read', ['Bid', 'BidObjection'], { bidding: { is: { orgUnitId: principal.orgUnitId } } });
  // A document's drafter and the people on its line read it, whatever their role.
  can('read', 'ApprovalDocument', where.myDocuments);
  // The civil servants of a unit a document was sent to (시행) read it: its clerk receives it, its handler and 공람
  // readers work on it.
  if (principal.orgUnitId && has(Role.CivilServant)) {
    can('read', 'ApprovalDocument', { dispatches: { some: { unitId: principal.orgUnitId, state: 'SENT' } } });
  }
  if (has(Role.BprAnalyst)) {
    can('deploy', 'Deployment');
    // Analysts operate the processes they own: read, move and hold their instances, fix their incidents
    // (docs/operations.md), start them to try them, and say who else may start them.
    can(['read', 'modify', 'migrate', 'suspend'], 'ProcessInstance', where.ownedInstances);
    can(['read', 'resolve'], 'Incident', { processInstance: { is: where.ownedInstances } });
    can('create', 'ProcessStart', processFacts({ ownerIds: { has: principal.id } }));
    can(['read', 'update'], 'ProcessAccess', processFacts({ ownerIds: { has: principal.id } }));
    can('publish', ['Message', 'Signal']);
    can('read', 'Dashboard');
  }
  if (principal.headOf?.length) can(['read', 'assign'], 'UserTask', { orgUnitId: { in: principal.headOf } });
  if (has(Role.Manager)) {
    // A manager reads what happens in their part of the org chart (Principal.unitSubtree), nothing beyond it.
    can('read', 'UserTask', where.subtreeTasks);
    can('read', 'ProcessInstance', where.subtreeInstances);
    can('read', 'Incident', { processInstance: { is: where.subtreeInstances } });
    can('read', 'ApprovalDocument', { drafter: { is: { orgUnitId: { in: principal.unitSubtree ?? [] } } } });
    can('read', 'Dashboard');
  }
  // Separation of duties: an administrator runs the system but neither reads the audit trail nor grants clearances;
  // those belong to the auditor and the security officer.
  cannot('manage', ['AuditTrail', 'Clearance', 'ClassifiedRegister']);
  if (has(Role.Auditor)) can('read', 'AuditTrail');
  if (has(Role.SecurityOfficer)) can('manage', ['Clearance', 'ClassifiedRegister']);
  // Administrators keep the records register (registration numbers, retention expiry): docs/records.md.
  if (has(Role.Admin)) can('read', 'RecordsRegister');
  // A civil petition is read by the petitioner who filed it, the receiving unit's people and the managers above it.
  if (has(Role.External)) can('read', 'Petition', { filedById: principal.id });
  if (has(Role.CivilServant) && principal.orgUnitId) can('read', 'Petition', { orgUnitId: principal.orgUnitId });
  if (has(Role.Manager)) can('read', 'Petition', { orgUnitId: { in: principal.unitSubtree ?? [] } });
  // A batch operation is followed by the person who started it (administrators see all of them).
  can('read', 'Batch', { createdById: principal.id });
  // A draft is its owner's alone, administrators' included: the later rule wins over `manage all` above.
  cannot('manage', 'Draft');
  if (has(Role.BprAnalyst) || has(Role.Admin)) can(['read', 'update', 'delete'], 'Draft', { ownerId: principal.id });
  // Sensitive variables show only to the people working the instance and its owners; `manage all` does not cover
  // them, so the grants come after this refusal.
  cannot('readSensitive', 'ProcessInstance');
  can('readSensitive', 'ProcessInstance', { startedById: principal.id });
  if (has(Role.CivilServant)) can('readSensitive', 'ProcessInstance', where.myInstances);
  if (has(Role.BprAnalyst)) can('readSensitive', 'ProcessInstance', where.ownedInstances);
  // Last, so that it narrows every rule above, `manage all` included: a classified item is open only to the cleared
  // people on its need-to-know list (api/auth/classified.ts).
  cannot('manage', 'ProcessInstance', { NOT: classifiedInstanceCondition(principal) });
  cannot('manage', 'UserTask', { NOT: classifiedTaskCondition(principal) });
  cannot('manage', 'Incident', { NOT: { processInstance: { is: classifiedInstanceCondition(principal) } } });
  cannot('manage', 'ApprovalDocument', { NOT: classifiedDocumentCondition(principal, where.myDocuments) });
  return build();
}

/** The where-inputs that say "mine", "my subtree's" and "owned by me", each written once for checks and queries. */
function ownershipConditions(principal: Principal) {
  const units = principal.unitSubtree ?? [];
  const ownedProcesses = principal.ownedProcesses ?? [];
  const myTasks: WhereInputOf<Prisma.TypeMap, 'UserTask'> = {
    OR: [
      { candidateGroups: { hasSome: principal.groups } },
      { candidateUsers: { has: principal.username } },
      { assignee: principal.username },
      { owner: principal.username },
    ],
  };
  const namedTasks: WhereInputOf<Prisma.TypeMap, 'UserTask'> = {
    OR: [{ candidateUsers: { has: principal.username } }, { assignee: principal.username }],
  };
  const offeredToNoOne: WhereInputOf<Prisma.TypeMap, 'UserTask'> = {
    candidateGroups: { isEmpty: true },
    candidateUsers: { isEmpty: true },
  };
  const subtreeTasks: WhereInputOf<Prisma.TypeMap, 'UserTask'> = { orgUnitId: { in: units } };
  // A closed task no longer opens its instance: only open work (or having started it) does.
  const myInstances: WhereInputOf<Prisma.TypeMap, 'ProcessInstance'> = {
    OR: [{ tasks: { some: { AND: [myTasks, { state: 'CREATED' }] } } }, { startedById: principal.id }],
  };
  const subtreeInstances: WhereInputOf<Prisma.TypeMap, 'ProcessInstance'> = {
    OR: [{ orgUnitId: { in: units } }, { tasks: { some: subtreeTasks } }],
  };
  const ownedInstances: WhereInputOf<Prisma.TypeMap, 'ProcessInstance'> = { bpmnProcessId: { in: ownedProcesses } };
  const myDocuments: WhereInputOf<Prisma.TypeMap, 'ApprovalDocument'> = {
    OR: [
      { drafterId: principal.id },
      { steps: { some: { OR: [{ assigneeId: principal.id }, { actorId: principal.id }] } } },
    ],
  };
  return {
    myTasks,
    namedTasks,
    offeredToNoOne,
    subtreeTasks,
    myInstances,
    subtreeInstances,
    ownedInstances,
    myDocuments,
  };
}

/**
 * A classified approval document is open to the cleared people among its drafter and line, who are its
 * need-to-know list; an unclassified one to whoever the other rules allow.
 */
function classifiedDocumentCondition(
  principal: Principal,
  myDocuments: WhereInputOf<Prisma.TypeMap, 'ApprovalDocument'>,
): WhereInputOf<Prisma.TypeMap, 'ApprovalDocument'> {
  const grades = gradesCoveredBy(principal.clearance);
  if (grades.length === 0) return { classification: null };
  return { OR: [{ classification: null }, { AND: [{ classification: { in: grades } }, myDocuments] }] };
}

export type ModelName =
  | 'UserTask'
  | 'ProcessInstance'
  | 'ProcessDefinition'
  | 'Incident'
  | 'Form'
  | 'Draft'
  | 'Batch'
  | 'ApprovalDocument'
  | 'CourtCase'
  | 'Bidding'
  | 'Bid'
  | 'BidObjection'
  | 'Petition';

/**
 * The where-input of the records the ability allows for an action, or null when it allows none. Checking first
 * avoids handing Prisma CASL's "no access" marker, and lets callers answer 404 without a query.
 */
export function accessibleWhere<M extends ModelName>(
  ability: AppAbility,
  action: Action,
  model: M,
): WhereInputOf<Prisma.TypeMap, M> | null {
  if (!ability.can(action, model)) return null;
  return accessibleBy(ability, action).ofType(model);
}
