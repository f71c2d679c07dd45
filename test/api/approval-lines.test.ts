/**
 * Approval lines (결재선) end to end on the real stack: one model (processes/document-approval) runs every line —
 * reviewers in turn, cooperators together, the approver — with 전결 by the delegation table, 대결 and 후결 around an
 * absence, 반려 back to the drafter and a new round, 회수; the steps are the document's record.
 */
import request from 'supertest';
import { deployReferenceProcesses } from '../../scripts/seed';
import { Role } from '../../api/auth/ability';
import { startTestStack, type TestStack } from '../support/stack';
import { addUser } from '../support/users';
import { eventually } from '../support/wait';

const PEOPLE = ['clerk1', 'clerk3', 'lead1', 'director1', 'planner1', 'inspector1', 'mayor1', 'admin'] as const;
/** Two people of this suite only: one leaves in the middle of a line and hands their step over to the other. */
const MOVERS = ['aprleaver', 'aprsuccessor'] as const;
type Username = (typeof PEOPLE)[number] | (typeof MOVERS)[number];

interface TaskDto {
  id: string;
  elementId: string;
  state: string;
  assignee: string | null;
  followUpAt: string | null;
  variables: Record<string, unknown>;
}

interface StepDto {
  round: number;
  stage: number;
  kind: string;
  mark: string;
  decision: string | null;
  opinion: string | null;
  revisedBody: string | null;
  actedAt: string | null;
  taskId: string | null;
  followUpAt: string | null;
  assignee: { username: string };
  actor: { username: string; position: { name: string } | null };
}

interface DocumentDto {
  id: string;
  body: string;
  currentBody: string;
  state: string;
  round: number;
  processInstanceId: string;
  steps: StepDto[];
}

describe('approval lines', () => {
  let stack: TestStack;
  const tokens = {} as Record<Username, string>;
  const ids = {} as Record<Username, string>;
  const api = () => request(stack.app);
  const as = (username: Username) => ({ Authorization: `Bearer ${tokens[username]}` });

  beforeAll(async () => {
    stack = await startTestStack();
    await deployReferenceProcesses(stack.deps);
    for (const username of MOVERS) await addUser(stack.prisma, username, Role.CivilServant);
    for (const username of [...PEOPLE, ...MOVERS]) {
      tokens[username] = await stack.login(username);
      ids[username] = (await stack.prisma.user.findUniqueOrThrow({ where: { username } })).id;
    }
  });
  afterAll(() => stack.stop());

  type Line = Array<[kind: 'review' | 'cooperate' | 'approve', username: Username]>;

  function submit(line: Line, extra: Record<string, unknown> = {}) {
    return api()
      .post('/api/approvals')
      .set(as('clerk1'))
      .send({
        title: '2027년 민원실 안내판 교체 계획',
        body: '노후 안내판을 교체하고자 합니다.',
        documentType: 'report',
        cooperation: 'parallel',
        line: line.map(([kind, username]) => ({ kind, userId: ids[username] })),
        ...extra,
      });
  }

  async function submitted(line: Line, extra: Record<string, unknown> = {}): Promise<DocumentDto> {
    const response = await submit(line, extra).expect(201);
    return response.body as DocumentDto;
  }

  function openTaskOf(username: Username, documentId: string): Promise<TaskDto> {
    return eventually(
      async () => {
        const queue = await api().get('/api/tasks').set(as(username)).expect(200);
        return (queue.body as { items: TaskDto[] }).items.find((task) => task.variables.documentId === documentId);
      },
      { what: `${username}'s task on document ${documentId}` },
    );
  }

  async function decide(
    username: Username,
    documentId: string,
    decision: string,
    opinion?: string,
    extra: Record<string, unknown> = {},
  ) {
    const task = await openTaskOf(username, documentId);
    await api()
      .post(`/api/tasks/${task.id}/complete`)
      .set(as(username))
      .send({ variables: { decision, ...(opinion ? { opinion } : {}), ...extra } })
      .expect(200);
    return task;
  }

  async function read(documentId: string, username: Username = 'clerk1'): Promise<DocumentDto> {
    return (await api().get(`/api/approvals/${documentId}`).set(as(username)).expect(200)).body as DocumentDto;
  }

  function documentIn(documentId: string, state: string): Promise<DocumentDto> {
    return eventually(
      async () => {
        const document = await read(documentId);
        return document.state === state ? document : undefined;
      },
      { what: `document ${documentId} ${state}` },
    );
  }

  async function instanceEnd(instanceId: string) {
    return eventually(
      async () => {
        const instance = await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } });
        return instance.state === 'COMPLETED' ? instance.endElementId : undefined;
      },
      { what: `instance ${instanceId} to complete` },
    );
  }

  const record = (document: DocumentDto) =>
    document.steps.map((step) =>
      [step.round, step.stage, step.kind, step.assignee.username, step.actor.username, step.mark, step.decision].join(
        ' ',
      ),
    );

  it('completes a line of two reviewers, two cooperators together and the approver, recording every step', async () => {
    const document = await submitted([
      ['review', 'lead1'],
      ['review', 'director1'],
      ['cooperate', 'planner1'],
      ['cooperate', 'inspector1'],
      ['approve', 'mayor1'],
    ]);
    expect(document.state).toBe('IN_PROGRESS');

    await decide('lead1', document.id, 'approve', '검토했습니다.');
    await decide('director1', document.id, 'dissent', '예산 항목을 다시 확인할 것.', {
      revisedBody: '안내판 12개를 교체합니다.',
    });
    // Both cooperators have their task at once before either decides.
    const [planning, audit] = await Promise.all([
      openTaskOf('planner1', document.id),
      openTaskOf('inspector1', document.id),
    ]);
    expect(planning.id).not.toBe(audit.id);
    // A cooperator cannot edit (§9④): their form has no body, so an edit is refused and the task stays open.
    const refused = await api()
      .post(`/api/tasks/${audit.id}/complete`)
      .set(as('inspector1'))
      .send({ variables: { decision: 'dissent', opinion: '감사 의견', revisedBody: '다른 본문' } })
      .expect(400);
    expect(refused.body).toMatchObject({
      code: 'FORM_INVALID',
      fields: [expect.objectContaining({ key: 'revisedBody' })],
    });
    await decide('inspector1', document.id, 'dissent', '감사 의견: 입찰 절차 준수');
    await decide('planner1', document.id, 'approve');
    await decide('mayor1', document.id, 'approve', '시행하세요.');

    const approved = await documentIn(document.id, 'APPROVED');
    expect(record(approved)).toEqual([
      '1 1 REVIEW lead1 lead1 NONE APPROVE',
      '1 2 REVIEW director1 director1 NONE DISSENT',
      '1 3 COOPERATE planner1 planner1 NONE APPROVE',
      '1 3 COOPERATE inspector1 inspector1 NONE DISSENT',
      '1 4 APPROVE mayor1 mayor1 NONE APPROVE',
    ]);
    expect(approved.steps.map((step) => step.opinion)).toEqual([
      '검토했습니다.',
      '예산 항목을 다시 확인할 것.',
      null,
      '감사 의견: 입찰 절차 준수',
      '시행하세요.',
    ]);
    for (const step of approved.steps) {
      expect(step.taskId).toEqual(expect.any(String));
      expect(Number.isNaN(Date.parse(step.actedAt ?? ''))).toBe(false);
    }
    expect(approved.steps.map((step) => step.revisedBody)).toEqual([
      null,
      '안내판 12개를 교체합니다.',
      null,
      null,
      null,
    ]);
    expect(approved).toMatchObject({
      body: '노후 안내판을 교체하고자 합니다.',
      currentBody: '안내판 12개를 교체합니다.',
    });
    expect(approved.steps[1]?.actor.position?.name).toBe('국장');
    // The record is the document's, readable by everyone on the line.
    expect(record(await read(document.id, 'planner1'))).toEqual(record(approved));
    expect(await instanceEnd(document.processInstanceId)).toBe('approved');
  });

  it('asks sequential cooperators one after another', async () => {
    const document = await submitted(
      [
        ['cooperate', 'planner1'],
        ['cooperate', 'inspector1'],
        ['approve', 'director1'],
      ],
      { cooperation: 'sequential' },
    );
    await openTaskOf('planner1', document.id);
    const inspectorsQueue = await api().get('/api/tasks').set(as('inspector1')).expect(200);
    expect((inspectorsQueue.body as { items: TaskDto[] }).items.map((task) => task.variables.documentId)).not.toContain(
      document.id,
    );
    await decide('planner1', document.id, 'approve');
    await decide('inspector1', document.id, 'approve');
    await decide('director1', document.id, 'approve');
    expect(record(await documentIn(document.id, 'APPROVED'))).toEqual([
      '1 1 COOPERATE planner1 planner1 NONE APPROVE',
      '1 2 COOPERATE inspector1 inspector1 NONE APPROVE',
      '1 3 APPROVE director1 director1 NONE APPROVE',
    ]);
  });

  it('records the successor as the one who acted when a reviewer’s step is handed over (인수인계) mid-line', async () => {
    const document = await submitted([
      ['review', 'aprleaver'],
      ['approve', 'director1'],
    ]);
    await openTaskOf('aprleaver', document.id);
    await api()
      .post(`/api/org/people/${ids.aprleaver}/handover`)
      .set(as('admin'))
      .send({ successorId: ids.aprsuccessor, reason: '전보' })
      .expect(200);
    await decide('aprsuccessor', document.id, 'approve', '인수받아 검토함');
    await decide('director1', document.id, 'approve');
    const approved = await documentIn(document.id, 'APPROVED');
    expect(record(approved)).toEqual([
      '1 1 REVIEW aprleaver aprsuccessor NONE APPROVE',
      '1 2 APPROVE director1 director1 NONE APPROVE',
    ]);
    expect(approved.steps[0]).toMatchObject({ opinion: '인수받아 검토함' });
  });

  it('ends the same model at the delegated authority (전결) the table names for the type and amount', async () => {
    await api()
      .put('/api/approvals/delegation-rules')
      .set(as('admin'))
      .send({
        rules: [
          { documentType: 'spending', minAmount: 0, maxAmount: 10_000_000, positionCode: 'bureau-director' },
          { documentType: 'spending', minAmount: 10_000_000, maxAmount: null, positionCode: 'agency-head' },
        ],
      })
      .expect(200);
    const document = await submitted(
      [
        ['review', 'lead1'],
        ['review', 'director1'],
        ['cooperate', 'planner1'],
        ['approve', 'mayor1'],
      ],
      { documentType: 'spending', amount: 5_000_000 },
    );
    expect(record(document)).toEqual([
      '1 1 REVIEW lead1 lead1 NONE ',
      '1 2 COOPERATE planner1 planner1 NONE ',
      '1 3 APPROVE director1 director1 DELEGATED ',
    ]);
    await decide('lead1', document.id, 'approve');
    await decide('planner1', document.id, 'approve');
    await decide('director1', document.id, 'approve', '전결 처리');
    const approved = await documentIn(document.id, 'APPROVED');
    expect(approved.steps.at(-1)).toMatchObject({ mark: 'DELEGATED', decision: 'APPROVE', opinion: '전결 처리' });
    expect(approved.steps.some((step) => step.assignee.username === 'mayor1')).toBe(false);
    const mayorsQueue = await api().get('/api/tasks').set(as('mayor1')).expect(200);
    expect((mayorsQueue.body as { items: TaskDto[] }).items.map((task) => task.variables.documentId)).not.toContain(
      document.id,
    );
  });

  it('sends the absent approver’s step to the proxy (대결) and gives the approver a 후결 task for their return', async () => {
    const endsAt = new Date(Date.now() + 3 * 24 * 3600_000);
    const absence = await api()
      .post('/api/approvals/absences')
      .set(as('mayor1'))
      .send({
        proxyId: ids.director1,
        startsAt: new Date(Date.now() - 3600_000).toISOString(),
        endsAt: endsAt.toISOString(),
        reason: '연가',
      })
      .expect(201);
    try {
      const document = await submitted(
        [
          ['review', 'lead1'],
          ['approve', 'mayor1'],
        ],
        { important: true },
      );
      await decide('lead1', document.id, 'approve');
      await decide('director1', document.id, 'approve', '시장 부재로 대결');
      await documentIn(document.id, 'APPROVED');

      const postReview = await openTaskOf('mayor1', document.id);
      expect(postReview.elementId).toBe('review-afterwards');
      expect(postReview.followUpAt).toBe(endsAt.toISOString());
      await decide('mayor1', document.id, 'approve', '복귀 후 확인함');

      const done = await eventually(async () => {
        const current = await read(document.id);
        return current.steps.at(-1)?.decision ? current : undefined;
      });
      expect(record(done)).toEqual([
        '1 1 REVIEW lead1 lead1 NONE APPROVE',
        '1 2 APPROVE mayor1 director1 PROXY APPROVE',
        '1 3 POST_REVIEW mayor1 mayor1 POST_REVIEW APPROVE',
      ]);
      expect(await instanceEnd(document.processInstanceId)).toBe('approved');
    } finally {
      await api()
        .delete(`/api/approvals/absences/${(absence.body as { id: string }).id}`)
        .set(as('mayor1'))
        .expect(204);
    }
  });

  it('returns a document rejected by the second reviewer to the drafter with the reason; a resubmission is a new round', async () => {
    const document = await submitted([
      ['review', 'lead1'],
      ['review', 'director1'],
      ['approve', 'mayor1'],
    ]);
    await decide('lead1', document.id, 'approve');
    await decide('director1', document.id, 'reject', '예산 근거가 부족합니다.');

    const rejected = await documentIn(document.id, 'REJECTED');
    expect(record(rejected)).toEqual([
      '1 1 REVIEW lead1 lead1 NONE APPROVE',
      '1 2 REVIEW director1 director1 NONE REJECT',
      '1 3 APPROVE mayor1 mayor1 NONE ',
    ]);
    const returned = await openTaskOf('clerk1', document.id);
    expect(returned.elementId).toBe('returned');
    expect(returned.variables.rejection).toEqual({ by: '강국장 (Director One)', opinion: '예산 근거가 부족합니다.' });

    await api()
      .post(`/api/tasks/${returned.id}/complete`)
      .set(as('clerk1'))
      .send({ variables: { next: 'resubmit' } })
      .expect(200);
    const secondRound = await documentIn(document.id, 'IN_PROGRESS');
    expect(secondRound.round).toBe(2);
    expect(secondRound.steps.filter((step) => step.round === 2).map((step) => step.decision)).toEqual([
      null,
      null,
      null,
    ]);
    await openTaskOf('lead1', document.id);
    // No one has acted in the new round yet: the drafter may still withdraw it.
    await api().post(`/api/approvals/${document.id}/withdraw`).set(as('clerk1')).expect(200);
    expect(await instanceEnd(document.processInstanceId)).toBe('withdrawn-end');
  });

  it('withdraws (회수) a document before the first review, and refuses once someone has acted', async () => {
    const document = await submitted([
      ['review', 'lead1'],
      ['approve', 'director1'],
    ]);
    const review = await openTaskOf('lead1', document.id);
    await api().post(`/api/approvals/${document.id}/withdraw`).set(as('lead1')).expect(403);
    const withdrawn = await api().post(`/api/approvals/${document.id}/withdraw`).set(as('clerk1')).expect(200);
    expect((withdrawn.body as DocumentDto).state).toBe('WITHDRAWN');
    expect(await instanceEnd(document.processInstanceId)).toBe('withdrawn-end');
    const task = await stack.prisma.userTask.findUniqueOrThrow({ where: { id: review.id } });
    expect(task.state).toBe('CANCELED');

    const acted = await submitted([
      ['review', 'lead1'],
      ['approve', 'director1'],
    ]);
    // Right after the completion, whether or not the model has recorded the step yet.
    await decide('lead1', acted.id, 'approve');
    const refused = await api().post(`/api/approvals/${acted.id}/withdraw`).set(as('clerk1')).expect(409);
    expect((refused.body as { code: string }).code).toBe('APPROVAL_ALREADY_ACTED');
    expect((await read(acted.id)).state).toBe('IN_PROGRESS');
  });

  it('shows a document only to its drafter and the people on its line', async () => {
    const document = await submitted([['approve', 'lead1']]);
    await api().get(`/api/approvals/${document.id}`).set(as('clerk3')).expect(404);
    await api().post(`/api/approvals/${document.id}/withdraw`).set(as('clerk3')).expect(404);
    await api().get(`/api/approvals/${document.id}`).set(as('lead1')).expect(200);
    const drafted = await api().get('/api/approvals?role=drafted').set(as('clerk1')).expect(200);
    expect((drafted.body as { items: DocumentDto[] }).items.map((item) => item.id)).toContain(document.id);
    const onLine = await api().get('/api/approvals?role=on-line').set(as('lead1')).expect(200);
    expect((onLine.body as { items: DocumentDto[] }).items.map((item) => item.id)).toContain(document.id);
    const clerk3Line = await api().get('/api/approvals?role=on-line').set(as('clerk3')).expect(200);
    expect((clerk3Line.body as { items: DocumentDto[] }).items).toEqual([]);
    expect((await read(document.id)).state).toBe('IN_PROGRESS');
  });

  describe('refuses bad input, changing nothing', () => {
    const counts = () =>
      Promise.all([
        stack.prisma.approvalDocument.count(),
        stack.prisma.processInstance.count(),
        stack.prisma.delegationRule.count(),
        stack.prisma.absence.count(),
      ]);

    it.each<[string, () => Line | Array<{ kind: string; userId: string }>, RegExp]>([
      ['an empty line', () => [], /empty/],
      [
        'an unknown user',
        () => [{ kind: 'approve', userId: '00000000-0000-4000-8000-000000000000' }],
        /unknown user: 00000000-0000-4000-8000-000000000000/,
      ],
      ['a line without an approver', () => [['review', 'lead1']], /no approver/],
      [
        'an approver who is not last',
        () => [
          ['approve', 'director1'],
          ['review', 'lead1'],
        ],
        /must be the last/,
      ],
      [
        'a reviewer after a cooperator',
        () => [
          ['cooperate', 'planner1'],
          ['review', 'lead1'],
          ['approve', 'director1'],
        ],
        /reviewer follows a cooperator/,
      ],
      ['the drafter approving their own document', () => [['approve', 'clerk1']], /drafter/],
    ])('refuses %s', async (_what, line, message) => {
      const before = await counts();
      const members = line().map((member) =>
        Array.isArray(member) ? { kind: member[0], userId: ids[member[1]] } : member,
      );
      const refused = await api()
        .post('/api/approvals')
        .set(as('clerk1'))
        .send({ title: 't', body: 'b', documentType: 'report', line: members })
        .expect(422);
      expect(refused.body).toMatchObject({ code: 'APPROVAL_LINE_INVALID', message: expect.stringMatching(message) });
      expect(await counts()).toEqual(before);
    });

    it('refuses a delegation table that leaves amounts without a final authority', async () => {
      const before = await stack.prisma.delegationRule.findMany({ orderBy: { minAmount: 'asc' } });
      const refused = await api()
        .put('/api/approvals/delegation-rules')
        .set(as('admin'))
        .send({
          rules: [
            { documentType: 'contract', minAmount: 0, maxAmount: 1_000_000, positionCode: 'division-head' },
            { documentType: 'contract', minAmount: 2_000_000, maxAmount: null, positionCode: 'agency-head' },
          ],
        })
        .expect(422);
      expect((refused.body as { message: string }).message).toMatch(/contract: amounts from 1000000 to 2000000/);
      expect(await stack.prisma.delegationRule.findMany({ orderBy: { minAmount: 'asc' } })).toEqual(before);
      await api().put('/api/approvals/delegation-rules').set(as('clerk1')).send({ rules: [] }).expect(403);
    });

    it('refuses a proxy who is absent at the same time', async () => {
      const period = {
        startsAt: new Date(Date.now() + 10 * 24 * 3600_000).toISOString(),
        endsAt: new Date(Date.now() + 12 * 24 * 3600_000).toISOString(),
      };
      const first = await api()
        .post('/api/approvals/absences')
        .set(as('director1'))
        .send({ ...period, proxyId: ids.lead1, reason: '출장' })
        .expect(201);
      const before = await counts();
      const refused = await api()
        .post('/api/approvals/absences')
        .set(as('mayor1'))
        .send({ ...period, proxyId: ids.director1, reason: '연가' })
        .expect(422);
      expect((refused.body as { message: string }).message).toMatch(/proxy is absent too/);
      expect(await counts()).toEqual(before);
      await api()
        .post('/api/approvals/absences')
        .set(as('clerk3'))
        .send({ ...period, userId: ids.lead1, proxyId: ids.clerk1, reason: '대신 등록' })
        .expect(403);
      await api()
        .delete(`/api/approvals/absences/${(first.body as { id: string }).id}`)
        .set(as('director1'))
        .expect(204);
    });
  });
});
