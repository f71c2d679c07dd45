/** Routing a drafter's line: order and stages, 전결 cuts, 대결 proxies, 후결 steps, and every refused line. */
import {
  ApprovalLineError,
  routeApprovalLine,
  type DelegationRuleOfLevel,
  type LineMember,
  type RouteInput,
} from '../../gov/approval-line';

const levels: Record<string, number> = {
  clerk: 1,
  lead: 2,
  head: 3,
  planner: 3,
  inspector: 3,
  director: 4,
  mayor: 6,
};
const people = new Map(Object.entries(levels).map(([id, positionLevel]) => [id, { id, positionLevel }]));
const fullLine: LineMember[] = [
  { kind: 'review', userId: 'lead' },
  { kind: 'review', userId: 'head' },
  { kind: 'cooperate', userId: 'planner' },
  { kind: 'cooperate', userId: 'inspector' },
  { kind: 'approve', userId: 'mayor' },
];
const spendingByDirector: DelegationRuleOfLevel = {
  documentType: 'spending',
  minAmount: 0n,
  maxAmount: 10_000_000n,
  positionCode: 'bureau-director',
  positionLevel: 4,
};

function route(overrides: Partial<RouteInput> = {}) {
  return routeApprovalLine({
    drafterId: 'clerk',
    line: fullLine,
    cooperation: 'parallel',
    documentType: 'report',
    amount: null,
    important: false,
    people,
    delegationRules: [],
    absences: [],
    ...overrides,
  });
}

const summary = (steps: ReturnType<typeof route>) =>
  steps.map(({ kind, stage, assigneeId, actorId, mark }) => `${stage} ${kind} ${assigneeId}→${actorId} ${mark}`);

describe('routing an approval line', () => {
  it('runs reviewers one after another, parallel cooperators together, then the approver', () => {
    expect(summary(route())).toEqual([
      '1 REVIEW lead→lead NONE',
      '2 REVIEW head→head NONE',
      '3 COOPERATE planner→planner NONE',
      '3 COOPERATE inspector→inspector NONE',
      '4 APPROVE mayor→mayor NONE',
    ]);
  });

  it('gives sequential cooperators a stage each', () => {
    const steps = route({ cooperation: 'sequential' });
    expect(steps.map((step) => step.stage)).toEqual([1, 2, 3, 4, 5]);
    expect(steps.every((step) => !step.parallel)).toBe(true);
  });

  it('ends the line at the first reviewer holding the delegated authority (전결), keeping the cooperators', () => {
    const line: LineMember[] = [
      { kind: 'review', userId: 'lead' },
      { kind: 'review', userId: 'director' },
      { kind: 'cooperate', userId: 'planner' },
      { kind: 'approve', userId: 'mayor' },
    ];
    const steps = route({ line, documentType: 'spending', amount: 5_000_000n, delegationRules: [spendingByDirector] });
    expect(summary(steps)).toEqual([
      '1 REVIEW lead→lead NONE',
      '2 COOPERATE planner→planner NONE',
      '3 APPROVE director→director DELEGATED',
    ]);
  });

  it('applies no delegation outside the rule’s amount range', () => {
    const steps = route({ documentType: 'spending', amount: 10_000_000n, delegationRules: [spendingByDirector] });
    expect(steps.at(-1)).toMatchObject({ assigneeId: 'mayor', mark: 'NONE' });
  });

  it('refuses a delegated line on which no one holds the authority', () => {
    const line: LineMember[] = [
      { kind: 'review', userId: 'lead' },
      { kind: 'approve', userId: 'head' },
    ];
    expect(() => route({ line, documentType: 'spending', delegationRules: [spendingByDirector] })).toThrow(
      /final authority for spending/,
    );
  });

  it('sends an absent approver’s step to the proxy (대결) and, for an important document, adds a 후결 step', () => {
    const endsAt = new Date('2026-12-11T09:00:00Z');
    const steps = route({ important: true, absences: [{ userId: 'mayor', proxyId: 'director', endsAt }] });
    expect(summary(steps).slice(-2)).toEqual([
      '4 APPROVE mayor→director PROXY',
      '5 POST_REVIEW mayor→mayor POST_REVIEW',
    ]);
    expect(steps.at(-1)?.followUpAt).toEqual(endsAt);
  });

  it('adds no 후결 step for a document that is not important', () => {
    const steps = route({ absences: [{ userId: 'mayor', proxyId: 'director', endsAt: new Date() }] });
    expect(steps.map((step) => step.kind)).not.toContain('POST_REVIEW');
  });

  it.each<[string, Partial<RouteInput>, RegExp]>([
    ['an empty line', { line: [] }, /empty/],
    ['an unknown user', { line: [{ kind: 'approve', userId: 'ghost' }] }, /unknown user: ghost/],
    ['a line without an approver', { line: [{ kind: 'review', userId: 'lead' }] }, /no approver/],
    [
      'an approver who is not last',
      {
        line: [
          { kind: 'approve', userId: 'mayor' },
          { kind: 'review', userId: 'lead' },
        ],
      },
      /must be the last/,
    ],
    [
      'a reviewer after a cooperator',
      {
        line: [
          { kind: 'cooperate', userId: 'planner' },
          { kind: 'review', userId: 'lead' },
          { kind: 'approve', userId: 'mayor' },
        ],
      },
      /reviewer follows a cooperator/,
    ],
    ['the drafter approving their own document', { line: [{ kind: 'approve', userId: 'clerk' }] }, /drafter/],
    [
      'two approvers',
      {
        line: [
          { kind: 'approve', userId: 'head' },
          { kind: 'approve', userId: 'mayor' },
        ],
      },
      /more than one approver/,
    ],
    [
      'a proxy who is absent too',
      {
        absences: [
          { userId: 'mayor', proxyId: 'director', endsAt: new Date() },
          { userId: 'director', proxyId: 'head', endsAt: new Date() },
        ],
      },
      /proxy director is absent too/,
    ],
  ])('refuses %s', (_what, overrides, message) => {
    expect(() => route(overrides)).toThrow(ApprovalLineError);
    expect(() => route(overrides)).toThrow(message);
  });
});
