/**
 * Routing an approval line (결재선) at submission: from the line the drafter built, the delegation table (위임전결)
 * and the absences of the day, the steps the document will go through, with the marks 전결, 대결 and 후결.
 * Pure: the caller loads the people, the rules and the absences (docs/approval-lines.md).
 */

export type LineKind = 'review' | 'cooperate' | 'approve';
export type StepKind = 'REVIEW' | 'COOPERATE' | 'APPROVE' | 'POST_REVIEW';
export type StepMark = 'NONE' | 'DELEGATED' | 'PROXY' | 'POST_REVIEW';

export interface LineMember {
  kind: LineKind;
  userId: string;
}

export interface LinePerson {
  id: string;
  /** The position's level (higher outranks); null for someone without a position. */
  positionLevel: number | null;
}

/** One row of the delegation table, its position already resolved to a level. */
export interface DelegationRuleOfLevel {
  documentType: string;
  /** Inclusive. */
  minAmount: bigint;
  /** Exclusive; null: no upper bound. */
  maxAmount: bigint | null;
  positionCode: string;
  positionLevel: number;
}

/** An absence covering the day of submission. */
export interface DayAbsence {
  userId: string;
  proxyId: string;
  endsAt: Date;
}

export interface RouteInput {
  drafterId: string;
  line: LineMember[];
  cooperation: 'sequential' | 'parallel';
  documentType: string;
  amount: bigint | null;
  important: boolean;
  /** Everyone the line names who exists; a member missing here is an unknown user. */
  people: ReadonlyMap<string, LinePerson>;
  delegationRules: DelegationRuleOfLevel[];
  absences: DayAbsence[];
}

export interface RoutedStep {
  order: number;
  /** Steps of one stage run together (parallel cooperators); stages run one after another. */
  stage: number;
  kind: StepKind;
  parallel: boolean;
  /** The person on the line. */
  assigneeId: string;
  /** Who acts: the assignee, or their proxy when they are away. */
  actorId: string;
  mark: StepMark;
  followUpAt: Date | null;
}

/** A line that cannot be routed; the message names the problem. */
export class ApprovalLineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApprovalLineError';
  }
}

const KIND_OF: Record<LineKind, StepKind> = { review: 'REVIEW', cooperate: 'COOPERATE', approve: 'APPROVE' };

export function routeApprovalLine(input: RouteInput): RoutedStep[] {
  checkShape(input);
  const members = cutAtFinalAuthority(input);
  const steps: RoutedStep[] = [];
  let stage = 0;
  for (const member of members) {
    const parallel = member.kind === 'cooperate' && input.cooperation === 'parallel';
    const previous = steps.at(-1);
    if (!(parallel && previous?.parallel)) stage += 1;
    steps.push({ ...assign(member, input), order: steps.length + 1, stage, parallel, followUpAt: null });
  }
  const approval = steps.at(-1) as RoutedStep;
  if (input.important && approval.mark === 'PROXY') {
    // 사후보고: the absent approver reviews the decision taken in their place once they are back.
    const absence = absenceOf(input, approval.assigneeId) as DayAbsence;
    steps.push({
      order: steps.length + 1,
      stage: stage + 1,
      kind: 'POST_REVIEW',
      parallel: false,
      assigneeId: approval.assigneeId,
      actorId: approval.assigneeId,
      mark: 'POST_REVIEW',
      followUpAt: absence.endsAt,
    });
  }
  return steps;
}

/** The rule of the delegation table for a document type and amount (no amount counts as 0), if any. */
export function delegationRuleFor(
  rules: DelegationRuleOfLevel[],
  documentType: string,
  amount: bigint | null,
): DelegationRuleOfLevel | undefined {
  const value = amount ?? 0n;
  return rules.find(
    (rule) =>
      rule.documentType === documentType &&
      rule.minAmount <= value &&
      (rule.maxAmount === null || value < rule.maxAmount),
  );
}

function checkShape({ line, people, drafterId }: RouteInput): void {
  if (line.length === 0) throw new ApprovalLineError('The approval line is empty: it needs at least an approver.');
  const unknown = line.find((member) => !people.has(member.userId));
  if (unknown) throw new ApprovalLineError(`The approval line names an unknown user: ${unknown.userId}.`);
  if (line.some((member) => member.userId === drafterId)) {
    throw new ApprovalLineError('The drafter cannot be on their own line (no one approves their own document).');
  }
  const seen = new Set<string>();
  for (const member of line) {
    if (seen.has(member.userId)) throw new ApprovalLineError(`User ${member.userId} is on the line more than once.`);
    seen.add(member.userId);
  }
  const approvers = line.filter((member) => member.kind === 'approve');
  if (approvers.length === 0) throw new ApprovalLineError('The approval line has no approver (결재권자).');
  if (approvers.length > 1) throw new ApprovalLineError('The approval line has more than one approver.');
  if (line.at(-1)?.kind !== 'approve') throw new ApprovalLineError('The approver must be the last on the line.');
  const firstCooperator = line.findIndex((member) => member.kind === 'cooperate');
  if (firstCooperator >= 0 && line.slice(firstCooperator).some((member) => member.kind === 'review')) {
    throw new ApprovalLineError('Reviewers (검토) come before cooperators (협조): a reviewer follows a cooperator.');
  }
}

/**
 * 전결 (§10②): when the table gives the document's type and amount to a position, the first reviewer or approver
 * holding at least that position decides it; the reviewers after them and the approver are dropped. Cooperators
 * stay: cooperation is consulted before the decision, whoever takes it.
 */
function cutAtFinalAuthority(input: RouteInput): Array<LineMember & { mark: StepMark }> {
  const unmarked = (members: LineMember[]) => members.map((member) => ({ ...member, mark: 'NONE' as const }));
  const rule = delegationRuleFor(input.delegationRules, input.documentType, input.amount);
  if (!rule) return unmarked(input.line);
  const authority = input.line.find(
    (member) =>
      member.kind !== 'cooperate' && (input.people.get(member.userId)?.positionLevel ?? 0) >= rule.positionLevel,
  );
  if (!authority) {
    throw new ApprovalLineError(
      `No one on the line holds the final authority for ${input.documentType} documents of this amount (position ${rule.positionCode} or higher).`,
    );
  }
  const reviewers = input.line.slice(0, input.line.indexOf(authority)).filter((member) => member.kind === 'review');
  const cooperators = input.line.filter((member) => member.kind === 'cooperate');
  return [
    ...unmarked([...reviewers, ...cooperators]),
    { kind: 'approve', userId: authority.userId, mark: 'DELEGATED' },
  ];
}

/** 대결 (§10③): an absent person's step goes to their proxy, who must not be away too. */
function assign(
  member: LineMember & { mark: StepMark },
  input: RouteInput,
): Pick<RoutedStep, 'kind' | 'assigneeId' | 'actorId' | 'mark'> {
  const kind = KIND_OF[member.kind];
  const absence = absenceOf(input, member.userId);
  if (!absence) return { kind, assigneeId: member.userId, actorId: member.userId, mark: member.mark };
  if (absenceOf(input, absence.proxyId)) {
    throw new ApprovalLineError(
      `User ${member.userId} is absent and their proxy ${absence.proxyId} is absent too: no one can act for them.`,
    );
  }
  if (absence.proxyId === input.drafterId) {
    throw new ApprovalLineError(`The drafter is the proxy of absent user ${member.userId}: choose another person.`);
  }
  return { kind, assigneeId: member.userId, actorId: absence.proxyId, mark: 'PROXY' };
}

function absenceOf({ absences }: RouteInput, userId: string): DayAbsence | undefined {
  return absences.find((absence) => absence.userId === userId);
}
