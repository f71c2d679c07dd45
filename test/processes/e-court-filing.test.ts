/**
 * The e-court-filing process end to end over the HTTP API on the time-skipping server (docs/e-court.md): a plaintiff
 * files and signs, the fees are priced to the won, the clerk dockets with gap-free case numbers, the judge orders
 * defects fixed (fixed in time, or dismissed), the defendant is served by opening or deemed served on day 7, answers
 * in time, or does not and the judge sets a date for judgment without hearing that a late answer cancels.
 * Each test works on its own weeks of 2027: the server's clock only moves forward.
 */
import request from 'supertest';
import { DEMO_ANALYST, deployReferenceProcesses, seedStartPermissions } from '../../scripts/seed';
import type { Variables } from '../../shared/feel';
import { instanceInState, openTask } from '../support/instances';
import { mailTo } from '../support/mail';
import { startTimeSkippingStack, type TimeSkippingStack } from '../support/time-skipping';
import { PASSWORD } from '../support/stack';
import { eventually } from '../support/wait';

jest.setTimeout(180_000);

const kst = (text: string) => Date.parse(`${text}+09:00`);
const DAY = 24 * 60 * 60 * 1000;

interface CaseDto {
  id: string;
  processInstanceId: string;
  caseNumber: string | null;
  state: string;
  claimText: string | null;
  fees: { stampFee: number; serviceFee: number; explanation: { text: string[] } };
  signature: { contentDigest: string };
  defectDueAt: string | null;
  serviceNoticedAt: string | null;
  servedAt: string | null;
  serviceMethod: string | null;
  answerDueAt: string | null;
  judgmentAt: string | null;
  judgmentCancelledAt: string | null;
  notices: Array<{ kind: string; channel: string; recipient: string; address: string }>;
}

describe('e-court filing (전자소송)', () => {
  let stack: TimeSkippingStack;
  const tokens = new Map<string, string>();
  const as = async (username: string) => {
    if (!tokens.has(username)) tokens.set(username, await stack.login(username));
    return { Authorization: `Bearer ${tokens.get(username)}` };
  };

  beforeAll(async () => {
    stack = await startTimeSkippingStack();
    const analyst = await stack.prisma.user.findUniqueOrThrow({ where: { username: DEMO_ANALYST } });
    const deployed = await deployReferenceProcesses(stack.deps, analyst);
    expect(deployed).toContainEqual(expect.objectContaining({ processId: 'e-court-filing', version: 1 }));
    await seedStartPermissions(stack.prisma);
  });
  afterAll(() => stack.stop());

  const file = async (complaint: { claimAmount: number; track: string; claimText?: string }) => {
    const response = await request(stack.app)
      .post('/api/e-court/cases')
      .set(await as('plaintiff1'))
      .send({
        defendant: 'defendant1',
        claimText: '피고는 원고에게 대여금을 지급하라.',
        password: PASSWORD,
        ...complaint,
      })
      .expect(201);
    return response.body as CaseDto;
  };

  const readCase = async (id: string, username = 'courtclerk1') =>
    (
      await request(stack.app)
        .get(`/api/e-court/cases/${id}`)
        .set(await as(username))
        .expect(200)
    ).body as CaseDto;

  const caseInState = (id: string, state: string) =>
    eventually(
      async () => {
        const found = await readCase(id);
        return found.state === state ? found : undefined;
      },
      { what: `case ${id} ${state}` },
    );

  /** Works the open task at an element as the person would in the web app: claim it if needed, then complete it. */
  const work = async (username: string, instanceId: string, elementId: string, variables: Variables) => {
    const task = await openTask(stack, instanceId, elementId);
    const headers = await as(username);
    if (task.assignee !== username)
      await request(stack.app).post(`/api/tasks/${task.id}/claim`).set(headers).expect(200);
    await request(stack.app).post(`/api/tasks/${task.id}/complete`).set(headers).send({ variables }).expect(200);
  };

  /** Files, checks the filing and dockets, and accepts the complaint: the service notice is out. */
  const fileAndServe = async (claimAmount = 5_000_000) => {
    const filed = await file({ claimAmount, track: 'civil' });
    await work('courtclerk1', filed.processInstanceId, 'check-filing', { feesPaid: true });
    await work('judge1', filed.processInstanceId, 'review', { reviewDecision: 'accept' });
    return caseInState(filed.id, 'SERVICE_NOTIFIED');
  };

  /** The notices of a kind, once the step has sent all it owes (`count` rows: email and SMS per recipient). */
  const noticesOf = (id: string, kind: string, count: number) =>
    eventually(
      async () => {
        const found = (await readCase(id)).notices.filter((one) => one.kind === kind);
        return found.length === count ? found : undefined;
      },
      { what: `${count} ${kind} notices of case ${id}` },
    );

  const mailSubjects = async (username: string, subject: string) =>
    eventually(
      async () => {
        const subjects = (await mailTo(`${username}@onnara.local`)).map((one) => one.subject);
        return subjects.includes(subject) ? subjects : undefined;
      },
      { what: `mail '${subject}' to ${username}` },
    );

  const noTaskAt = async (instanceId: string, elementId: string) =>
    expect(
      await stack.prisma.userTask.count({ where: { processInstanceId: instanceId, elementId, state: 'CREATED' } }),
    ).toBe(0);

  it('prices the filing to the won for both tracks and numbers the cases per year and mark without gaps', async () => {
    await stack.skipTo(kst('2027-01-04T09:00:00'));
    const civil = await file({ claimAmount: 12_345_678, track: 'civil' });
    const small = await file({ claimAmount: 3_000_000, track: 'small-claims' });
    const panel = await file({ claimAmount: 600_000_000, track: 'civil' });
    const secondCivil = await file({ claimAmount: 20_000_000, track: 'civil' });

    // First instance, e-filed (−10%), two parties; 5,640 won per round: 15 rounds civil, 10 small claims.
    expect(civil.fees).toMatchObject({ stampFee: 54_400, serviceFee: 169_200 });
    expect(small.fees).toMatchObject({ stampFee: 13_500, serviceFee: 112_800 });
    expect(panel.fees).toMatchObject({ stampFee: 2_209_500, serviceFee: 169_200 });
    expect(civil.fees.explanation.text.join('\n')).toContain('민사소송 등 인지법 §2①');
    expect(civil).toMatchObject({ state: 'FILED', caseNumber: null });
    expect(civil.signature.contentDigest).toMatch(/^[0-9a-f]{64}$/);
    const stored = await stack.prisma.courtCase.findUniqueOrThrow({ where: { id: civil.id } });
    expect({ stampFee: stored.stampFee, serviceFee: stored.serviceFee }).toEqual({
      stampFee: 54_400,
      serviceFee: 169_200,
    });

    // Docketed in this order, each before the next: the second civil case before the first.
    for (const filed of [secondCivil, small, civil, panel]) {
      await work('courtclerk1', filed.processInstanceId, 'check-filing', { feesPaid: true });
      await openTask(stack, filed.processInstanceId, 'review');
    }
    const numbers = await Promise.all([secondCivil, small, civil, panel].map((one) => readCase(one.id)));
    expect(numbers.map((one) => one.caseNumber)).toEqual(['2027가단1', '2027가소1', '2027가단2', '2027가합1']);
    expect(numbers.every((one) => one.state === 'DOCKETED')).toBe(true);
  });

  it('refuses a filing signed with the wrong password, and shows a case to its parties and the court only', async () => {
    await request(stack.app)
      .post('/api/e-court/cases')
      .set(await as('plaintiff1'))
      .send({ defendant: 'defendant1', claimAmount: 1_000_000, track: 'civil', claimText: '청구', password: 'wrong' })
      .expect(422)
      .expect((response) => expect((response.body as { code: string }).code).toBe('E_COURT_SIGNATURE_INVALID'));
    const failed = await stack.prisma.auditLog.findMany({ where: { action: 'court-case.signature-failed' } });
    expect(failed).toEqual([expect.objectContaining({ actor: 'plaintiff1', outcome: 'failure' })]);
    expect(await stack.prisma.courtCase.count({ where: { claimText: '청구' } })).toBe(0);
    await request(stack.app)
      .post('/api/e-court/cases')
      .set(await as('clerk1'))
      .send({ defendant: 'defendant1', claimAmount: 1_000_000, track: 'civil', claimText: '청구', password: PASSWORD })
      .expect(403);

    const filed = await file({ claimAmount: 1_000_000, track: 'civil' });
    for (const outsider of ['clerk1', 'manager1', 'analyst1'])
      await request(stack.app)
        .get(`/api/e-court/cases/${filed.id}`)
        .set(await as(outsider))
        .expect(404);
    await request(stack.app)
      .post(`/api/e-court/cases/${filed.id}/open`)
      .set(await as('clerk1'))
      .expect(404);
    expect((await readCase(filed.id, 'judge1')).claimText).toContain('대여금');
    expect((await readCase(filed.id, 'plaintiff1')).claimText).toContain('대여금');
    // Before service the defendant sees that the case exists, not the complaint, and cannot open it yet.
    await request(stack.app)
      .post(`/api/e-court/cases/${filed.id}/open`)
      .set(await as('defendant1'))
      .expect(409);
    expect((await readCase(filed.id, 'defendant1')).claimText).toBeNull();
    const list = await request(stack.app)
      .get('/api/e-court/cases')
      .set(await as('clerk1'))
      .expect(200);
    expect((list.body as { items: CaseDto[] }).items).toEqual([]);
  });

  it('serves the complaint when the defendant opens it; an answer in time sends the case to hearing preparation', async () => {
    await stack.skipTo(kst('2027-01-05T10:00:00'));
    const noticed = await fileAndServe();
    expect(noticed.serviceNoticedAt).not.toBeNull();
    const mail = await eventually(async () => {
      const found = (await mailTo('defendant1@onnara.local')).filter((one) =>
        one.subject.includes(noticed.caseNumber!),
      );
      return found.length ? found : undefined;
    });
    expect(mail.map((one) => one.subject)).toEqual([`[전자송달] ${noticed.caseNumber} 소장 부본 송달 안내`]);
    expect(await noticesOf(noticed.id, 'service', 2)).toEqual([
      expect.objectContaining({
        kind: 'service',
        channel: 'EMAIL',
        recipient: 'defendant1',
        address: 'defendant1@onnara.local',
      }),
      expect.objectContaining({ kind: 'service', channel: 'SMS', recipient: 'defendant1' }),
    ]);
    await request(stack.app)
      .post(`/api/e-court/cases/${noticed.id}/open`)
      .set(await as('plaintiff1'))
      .expect(403);

    await stack.skip('2h');
    const opened = await request(stack.app)
      .post(`/api/e-court/cases/${noticed.id}/open`)
      .set(await as('defendant1'))
      .expect(200);
    expect((opened.body as CaseDto).claimText).toContain('대여금');
    const served = await caseInState(noticed.id, 'SERVED');
    expect(served.serviceMethod).toBe('OPENED');
    const servedAt = Date.parse(served.servedAt!);
    expect(servedAt - Date.parse(noticed.serviceNoticedAt!)).toBeGreaterThanOrEqual(2 * 60 * 60 * 1000);
    expect(Date.parse(served.answerDueAt!)).toBe(servedAt + 30 * DAY);
    const answerTask = await openTask(stack, noticed.processInstanceId, 'answer');
    expect(answerTask.dueAt?.getTime()).toBe(servedAt + 30 * DAY);

    await stack.skip('10d');
    await work('defendant1', noticed.processInstanceId, 'answer', {
      answer: '원고의 청구를 기각한다는 판결을 구합니다.',
    });
    const answered = await caseInState(noticed.id, 'ANSWERED');
    expect(answered.judgmentAt).toBeNull();
    await mailSubjects('plaintiff1', `[답변서] ${noticed.caseNumber} 답변서 제출`);
    await work('judge1', noticed.processInstanceId, 'prepare-hearing', { referred: true });
    await instanceInState(stack, noticed.processInstanceId, 'COMPLETED');
    const ended = await stack.prisma.elementInstance.findFirst({
      where: { processInstanceId: noticed.processInstanceId, elementId: 'hearing' },
    });
    expect(ended).not.toBeNull();
    // The case's record: who filed it, then each step the process took, in order.
    const trail = await stack.prisma.auditLog.findMany({
      where: { objectType: 'CourtCase', objectId: noticed.id },
      orderBy: { id: 'asc' },
    });
    expect(trail.map((row) => [row.action, row.actor])).toEqual([
      ['court-case.filed', 'plaintiff1'],
      ['court-case.docketed', null],
      ['court-case.service-notified', null],
      ['court-case.served', null],
      ['court-case.answered', null],
    ]);
  });

  it('orders defects fixed: a correction in time goes back to review; none in time dismisses the complaint', async () => {
    await stack.skipTo(kst('2027-01-11T10:00:00'));
    const fixed = await file({ claimAmount: 2_000_000, track: 'small-claims' });
    const lapsed = await file({ claimAmount: 2_500_000, track: 'small-claims' });
    for (const filed of [fixed, lapsed])
      await work('courtclerk1', filed.processInstanceId, 'check-filing', { feesPaid: true });
    await work('judge1', fixed.processInstanceId, 'review', {
      reviewDecision: 'defects',
      defects: '피고 주소 누락',
      fixDays: 7,
    });
    await work('judge1', lapsed.processInstanceId, 'review', {
      reviewDecision: 'defects',
      defects: '청구취지 불명확',
      fixDays: 5,
    });
    const ordered = await caseInState(fixed.id, 'DEFECT_ORDERED');
    const orderedAt = (
      await stack.prisma.auditLog.findFirstOrThrow({
        where: { objectId: fixed.id, action: 'court-case.defect-ordered' },
      })
    ).at;
    expect(Date.parse(ordered.defectDueAt!)).toBe(orderedAt.getTime() + 7 * DAY);
    const fixTask = await openTask(stack, fixed.processInstanceId, 'fix');
    expect(fixTask).toMatchObject({ assignee: 'plaintiff1' });
    expect(fixTask.dueAt?.toISOString()).toBe(ordered.defectDueAt);
    await mailSubjects('plaintiff1', `[보정명령] ${ordered.caseNumber} 소장 보정`);

    await stack.skip('3d');
    await work('plaintiff1', fixed.processInstanceId, 'fix', { correction: '피고 주소: 온나라시 1' });
    await openTask(stack, fixed.processInstanceId, 'review');
    expect((await readCase(fixed.id)).state).toBe('DOCKETED');

    const lapsing = await caseInState(lapsed.id, 'DEFECT_ORDERED');
    const due = Date.parse(lapsing.defectDueAt!);
    await stack.skipTo(due - 60_000);
    expect((await readCase(lapsed.id)).state).toBe('DEFECT_ORDERED');
    await stack.skipTo(due + 60_000);
    await instanceInState(stack, lapsed.processInstanceId, 'COMPLETED');
    const dismissed = await readCase(lapsed.id);
    expect(dismissed.state).toBe('DISMISSED');
    expect(await noticesOf(lapsed.id, 'dismissal', 2)).toEqual([
      expect.objectContaining({ channel: 'EMAIL', recipient: 'plaintiff1' }),
      expect.objectContaining({ channel: 'SMS', recipient: 'plaintiff1' }),
    ]);
    await mailSubjects('plaintiff1', `[소장각하] ${dismissed.caseNumber}`);
    const row = await stack.prisma.courtCase.findUniqueOrThrow({ where: { id: lapsed.id } });
    expect(row.dismissedAt?.getTime()).toBe(due);
  });

  it('deems the complaint served 7 days after the notice to the instant; no answer in 30 days sets a judgment date', async () => {
    await stack.skipTo(kst('2027-02-01T10:00:00'));
    const noticed = await fileAndServe();
    const deemedAt = Date.parse(noticed.serviceNoticedAt!) + 7 * DAY;
    await stack.skipTo(deemedAt - 1_000);
    expect((await readCase(noticed.id)).state).toBe('SERVICE_NOTIFIED');
    await stack.skipTo(deemedAt + 1_000);
    const served = await caseInState(noticed.id, 'SERVED');
    expect(served).toMatchObject({ serviceMethod: 'DEEMED' });
    expect(Date.parse(served.servedAt!)).toBe(deemedAt);
    expect(Date.parse(served.answerDueAt!)).toBe(deemedAt + 30 * DAY);

    await stack.skipTo(deemedAt + 30 * DAY - 60_000);
    await noTaskAt(noticed.processInstanceId, 'set-judgment-date');
    await stack.skipTo(deemedAt + 30 * DAY + 60_000);
    await work('judge1', noticed.processInstanceId, 'set-judgment-date', { judgmentDate: '2027-03-25' });
    const dated = await caseInState(noticed.id, 'JUDGMENT_DATE_SET');
    const judgmentAt = kst('2027-03-25T14:00:00');
    expect(Date.parse(dated.judgmentAt!)).toBe(judgmentAt);
    for (const party of ['plaintiff1', 'defendant1'])
      await mailSubjects(party, `[선고기일] ${dated.caseNumber} 무변론판결 선고기일 지정`);
    expect((await noticesOf(noticed.id, 'judgment-date', 4)).map((one) => one.recipient).sort()).toEqual([
      'defendant1',
      'defendant1',
      'plaintiff1',
      'plaintiff1',
    ]);

    await stack.skipTo(judgmentAt - 60_000);
    expect((await readCase(noticed.id)).state).toBe('JUDGMENT_DATE_SET');
    await stack.skipTo(judgmentAt + 60_000);
    await instanceInState(stack, noticed.processInstanceId, 'COMPLETED');
    const judged = await stack.prisma.courtCase.findUniqueOrThrow({ where: { id: noticed.id } });
    expect(judged).toMatchObject({ state: 'JUDGED_WITHOUT_HEARING', judgedAt: new Date(judgmentAt) });
    // The defendant's answer task closed with the judgment.
    await noTaskAt(noticed.processInstanceId, 'answer');
  });

  it('a late answer before the judgment date cancels it and the case goes to hearing preparation', async () => {
    await stack.skipTo(kst('2027-04-01T10:00:00'));
    const noticed = await fileAndServe();
    await request(stack.app)
      .post(`/api/e-court/cases/${noticed.id}/open`)
      .set(await as('defendant1'))
      .expect(200);
    const served = await caseInState(noticed.id, 'SERVED');
    await stack.skipTo(Date.parse(served.answerDueAt!) + 60_000);
    await work('judge1', noticed.processInstanceId, 'set-judgment-date', { judgmentDate: '2027-05-20' });
    await caseInState(noticed.id, 'JUDGMENT_DATE_SET');

    await stack.skipTo(kst('2027-05-10T11:00:00'));
    await work('defendant1', noticed.processInstanceId, 'answer', { answer: '청구 기각을 구합니다.' });
    const answered = await caseInState(noticed.id, 'ANSWERED');
    expect(Date.parse(answered.judgmentAt!)).toBe(kst('2027-05-20T14:00:00'));
    expect(answered.judgmentCancelledAt).not.toBeNull();
    expect((await noticesOf(noticed.id, 'judgment-date-cancelled', 4)).map((one) => one.recipient).sort()).toEqual([
      'defendant1',
      'defendant1',
      'plaintiff1',
      'plaintiff1',
    ]);
    for (const party of ['plaintiff1', 'defendant1'])
      await mailSubjects(party, `[기일취소] ${answered.caseNumber} 무변론판결 선고기일 취소`);
    await openTask(stack, noticed.processInstanceId, 'prepare-hearing');

    await stack.skipTo(kst('2027-05-20T15:00:00'));
    const after = await stack.prisma.courtCase.findUniqueOrThrow({ where: { id: noticed.id } });
    expect(after).toMatchObject({ state: 'ANSWERED', judgedAt: null });
    expect(
      (await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: noticed.processInstanceId } })).state,
    ).toBe('ACTIVE');
  });
});
