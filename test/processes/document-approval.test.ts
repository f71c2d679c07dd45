/**
 * Document approval end to end (processes/document-approval/README.md) over the HTTP API on the time-skipping
 * server: drafting with recipients, attachments and the task classification; the line with parallel cooperation
 * and 전결; the production number; 시행 to a unit of this agency (a receipt instance) and to another agency (mail);
 * 접수 with the receipt number, 배부 and 공람 with the due date and each read; the unit head's due date and handler;
 * 대결 + 후결, 반려 + 재상신, 회수; a re-send that needs the 처리과 head. The card keeps every opinion.
 */
import request from 'supertest';
import { deployReferenceProcesses } from '../../scripts/seed';
import { mailTo } from '../support/mail';
import { startTimeSkippingStack, type TimeSkippingStack } from '../support/time-skipping';
import { eventually } from '../support/wait';

jest.setTimeout(180_000);

const PEOPLE = [
  'clerk1',
  'clerk2',
  'lead1',
  'director1',
  'planner1',
  'inspector1',
  'mayor1',
  'manager1',
  'admin',
  'docclerk1',
  'budget1',
  'budget2',
] as const;
type Username = (typeof PEOPLE)[number];

interface TaskDto {
  id: string;
  elementId: string;
  assignee: string | null;
  dueAt: string | null;
  followUpAt: string | null;
  processInstanceId: string;
  variables: Record<string, unknown>;
}

interface ReadingDto {
  reader: string;
  dueAt: string | null;
  readAt: string | null;
  opinion: string | null;
}

interface ReceiptDto {
  id: string;
  receivedBy: string;
  receivedAt: string;
  distributedBy: string | null;
  distributedAt: string | null;
  distributedTo: string | null;
  handler: string | null;
  readingDueAt: string | null;
  mayManage: boolean;
  registration: { number: string };
  readings: ReadingDto[];
}

interface DispatchDto {
  id: string;
  unit: { code: string } | null;
  agencyName: string | null;
  email: string | null;
  state: string;
  resend: boolean;
  requestedBy: string | null;
  reason: string | null;
  decidedBy: string | null;
  decisionOpinion: string | null;
  sentAt: string | null;
  messageId: string | null;
  receipt: ReceiptDto | null;
}

interface DocumentDto {
  id: string;
  state: string;
  round: number;
  processInstanceId: string;
  taskClassification: string | null;
  registrations: Array<{ kind: string; number: string }>;
  attachments: Array<{ id: string; fileName: string; sha256: string; uploader: string }>;
  dispatches: DispatchDto[];
  mayResend: boolean;
  steps: Array<{
    round: number;
    kind: string;
    mark: string;
    decision: string | null;
    opinion: string | null;
    actor: { username: string };
  }>;
}

const MOIS = { agencyName: '행정안전부 (Ministry of the Interior and Safety)', email: 'records@mois.example.kr' };

describe('document approval end to end', () => {
  let stack: TimeSkippingStack;
  const tokens = {} as Record<Username, string>;
  const ids = {} as Record<Username, string>;
  const api = () => request(stack.app);
  const as = (username: Username) => ({ Authorization: `Bearer ${tokens[username]}` });

  beforeAll(async () => {
    stack = await startTimeSkippingStack();
    const deployed = await deployReferenceProcesses(stack.deps);
    expect(deployed.map(({ processId }) => processId)).toEqual(
      expect.arrayContaining(['document-approval', 'document-receipt', 'document-resend']),
    );
    for (const username of PEOPLE) {
      tokens[username] = await stack.login(username);
      ids[username] = (await stack.prisma.user.findUniqueOrThrow({ where: { username } })).id;
    }
    await api()
      .put('/api/approvals/delegation-rules')
      .set(as('admin'))
      .send({ rules: [{ documentType: 'notice', minAmount: 0, maxAmount: null, positionCode: 'bureau-director' }] })
      .expect(200);
  });
  afterAll(() => stack.stop());

  type Line = Array<[kind: 'review' | 'cooperate' | 'approve', username: Username]>;

  async function submitted(
    title: string,
    line: Line,
    extra: Record<string, unknown> = {},
    drafter: Username = 'clerk1',
  ): Promise<DocumentDto> {
    const response = await api()
      .post('/api/approvals')
      .set(as(drafter))
      .send({
        title,
        body: '2027년 민원 안내 체계를 개편하고자 합니다.',
        documentType: 'report',
        cooperation: 'parallel',
        retention: 'YEARS_5',
        line: line.map(([kind, username]) => ({ kind, userId: ids[username] })),
        ...extra,
      })
      .expect(201);
    return response.body as DocumentDto;
  }

  function openTask(username: Username, documentId: string, elementId: string): Promise<TaskDto> {
    return eventually(
      async () => {
        const queue = await api().get('/api/tasks').set(as(username)).expect(200);
        return (queue.body as { items: TaskDto[] }).items.find(
          (task) => task.variables.documentId === documentId && task.elementId === elementId,
        );
      },
      { what: `${username}'s ${elementId} task on document ${documentId}` },
    );
  }

  async function complete(username: Username, documentId: string, elementId: string, variables = {}) {
    const task = await openTask(username, documentId, elementId);
    if (!task.assignee) await api().post(`/api/tasks/${task.id}/claim`).set(as(username)).expect(200);
    await api().post(`/api/tasks/${task.id}/complete`).set(as(username)).send({ variables }).expect(200);
    return task;
  }

  const decide = (username: Username, documentId: string, elementId: string, decision: string, opinion?: string) =>
    complete(username, documentId, elementId, { decision, ...(opinion ? { opinion } : {}) });

  async function card(documentId: string, username: Username = 'clerk1'): Promise<DocumentDto> {
    return (await api().get(`/api/approvals/${documentId}`).set(as(username)).expect(200)).body as DocumentDto;
  }

  function cardWhen(documentId: string, what: string, ready: (document: DocumentDto) => boolean) {
    return eventually(
      async () => {
        const document = await card(documentId);
        return ready(document) ? document : undefined;
      },
      { what },
    );
  }

  const internal = (document: DocumentDto, code = 'planning-budget') =>
    document.dispatches.find((dispatch) => dispatch.unit?.code === code);

  async function instanceEnd(instanceId: string) {
    return eventually(
      async () => {
        const instance = await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } });
        return instance.state === 'COMPLETED' ? instance.endElementId : undefined;
      },
      { what: `instance ${instanceId} to complete` },
    );
  }

  it('runs review, cooperation together and 전결, registers, dispatches, receives, distributes and logs the 공람', async () => {
    const drafted = await submitted(
      '2027년 민원 안내 체계 개편 계획',
      [
        ['review', 'lead1'],
        ['review', 'director1'],
        ['cooperate', 'planner1'],
        ['cooperate', 'inspector1'],
        ['approve', 'mayor1'],
      ],
      {
        documentType: 'notice',
        amount: 3_000_000,
        taskClassification: 'BRM-1130-07 민원안내',
        recipients: [{ unitCode: 'planning-budget' }, MOIS],
      },
    );
    // 전결: the bureau director holds the authority for notices, so the mayor is dropped.
    expect(drafted.steps.map((step) => `${step.kind} ${step.actor.username} ${step.mark}`)).toEqual([
      'REVIEW lead1 NONE',
      'COOPERATE planner1 NONE',
      'COOPERATE inspector1 NONE',
      'APPROVE director1 DELEGATED',
    ]);
    expect(drafted.dispatches.map((dispatch) => dispatch.state)).toEqual(['PLANNED', 'PLANNED']);
    expect(drafted.taskClassification).toBe('BRM-1130-07 민원안내');
    await api()
      .post(`/api/approvals/${drafted.id}/attachments`)
      .set(as('clerk1'))
      .attach('file', Buffer.from('개편안 세부 일정\n'), { filename: '세부일정.txt', contentType: 'text/plain' })
      .expect(201);
    // A malformed upload (the file under another field name) is the caller's mistake, not the server's.
    await api()
      .post(`/api/approvals/${drafted.id}/attachments`)
      .set(as('clerk1'))
      .attach('document', Buffer.from('x'), { filename: 'x.txt', contentType: 'text/plain' })
      .expect(400);
    // Only the drafter attaches.
    await api()
      .post(`/api/approvals/${drafted.id}/attachments`)
      .set(as('lead1'))
      .attach('file', Buffer.from('x'), { filename: 'x.txt', contentType: 'text/plain' })
      .expect(403);

    await decide('lead1', drafted.id, 'review', 'approve', '검토했습니다.');
    const [planning, audit] = await Promise.all([
      openTask('planner1', drafted.id, 'cooperate-together'),
      openTask('inspector1', drafted.id, 'cooperate-together'),
    ]);
    expect(planning.id).not.toBe(audit.id);
    await decide('inspector1', drafted.id, 'cooperate-together', 'dissent', '감사 의견: 예산 근거 보완');
    await decide('planner1', drafted.id, 'cooperate-together', 'approve', '협조합니다.');
    // Nothing goes out before the signature.
    expect(await mailTo(MOIS.email)).toEqual([]);
    await decide('director1', drafted.id, 'approve', 'approve', '전결 승인');

    const dispatched = await cardWhen(drafted.id, 'both dispatches sent', (document) =>
      document.dispatches.every((dispatch) => dispatch.state === 'SENT'),
    );
    expect(dispatched.state).toBe('APPROVED');
    expect(dispatched.registrations).toEqual([
      expect.objectContaining({ kind: 'PRODUCTION', number: 'civil-affairs-1' }),
    ]);
    // The other agency got the 시행문 by mail: the production number, the approved text and the seal line.
    const [mail, ...more] = await mailTo(MOIS.email);
    expect(more).toEqual([]);
    expect(mail?.subject).toBe('[시행문] 2027년 민원 안내 체계 개편 계획 (civil-affairs-1)');
    expect(mail?.text).toContain('생산등록번호: civil-affairs-1');
    expect(mail?.text).toContain('2027년 민원 안내 체계를 개편하고자 합니다.');
    expect(mail?.text).toContain('[전자 관인] 민원봉사과 (Civil Affairs)');
    expect(dispatched.dispatches.find((dispatch) => dispatch.email)?.messageId).toEqual(expect.any(String));

    // 접수: the planning unit's clerk receives from the unit's queue; the receipt number is the unit's first.
    const received = await complete('docclerk1', drafted.id, 'receive');
    expect(received.assignee).toBeNull();
    const distributeTask = await openTask('docclerk1', drafted.id, 'distribute');
    expect(distributeTask.assignee).toBe('docclerk1');
    expect(distributeTask.variables.receiptNumber).toBe('planning-budget-1');
    // 배부 to the handler, who picks two readers with a due day.
    await complete('docclerk1', drafted.id, 'distribute', { handler: 'budget1' });
    await complete('budget1', drafted.id, 'handle', { readers: ['budget2', 'planner1'], readingDue: '2027-03-10' });
    const [budgetRead, headRead] = await Promise.all([
      openTask('budget2', drafted.id, 'read'),
      openTask('planner1', drafted.id, 'read'),
    ]);
    // Due at the end of the working day in Korea: 18:00 KST.
    expect(budgetRead.dueAt).toBe('2027-03-10T09:00:00.000Z');
    expect(headRead.dueAt).toBe('2027-03-10T09:00:00.000Z');
    await complete('budget2', drafted.id, 'read', { opinion: '확인했습니다.' });
    await complete('planner1', drafted.id, 'read');
    expect(await instanceEnd(distributeTask.processInstanceId)).toBe('done');

    const done = await cardWhen(drafted.id, 'both reads logged', (document) =>
      Boolean(internal(document)?.receipt?.readings.every((reading) => reading.readAt)),
    );
    const receipt = internal(done)?.receipt;
    expect(receipt).toMatchObject({
      receivedBy: 'docclerk1',
      distributedBy: 'docclerk1',
      distributedTo: 'budget1',
      handler: 'budget1',
      registration: { number: 'planning-budget-1' },
    });
    expect(Date.parse(receipt?.distributedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(receipt?.receivedAt ?? ''));
    expect(receipt?.readings.map(({ reader, dueAt, opinion }) => [reader, dueAt, opinion])).toEqual([
      ['budget2', '2027-03-10T09:00:00.000Z', '확인했습니다.'],
      ['planner1', '2027-03-10T09:00:00.000Z', null],
    ]);
    // The card: every opinion of the line, the attachment, the task classification.
    expect(done.steps.map((step) => [step.kind, step.decision, step.opinion])).toEqual([
      ['REVIEW', 'APPROVE', '검토했습니다.'],
      ['COOPERATE', 'APPROVE', '협조합니다.'],
      ['COOPERATE', 'DISSENT', '감사 의견: 예산 근거 보완'],
      ['APPROVE', 'APPROVE', '전결 승인'],
    ]);
    expect(done.attachments).toEqual([expect.objectContaining({ fileName: '세부일정.txt', uploader: 'clerk1' })]);
    // The receiving unit lists it among its received documents and reads it; an unrelated unit does not see it.
    const inbox = await api().get('/api/approvals?role=received').set(as('budget2')).expect(200);
    expect((inbox.body as { items: DocumentDto[] }).items.map((document) => document.id)).toContain(drafted.id);
    const elsewhere = await api().get('/api/approvals?role=received').set(as('clerk2')).expect(200);
    expect((elsewhere.body as { items: DocumentDto[] }).items).toEqual([]);
    await api().get(`/api/approvals/${drafted.id}`).set(as('budget1')).expect(200);
    await api().get(`/api/approvals/${drafted.id}`).set(as('clerk2')).expect(404);
    const attachmentId = done.attachments[0]?.id ?? '';
    const file = await api()
      .get(`/api/approvals/${drafted.id}/attachments/${attachmentId}`)
      .set(as('budget2'))
      .expect(200);
    expect(file.text).toBe('개편안 세부 일정\n');
    expect(await instanceEnd(drafted.processInstanceId)).toBe('approved');
  });

  it('lets the receiving unit head set the 공람 due date and reassign the handler (§18⑤)', async () => {
    const drafted = await submitted(
      '청사 안내판 교체 결과 알림',
      [
        ['review', 'lead1'],
        ['approve', 'director1'],
      ],
      { recipients: [{ unitCode: 'planning-budget' }] },
    );
    await decide('lead1', drafted.id, 'review', 'approve');
    await decide('director1', drafted.id, 'approve', 'approve');
    await complete('docclerk1', drafted.id, 'receive');
    await complete('docclerk1', drafted.id, 'distribute', { handler: 'budget1' });
    await openTask('budget1', drafted.id, 'handle');
    const receiptId = internal(await card(drafted.id))?.receipt?.id ?? '';
    // The card offers the §18⑤ controls to the receiving unit's head only.
    expect(internal(await card(drafted.id, 'planner1'))?.receipt?.mayManage).toBe(true);
    expect(internal(await card(drafted.id, 'budget1'))?.receipt?.mayManage).toBe(false);
    const change = { handler: 'budget2', readingDueAt: '2027-03-12T18:00:00+09:00' };
    // Only the head of the receiving unit.
    await api().patch(`/api/approvals/${drafted.id}/receipts/${receiptId}`).set(as('budget1')).send(change).expect(403);
    await api()
      .patch(`/api/approvals/${drafted.id}/receipts/${receiptId}`)
      .set(as('planner1'))
      .send(change)
      .expect(200);
    // The handler's task moved to budget2, whose due day gives way to the head's.
    await complete('budget2', drafted.id, 'handle', { readers: ['budget1'], readingDue: '2027-03-20' });
    const read = await openTask('budget1', drafted.id, 'read');
    expect(read.dueAt).toBe('2027-03-12T09:00:00.000Z');
    await complete('budget1', drafted.id, 'read');
    const done = await cardWhen(drafted.id, 'the read logged', (document) =>
      Boolean(internal(document)?.receipt?.readings[0]?.readAt),
    );
    expect(internal(done)?.receipt).toMatchObject({
      distributedTo: 'budget1',
      handler: 'budget2',
      readingDueAt: '2027-03-12T09:00:00.000Z',
      registration: { number: 'planning-budget-2' },
    });
    const trail = await stack.prisma.auditLog.findMany({
      where: { objectId: drafted.id, action: { startsWith: 'document.' } },
      orderBy: { id: 'asc' },
    });
    expect(trail.map((row) => `${row.actor ?? ''} ${row.action}`)).toEqual(
      expect.arrayContaining([
        ' document.dispatched',
        'docclerk1 document.distributed',
        'planner1 document.handler-reassigned',
        'planner1 document.reading-due-set',
        'budget2 document.reading-opened',
        'budget1 document.read',
      ]),
    );
  });

  it('sends the absent approver’s step to the proxy (대결), dispatches at once and asks the approver afterwards (후결)', async () => {
    const absence = await api()
      .post('/api/approvals/absences')
      .set(as('mayor1'))
      .send({
        proxyId: ids.director1,
        startsAt: new Date(Date.now() - 3600_000).toISOString(),
        endsAt: new Date(Date.now() + 3 * 24 * 3600_000).toISOString(),
        reason: '출장',
      })
      .expect(201);
    try {
      const drafted = await submitted(
        '시정 주요 업무 보고',
        [
          ['review', 'lead1'],
          ['approve', 'mayor1'],
        ],
        { important: true, recipients: [{ agencyName: '경기도청', email: 'docs@gg.example.kr' }] },
      );
      await decide('lead1', drafted.id, 'review', 'approve');
      await decide('director1', drafted.id, 'approve', 'approve', '시장 출장으로 대결');
      // Dispatched without waiting for the 후결.
      await eventually(async () => (await mailTo('docs@gg.example.kr')).length === 1 || undefined, {
        what: 'the 시행문 to 경기도청',
      });
      await decide('mayor1', drafted.id, 'review-afterwards', 'approve', '복귀 후 확인함');
      const done = await cardWhen(drafted.id, 'the 후결 recorded', (document) =>
        document.steps.some((step) => step.kind === 'POST_REVIEW' && step.decision),
      );
      expect(done.steps.map((step) => [step.kind, step.actor.username, step.mark, step.opinion])).toEqual([
        ['REVIEW', 'lead1', 'NONE', null],
        ['APPROVE', 'director1', 'PROXY', '시장 출장으로 대결'],
        ['POST_REVIEW', 'mayor1', 'POST_REVIEW', '복귀 후 확인함'],
      ]);
      expect(done.registrations[0]?.number).toMatch(/^civil-affairs-\d+$/);
      // A re-send of a civil-affairs document: its head (manager1) works no tasks, so the bureau director decides.
      await api()
        .post(`/api/approvals/${drafted.id}/resend`)
        .set(as('clerk1'))
        .send({ recipient: { unitCode: 'audit-office' }, reason: '감사 참고' })
        .expect(202);
      const decision = await openTask('director1', drafted.id, 'decide-resend');
      expect(decision.assignee).toBe('director1');
    } finally {
      await api()
        .delete(`/api/approvals/absences/${(absence.body as { id: string }).id}`)
        .set(as('mayor1'))
        .expect(204);
    }
  });

  it('returns a rejected document to the drafter, dispatches only after the resubmitted round is approved', async () => {
    const drafted = await submitted(
      '민원실 운영시간 변경',
      [
        ['review', 'lead1'],
        ['approve', 'director1'],
      ],
      { recipients: [{ agencyName: '국민권익위원회', email: 'docs@acrc.example.kr' }] },
    );
    await decide('lead1', drafted.id, 'review', 'reject', '근거 법령을 명시할 것');
    const returned = await openTask('clerk1', drafted.id, 'returned');
    expect(returned.variables.rejection).toMatchObject({ opinion: '근거 법령을 명시할 것' });
    await complete('clerk1', drafted.id, 'returned', { next: 'resubmit' });
    await decide('lead1', drafted.id, 'review', 'approve', '보완 확인');
    await decide('director1', drafted.id, 'approve', 'approve', '승인');
    const done = await cardWhen(drafted.id, 'dispatched after round 2', (document) =>
      document.dispatches.every((dispatch) => dispatch.state === 'SENT'),
    );
    expect(done.round).toBe(2);
    expect(done.steps.map((step) => [step.round, step.kind, step.decision, step.opinion])).toEqual([
      [1, 'REVIEW', 'REJECT', '근거 법령을 명시할 것'],
      [1, 'APPROVE', null, null],
      [2, 'REVIEW', 'APPROVE', '보완 확인'],
      [2, 'APPROVE', 'APPROVE', '승인'],
    ]);
    expect(await mailTo('docs@acrc.example.kr')).toHaveLength(1);
  });

  it('withdraws (회수) a document before anyone acts: nothing is registered or sent', async () => {
    const drafted = await submitted(
      '회수할 문서',
      [
        ['review', 'lead1'],
        ['approve', 'director1'],
      ],
      { recipients: [{ unitCode: 'planning-budget' }, { agencyName: '회수기관', email: 'docs@withdrawn.example.kr' }] },
    );
    await openTask('lead1', drafted.id, 'review');
    await api().post(`/api/approvals/${drafted.id}/withdraw`).set(as('clerk1')).expect(200);
    expect(await instanceEnd(drafted.processInstanceId)).toBe('withdrawn-end');
    const withdrawn = await card(drafted.id);
    expect(withdrawn.state).toBe('WITHDRAWN');
    expect(withdrawn.registrations).toEqual([]);
    expect(withdrawn.dispatches.map((dispatch) => dispatch.state)).toEqual(['PLANNED', 'PLANNED']);
    expect(await mailTo('docs@withdrawn.example.kr')).toEqual([]);
    // Not approved, so not dispatched, so nothing to re-send.
    await api()
      .post(`/api/approvals/${drafted.id}/resend`)
      .set(as('clerk1'))
      .send({ recipient: { unitCode: 'audit-office' }, reason: '추가 통보' })
      .expect(409);
  });

  it('re-sends to a new recipient only with the 처리과 head’s approval, and logs a refusal too (§15④)', async () => {
    // Drafted in the planning unit, whose head (planner1) decides re-sends; civil affairs receives it.
    const drafted = await submitted(
      '2027년 예산 편성 지침 통보',
      [['approve', 'planner1']],
      { recipients: [{ unitCode: 'civil-affairs' }, MOIS] },
      'budget1',
    );
    await decide('planner1', drafted.id, 'approve', 'approve', '시행');
    const documentId = drafted.id;
    await cardWhen(documentId, 'dispatched', (document) => document.dispatches.every((d) => d.state === 'SENT'));
    expect(await mailTo(MOIS.email)).toHaveLength(2);
    // Someone of the receiving unit reads the document but may not re-send it.
    await api()
      .post(`/api/approvals/${documentId}/resend`)
      .set(as('clerk1'))
      .send({ recipient: { agencyName: '조달청', email: 'docs@pps.example.kr' }, reason: '계약 참고' })
      .expect(403);
    // Already sent there.
    await api()
      .post(`/api/approvals/${documentId}/resend`)
      .set(as('budget1'))
      .send({ recipient: { unitCode: 'civil-affairs' }, reason: '중복' })
      .expect(409);
    await api()
      .post(`/api/approvals/${documentId}/resend`)
      .set(as('budget1'))
      .send({ recipient: { agencyName: '조달청', email: 'docs@pps.example.kr' }, reason: '계약 참고' })
      .expect(202);
    const waiting = await card(documentId, 'budget1');
    expect(waiting).toMatchObject({ mayResend: true });
    expect(await card(documentId, 'clerk1')).toMatchObject({ mayResend: false });
    expect(waiting.dispatches.at(-1)).toMatchObject({
      state: 'AWAITING_APPROVAL',
      resend: true,
      requestedBy: 'budget1',
    });
    expect(await mailTo('docs@pps.example.kr')).toEqual([]);
    await decide('planner1', documentId, 'decide-resend', 'approve', '추가 발송 승인');
    const sentCard = () => card(documentId, 'budget1');
    const sent = await eventually(
      async () => ((await sentCard()).dispatches.at(-1)?.state === 'SENT' ? sentCard() : undefined),
      {
        what: 'the re-send sent',
      },
    );
    expect(sent.dispatches.at(-1)).toMatchObject({
      agencyName: '조달청',
      resend: true,
      reason: '계약 참고',
      decidedBy: 'planner1',
      decisionOpinion: '추가 발송 승인',
    });
    expect(await mailTo('docs@pps.example.kr')).toHaveLength(1);
    // The first recipients are not sent to again.
    expect(await mailTo(MOIS.email)).toHaveLength(2);
    expect(sent.dispatches.filter((dispatch) => dispatch.receipt === null && dispatch.unit)).toHaveLength(1);

    await api()
      .post(`/api/approvals/${documentId}/resend`)
      .set(as('budget1'))
      .send({ recipient: { unitCode: 'audit-office' }, reason: '감사 참고' })
      .expect(202);
    await decide('planner1', documentId, 'decide-resend', 'refuse', '감사 부서 통보 불필요');
    const refused = await eventually(
      async () => {
        const document = await card(documentId, 'budget1');
        return document.dispatches.some((dispatch) => dispatch.state === 'REFUSED') ? document : undefined;
      },
      { what: 'the refusal recorded' },
    );
    expect(refused.dispatches.find((dispatch) => dispatch.state === 'REFUSED')).toMatchObject({
      unit: { code: 'audit-office' },
      decidedBy: 'planner1',
      receipt: null,
    });
    // A refused recipient does not read the document.
    await api().get(`/api/approvals/${documentId}`).set(as('inspector1')).expect(404);
    const actions = await stack.prisma.auditLog.findMany({
      where: { objectId: documentId, action: { startsWith: 'document.resend' } },
      orderBy: { id: 'asc' },
    });
    expect(actions.map((row) => `${row.actor ?? ''} ${row.action}`)).toEqual([
      'budget1 document.resend-requested',
      'planner1 document.resend-approved',
      'budget1 document.resend-requested',
      'planner1 document.resend-refused',
    ]);
  });

  it('shows the lead time per approval step on the document-approval dashboard', async () => {
    const dashboard = await api().get('/api/dashboards/process/document-approval').set(as('admin')).expect(200);
    const rows = (dashboard.body as { approvalSteps: Array<{ kind: string; position: string | null; count: number }> })
      .approvalSteps;
    const byKind = Object.fromEntries(rows.filter((row) => row.position === null).map((row) => [row.kind, row.count]));
    // The decided steps of this suite: five reviews (round 1's rejection among them), two cooperations, five
    // approvals (four by the bureau director: 전결, 대결 and two of his own; one by the planning head), one 후결.
    expect(byKind).toEqual({ REVIEW: 5, COOPERATE: 2, APPROVE: 5, POST_REVIEW: 1 });
    expect(rows).toContainEqual(
      expect.objectContaining({ kind: 'APPROVE', position: '국장', count: 4, averageHours: expect.any(Number) }),
    );
  });
});
