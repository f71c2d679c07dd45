/**
 * Who may do what, as CASL rules over Prisma where-inputs (docs/conventions.md §8): the same rules check one object
 * and filter queries, so a list never shows what a detail page would refuse.
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
  Batch,
  Draft,
  Form,
  Incident,
  Prisma,
  ProcessDefinition,
  ProcessInstance,
  User,
  UserTask,
} from '../../prisma/generated/client';
import type { SecurityGradeCode } from '../../gov/security-grades';

export const Role = {
  CivilServant: 'civil-servant',
  BprAnalyst: 'bpr-analyst',
  Manager: 'manager',
  /** Reads the audit trail and verifies its chain. */
  Auditor: 'auditor',
  /** Grants clearances and keeps the classified registers. */
  SecurityOfficer: 'security-officer',
  Admin: 'admin',
} as const;
export type RoleCode = (typeof Role)[keyof typeof Role];

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
  | 'suspend';
type AppSubjects =
  | 'all'
  | 'Deployment'
  | 'Holiday'
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
  | Subjects<{
      UserTask: UserTask;
      ProcessInstance: ProcessInstance;
      ProcessDefinition: ProcessDefinition;
      User: User;
      Incident: Incident;
      Form: Form;
      Draft: Draft;
      Batch: Batch;
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
  const myTasks: WhereInputOf<Prisma.TypeMap, 'UserTask'> = {
    OR: [
      { candidateGroups: { hasSome: principal.groups } },
      { candidateUsers: { has: principal.username } },
      { assignee: principal.username },
      { owner: principal.username },
    ],
  };
  const headOf = principal.headOf ?? [];

  if (has(Role.Admin)) can('manage', 'all');
  // Everyone who works with deadlines reads the calendar; only administrators declare or withdraw holidays.
  can('read', 'Holiday');
  // Every signed-in user reads the org chart (a drafter builds an approval line from it); administrators change it.
  can('read', 'OrgChart');
  // Every signed-in user may view the deployed processes (diagrams read-only) and their forms.
  can('read', ['ProcessDefinition', 'Form']);
  if (has(Role.CivilServant)) {
    can(['read', 'claim', 'complete'], 'UserTask', myTasks);
    // The department queue: a unit's people see its open work. The assignee hands a task on (docs/work-queues.md).
    if (principal.orgUnitId) can('read', 'UserTask', { orgUnitId: principal.orgUnitId });
    can('assign', 'UserTask', { assignee: principal.username });
    can('read', 'ProcessInstance', { tasks: { some: myTasks } });
    can('create', 'ProcessInstance');
  }
  if (has(Role.BprAnalyst)) {
    can('deploy', 'Deployment');
    can(['read', 'create'], 'ProcessInstance');
    // Analysts move the instances of the processes they model: modifications and migrations (docs/operations.md).
    can(['modify', 'migrate'], 'ProcessInstance');
    // Analysts operate the processes they model: they fix incidents and publish messages and signals.
    can(['read', 'resolve'], 'Incident');
    can('publish', ['Message', 'Signal']);
    can('suspend', 'ProcessInstance');
    can('read', 'Dashboard');
  }
  if (headOf.length > 0) can(['read', 'assign'], 'UserTask', { orgUnitId: { in: headOf } });
  if (has(Role.Manager)) {
    can('read', ['UserTask', 'ProcessInstance', 'Incident']);
    // Managers read the dashboards of their own part of the org chart only (api/services/dashboards/scope.ts).
    can('read', 'Dashboard');
  }
  // Separation of duties: an administrator runs the system but neither reads the audit trail nor grants clearances;
  // those belong to the auditor and the security officer.
  cannot('manage', ['AuditTrail', 'Clearance', 'ClassifiedRegister']);
  if (has(Role.Auditor)) can('read', 'AuditTrail');
  if (has(Role.SecurityOfficer)) can('manage', ['Clearance', 'ClassifiedRegister']);
  // Administrators keep the records register (registration numbers, retention expiry): docs/records.md.
  if (has(Role.Admin)) can('read', 'RecordsRegister');
  // A batch operation is followed by the person who started it (administrators see all of them).
  can('read', 'Batch', { createdById: principal.id });
  // A draft is its owner's alone, administrators' included: the later rule wins over `manage all` above.
  cannot('manage', 'Draft');
  if (has(Role.BprAnalyst) || has(Role.Admin)) can(['read', 'update', 'delete'], 'Draft', { ownerId: principal.id });
  return build();
}

export type ModelName = 'UserTask' | 'ProcessInstance' | 'ProcessDefinition' | 'Incident' | 'Form' | 'Draft' | 'Batch';

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
