/**
 * The civil-petition process end to end over the HTTP API, on Temporal's time-skipping server (issue 15): receipt
 * with its number and due instant, transfer, supplementation on a stopped clock, consultation, extension, the 30-day
 * progress notice, the reminder and the escalation, and the answer through document approval with the result
 * notice. Fixed dates in 2027, ascending across the tests (the server's clock only moves forward).
 */
import request from 'supertest';
import { deployReferenceProcesses, DEMO_ANALYST, seedStartPermissions } from '../../scripts/seed';
import type { Variables } from '../../shared/feel';
import { openTask } from '../support/instances';
import { mailTo } from '../support/mail';
import { startTimeSkippingStack, type TimeSkippingStack } from '../support/time-skipping';
import { eventually } from '../support/wait';

jest.setTimeout(180_000);

const kst = (text: string) => Date.parse(`${text}+09:00`);
/** An instant counted from a moment the workflow read from its clock (a request made now) is due to the minute. */
const toMinute = (date: Date | null | undefined) => Math.floor((date?.getTime() ?? 0) / 60_000) * 60_000;
const REMEDIES = ['이의신청', '60일', '행정심판', '행정소송'];

describe('the civil-petition process', () => {
  let stack: TimeSkippingStack;
  const tokens: Record<string, string> = {};
  let deployed: Array<{ processId: string; version: number }> = [];
  const as = (username: string) => ({ Authorization: `Bearer ${tokens[username]}` });

  beforeAll(async () => {
    stack = await startTimeSkippingStack();
    const analyst = await stack.prisma.user.findUniqueOrThrow({ where: { username: DEMO_ANALYST } });
    deployed = await deployReferenceProcesses(stack.deps, analyst);
    await seedStartPermissions(stack.prisma);
    for (const username of ['clerk1', 'clerk2', 'planner1', 'manager1', 'director1', 'petitioner1', 'inspector1'])
      tokens[username] = await stack.login(username);
  });
  afterAll(() => stack.stop());

  async function file(username: string, body: Variables): Promise<string> {
    const response = await request(stack.app).post('/api/petitions').set(as(username)).send(body).expect(201);
    return (response.body as { processInstanceId: string }).processInstanceId;
  }

  /** The petition of an instance once its receipt has recorded the due instant. */
  function petitionOf(instanceId: string) {
    return eventually(
      () =>
        stack.prisma.petition
          .findUnique({ where: { processInstanceId: instanceId } })
          .then((row) => (row?.dueAt ? row : undefined)),
      { what: 'the petition row with its due instant' },
    );
  }

  async function complete(username: string, instanceId: string, elementId: string, variables: Variables) {
    const task = await openTask(stack, instanceId, elementId);
    await request(stack.app).post(`/api/tasks/${task.id}/claim`).set(as(username)).expect(200);
    return request(stack.app).post(`/api/tasks/${task.id}/complete`).set(as(username)).send({ variables });
  }

  async function completeOk(username: string, instanceId: string, elementId: string, variables: Variables) {
    const response = await complete(username, instanceId, elementId, variables);
    expect(response.status).toBe(200);
  }

  /** Gives a unit's opinion on its own consultation task (one task per chosen unit, in parallel). */
  async function consultAs(username: string, unit: string, instanceId: string, opinion: string) {
    const task = await eventually(
      () =>
        stack.prisma.userTask
          .findFirst({
            where: {
              processInstanceId: instanceId,
              elementId: 'consult',
              state: 'CREATED',
              candidateGroups: { has: unit },
            },
          })
          .then((row) => row ?? undefined),
      { what: `the consultation of ${unit}` },
    );
    await request(stack.app).post(`/api/tasks/${task.id}/claim`).set(as(username)).expect(200);
    await request(stack.app)
      .post(`/api/tasks/${task.id}/complete`)
      .set(as(username))
      .send({ variables: { opinion } })
      .expect(200);
  }

  /** The open task at the element, once the instance has reached it. */
  function untilOpenTask(instanceId: string, elementId: string) {
    return openTask(stack, instanceId, elementId);
  }

  function request_(path: string, username: string) {
    return request(stack.app).get(path).set(as(username)).expect(200);
  }

  /** The answer document a petition asked approval for (the latest, when it was redrafted). */
  function answerDocument(receiptNumber: string, after?: string) {
    return eventually(
      () =>
        stack.prisma.approvalDocument
          .findFirst({ where: { replyKey: receiptNumber, NOT: after ? { id: after } : undefined } })
          .then((row) => (row?.processInstanceId ? { ...row, processInstanceId: row.processInstanceId } : undefined)),
      { what: `the answer document of ${receiptNumber}` },
    );
  }

  /** Completes the open step of an approval document's instance as the person whose step it is. */
  async function decideAs(username: string, documentInstanceId: string, variables: Variables) {
    const task = await eventually(
      () =>
        stack.prisma.userTask
          .findFirst({ where: { processInstanceId: documentInstanceId, state: 'CREATED' } })
          .then((row) => row ?? undefined),
      { what: `${username}'s step` },
    );
    await request(stack.app).post(`/api/tasks/${task.id}/complete`).set(as(username)).send({ variables }).expect(200);
  }

  function auditEvent(petitionId: string, action: string) {
    return stack.prisma.auditLog
      .findFirst({ where: { objectType: 'Petition', objectId: petitionId, action } })
      .then((row) => row ?? undefined);
  }

  function mailWith(address: string, subject: string, receiptNumber: string) {
    return eventually(
      async () =>
        (await mailTo(address)).find((mail) => mail.subject.includes(subject) && mail.subject.includes(receiptNumber)),
      { what: `mail '${subject}' for ${receiptNumber} to ${address}` },
    );
  }

  function finished(instanceId: string) {
    return stack.temporal.workflow.getHandle(instanceId).result() as Promise<{ endElementId?: string }>;
  }

  it('deploys through the reference processes, its forms with it', async () => {
    expect(deployed).toContainEqual(expect.objectContaining({ processId: 'civil-petition', version: 1 }));
    const forms = await stack.prisma.form.findMany({ where: { formId: { startsWith: 'petition-' } } });
    expect(forms.map((form) => form.formId).sort()).toEqual([
      'petition-consultation',
      'petition-filing',
      'petition-no-supplement',
      'petition-review',
      'petition-supplement',
    ]);
  });

  it('counts a 7-day grievance received on a Friday afternoon by the day, the Friday included: due the second Monday at 18:00', async () => {
    const email = 'friday@example.kr';
    const instanceId = await file('clerk1', {
      typeCode: 'grievance',
      title: '가로등 고장',
      content: '골목 가로등이 꺼져 있습니다.',
      petitioner: { name: '윤금요', email },
      receivedAt: '2027-01-08T15:00:00+09:00',
    });
    const petition = await petitionOf(instanceId);
    expect(petition.dueAt?.getTime()).toBe(kst('2027-01-18T18:00:00'));
    // 접수등록번호: the receiving unit's code and its serial of the year, the first of 2027.
    expect(petition.receiptNumber).toBe('civil-affairs-1');
    const receipt = await mailWith(email, '접수 통지', petition.receiptNumber as string);
    expect(receipt.text).toContain('처리기한: 2027-01-18(월) 18:00');
    await completeOk('clerk1', instanceId, 'review', {
      action: 'transfer',
      transferAgency: '한국전력공사',
      transferReason: '가로등 전력 설비는 한국전력공사 소관입니다.',
    });
    await expect(finished(instanceId)).resolves.toMatchObject({ endElementId: 'transferred' });
  });

  it('registers a counter petition received after hours: receipt number, 3 working hours from Monday 09:00, then a transfer with notice', async () => {
    const email = 'transfer@example.kr';
    const instanceId = await file('clerk1', {
      typeCode: 'other-immediate',
      title: '주차장 이용 문의',
      content: '시청 주차장은 몇 시까지 이용할 수 있나요?',
      petitioner: { name: '김이송', email },
      receivedAt: '2027-01-08T19:30:00+09:00',
    });
    const petition = await petitionOf(instanceId);
    expect(petition.receiptNumber).toBe('civil-affairs-2');
    // Friday 19:30 is outside working time: the count starts Monday 09:00 and 3 working hours run out at 12:00.
    expect(petition.dueAt?.toISOString()).toBe(new Date(kst('2027-01-11T12:00:00')).toISOString());
    expect(petition).toMatchObject({ state: 'RECEIVED', typeCode: 'other-immediate', filedById: null });
    const receipt = await mailWith(email, '접수 통지', petition.receiptNumber as string);
    expect(receipt.text).toContain('2027-01-11(월) 12:00');
    const review = await untilOpenTask(instanceId, 'review');
    expect(review.dueAt?.getTime()).toBe(kst('2027-01-11T12:00:00'));

    await completeOk('clerk1', instanceId, 'review', {
      action: 'transfer',
      transferAgency: '국토교통부',
      transferReason: '국가 도로 관련 사항은 국토교통부 소관입니다.',
    });
    await expect(finished(instanceId)).resolves.toMatchObject({ endElementId: 'transferred' });
    const notice = await mailWith(email, '이송 통지', petition.receiptNumber as string);
    expect(notice.text).toContain('국토교통부');
    expect(await stack.prisma.petition.findUniqueOrThrow({ where: { id: petition.id } })).toMatchObject({
      state: 'TRANSFERRED',
      transferredTo: '국토교통부',
    });
  });
  it('stops the clock for a supplement of a 7-day petition: the due moves by the days stopped; two more-time requests, not a third', async () => {
    const email = 'supplement@example.kr';
    await stack.skipTo(kst('2027-01-25T09:00:00'));
    const instanceId = await file('petitioner1', {
      typeCode: 'grievance',
      title: '도로 파손 민원',
      content: '집 앞 도로가 파손되었습니다.',
      petitioner: { name: '박보완', email },
    });
    const petition = await petitionOf(instanceId);
    const receiptNumber = petition.receiptNumber as string;
    // 7 days counted by the day from Monday 25 January, the first day included: Tuesday 2 February 18:00.
    expect(petition.dueAt?.getTime()).toBe(kst('2027-02-02T18:00:00'));
    expect(petition.filedById).not.toBeNull();

    await stack.skipTo(kst('2027-01-26T10:00:00'));
    await completeOk('clerk1', instanceId, 'review', {
      action: 'supplement',
      supplementContent: '파손 위치 사진을 보내 주십시오.',
      supplementDays: 5,
    });
    const request = await mailWith(email, '보완 요구', receiptNumber);
    expect(request.text).toContain('파손 위치 사진');
    // 5 days = 40 working hours from Tuesday 10:00: Tuesday 2 February 10:00.
    expect(request.text).toContain('2027-02-02(화) 10:00');
    await eventually(
      () =>
        stack.prisma.petition
          .findUniqueOrThrow({ where: { id: petition.id } })
          .then((row) => (row.state === 'SUPPLEMENTING' ? row : undefined)),
      { what: 'the petition to wait for its supplement' },
    );
    expect(await stack.prisma.petition.findUniqueOrThrow({ where: { id: petition.id } })).toMatchObject({
      supplementRequests: 1,
    });

    // The petitioner sees the task in their own queue and asks for more time, twice; a third time is refused.
    const queue = await request_(`/api/tasks?scope=groups`, 'petitioner1');
    expect((queue.body as { items: Array<{ elementId: string }> }).items.map((task) => task.elementId)).toContain(
      'supply',
    );
    await completeOk('petitioner1', instanceId, 'supply', { askMoreTime: true, moreDays: 2 });
    expect(toMinute((await untilOpenTask(instanceId, 'supply')).dueAt)).toBe(kst('2027-02-04T10:00:00'));
    await completeOk('petitioner1', instanceId, 'supply', { askMoreTime: true, moreDays: 1 });
    expect(toMinute((await untilOpenTask(instanceId, 'supply')).dueAt)).toBe(kst('2027-02-05T10:00:00'));
    await completeOk('petitioner1', instanceId, 'supply', { askMoreTime: true, moreDays: 1 });
    await eventually(() => auditEvent(petition.id, 'petition.supplement-time-refused'), { what: 'the refusal' });
    expect(toMinute((await untilOpenTask(instanceId, 'supply')).dueAt)).toBe(kst('2027-02-05T10:00:00'));

    // Supplied on Wednesday at 14:00. The period counts days, so the stop removes every day it touches, the sending
    // and the arrival day included (Tuesday and Wednesday): the due moves two working days, to Thursday 4 February.
    await stack.skipTo(kst('2027-01-27T14:00:00'));
    await completeOk('petitioner1', instanceId, 'supply', {
      askMoreTime: false,
      supplementText: '사진 3장을 첨부합니다.',
    });
    const review = await untilOpenTask(instanceId, 'review');
    expect(review.dueAt?.getTime()).toBe(kst('2027-02-04T18:00:00'));
    const resumed = await eventually(
      () =>
        stack.prisma.petition
          .findUniqueOrThrow({ where: { id: petition.id } })
          .then((row) => (row.state === 'RECEIVED' ? row : undefined)),
      { what: 'the petition to be back in processing' },
    );
    expect(resumed.dueAt?.getTime()).toBe(kst('2027-02-04T18:00:00'));

    await completeOk('clerk1', instanceId, 'review', {
      action: 'transfer',
      transferAgency: '한국도로공사',
      transferReason: '고속도로 구간입니다.',
    });
    await expect(finished(instanceId)).resolves.toMatchObject({ endElementId: 'transferred' });
  });

  it('re-requests a missing supplement once, then returns the petition (반려) with a notice', async () => {
    const email = 'returned@example.kr';
    await stack.skipTo(kst('2027-03-08T10:00:00'));
    const instanceId = await file('clerk1', {
      typeCode: 'inquiry-procedure',
      title: '여권 발급 절차 문의',
      content: '여권 재발급에 필요한 서류가 무엇인가요?',
      petitioner: { name: '최반려', email },
      receivedAt: '2027-03-08T10:00:00+09:00',
    });
    const petition = await petitionOf(instanceId);
    const receiptNumber = petition.receiptNumber as string;
    await completeOk('clerk1', instanceId, 'review', {
      action: 'supplement',
      supplementContent: '신분증 사본을 보내 주십시오.',
      supplementDays: 1,
    });
    await mailWith(email, '보완 요구', receiptNumber);
    // 1 day = 8 working hours from Monday 10:00: Tuesday 10:00; then the clerk decides.
    await stack.skipTo(kst('2027-03-09T10:01:00'));
    await completeOk('clerk1', instanceId, 'no-supplement-decision', { reRequest: true, reRequestDays: 2 });
    const supply = await untilOpenTask(instanceId, 'supply');
    expect(toMinute(supply.dueAt)).toBe(kst('2027-03-11T10:01:00'));
    await eventually(
      async () =>
        (await mailTo(email)).filter((mail) => mail.subject.includes('보완 요구')).length === 2 ? true : undefined,
      { what: 'the second supplement request' },
    );

    await stack.skipTo(kst('2027-03-11T10:02:00'));
    await completeOk('clerk1', instanceId, 'no-supplement-decision', { reRequest: true, reRequestDays: 2 });
    await eventually(() => auditEvent(petition.id, 'petition.re-request-refused'), { what: 'the refusal' });
    await completeOk('clerk1', instanceId, 'no-supplement-decision', {
      reRequest: false,
      returnReason: '기한까지 보완되지 않았습니다.',
    });
    await expect(finished(instanceId)).resolves.toMatchObject({ endElementId: 'returned' });
    const notice = await mailWith(email, '반려 통지', receiptNumber);
    expect(notice.text).toContain('기한까지 보완되지 않았습니다.');
    expect(await stack.prisma.petition.findUniqueOrThrow({ where: { id: petition.id } })).toMatchObject({
      state: 'CLOSED',
      supplementRequests: 1,
    });
  });

  it('extends once with a reason, a second time only with consent; reminds the clerk, escalates to the unit head and sends the 30-day notice', async () => {
    const email = 'extension@example.kr';
    await stack.skipTo(kst('2027-03-15T09:00:00'));
    const instanceId = await file('clerk1', {
      typeCode: 'grievance',
      title: '소음 민원',
      content: '공사 소음이 심합니다.',
      petitioner: { name: '정연장', email },
      receivedAt: '2027-03-15T09:00:00+09:00',
    });
    const petition = await petitionOf(instanceId);
    const receiptNumber = petition.receiptNumber as string;
    expect(petition.dueAt?.getTime()).toBe(kst('2027-03-23T18:00:00'));

    // Longer than the original 7 days: refused, the due stays.
    await completeOk('clerk1', instanceId, 'review', {
      action: 'extend',
      extensionAmount: 8,
      extensionReason: '현장 조사가 필요합니다.',
    });
    await eventually(() => auditEvent(petition.id, 'petition.extension-refused'), { what: 'the refusal' });
    expect((await untilOpenTask(instanceId, 'review')).dueAt?.getTime()).toBe(kst('2027-03-23T18:00:00'));
    await completeOk('clerk1', instanceId, 'review', {
      action: 'extend',
      extensionAmount: 7,
      extensionReason: '현장 조사가 필요합니다.',
    });
    // 14 working days from Monday 15 March: Thursday 1 April 18:00.
    const first = await mailWith(email, '처리기간 연장 통지', receiptNumber);
    expect(first.text).toContain('현장 조사가 필요합니다.');
    expect(first.text).toContain('2027-04-01(목) 18:00');
    expect((await untilOpenTask(instanceId, 'review')).dueAt?.getTime()).toBe(kst('2027-04-01T18:00:00'));

    // A second extension without the petitioner's consent: refused, the due stays.
    await completeOk('clerk1', instanceId, 'review', {
      action: 'extend',
      extensionAmount: 3,
      extensionReason: '관계 기관 회신 대기',
    });
    await eventually(
      async () =>
        (await stack.prisma.auditLog.count({
          where: { objectType: 'Petition', objectId: petition.id, action: 'petition.extension-refused' },
        })) === 2 || undefined,
      { what: 'the second refusal' },
    );
    expect((await untilOpenTask(instanceId, 'review')).dueAt?.getTime()).toBe(kst('2027-04-01T18:00:00'));
    expect(await stack.prisma.petition.findUniqueOrThrow({ where: { id: petition.id } })).toMatchObject({
      extensions: 1,
    });
    await completeOk('clerk1', instanceId, 'review', {
      action: 'extend',
      extensionAmount: 3,
      extensionReason: '관계 기관 회신 대기',
      petitionerConsent: true,
    });
    // 17 working days: Tuesday 6 April 18:00.
    await mailWith(email, '처리기간 연장 통지', receiptNumber).then(async () =>
      eventually(
        async () =>
          (await mailTo(email)).filter((mail) => mail.subject.includes('연장')).length === 2 ? true : undefined,
        { what: 'the second extension notice' },
      ),
    );
    const review = await untilOpenTask(instanceId, 'review');
    expect(review.dueAt?.getTime()).toBe(kst('2027-04-06T18:00:00'));
    await request(stack.app).post(`/api/tasks/${review.id}/claim`).set(as('clerk1')).expect(200);
    const extended = await stack.prisma.petition.findUniqueOrThrow({ where: { id: petition.id } });
    expect(extended).toMatchObject({ extensions: 2 });
    expect(extended.dueAt?.getTime()).toBe(kst('2027-04-06T18:00:00'));
    const consent = await stack.prisma.auditLog.findMany({
      where: { objectType: 'Petition', objectId: petition.id, action: 'petition.extended' },
      orderBy: { id: 'asc' },
    });
    expect(consent.map((row) => (row.details as { petitionerConsent: boolean }).petitionerConsent)).toEqual([
      false,
      true,
    ]);

    // An hour before the due the clerk holding it is reminded; at the due the unit head (manager1) hears of it.
    await stack.skipTo(kst('2027-04-06T17:00:30'));
    await mailWith('clerk1@onnara.local', '처리기한 임박', receiptNumber);
    expect((await mailTo('manager1@onnara.local')).some((mail) => mail.subject.includes(receiptNumber))).toBe(false);
    await stack.skipTo(kst('2027-04-06T18:00:30'));
    const overdue = await mailWith('manager1@onnara.local', '처리기한 경과', receiptNumber);
    expect(overdue.text).toContain('2027-04-06(화) 18:00');

    // 30 days after receipt (시행령 §23) the petitioner hears how it stands.
    await stack.skipTo(kst('2027-04-14T09:00:30'));
    const progress = await mailWith(email, '진행상황 통지', receiptNumber);
    expect(progress.text).toContain('2027-04-06(화) 18:00');
  });

  it('answers through approval: consultation, an hour-counted stop moved to the minute, a rejected draft redrafted, a refusal that states its reasons and remedies', async () => {
    const email = 'answer@example.kr';
    await stack.skipTo(kst('2027-04-19T09:00:00'));
    const instanceId = await file('petitioner1', {
      typeCode: 'other-immediate',
      title: '민원실 운영시간 확대 요청',
      content: '토요일에도 민원실을 열어 주십시오.',
      petitioner: { name: '홍길동', email },
    });
    const petition = await petitionOf(instanceId);
    const receiptNumber = petition.receiptNumber as string;
    expect(petition.dueAt?.getTime()).toBe(kst('2027-04-19T12:00:00'));

    // 협의 with two units, in parallel; their opinions are kept.
    await completeOk('clerk1', instanceId, 'review', {
      action: 'consult',
      consultUnits: ['general-affairs', 'planning-budget'],
      consultQuestion: '토요일 운영 인력과 예산이 있습니까?',
    });
    await consultAs('clerk2', 'general-affairs', instanceId, '토요일 근무 인력이 없습니다.');
    await consultAs('planner1', 'planning-budget', instanceId, '올해 예산에 반영되어 있지 않습니다.');
    const consulted = await eventually(() => auditEvent(petition.id, 'petition.consulted'), { what: 'the opinions' });
    expect(JSON.stringify(consulted.details)).toContain('토요일 근무 인력이 없습니다.');
    expect(JSON.stringify(consulted.details)).toContain('올해 예산에 반영되어 있지 않습니다.');

    // A supplement from 10:00 to 11:30 stops 90 working minutes: the due moves from 12:00 to 14:30.
    await stack.skipTo(kst('2027-04-19T10:00:00'));
    await completeOk('clerk1', instanceId, 'review', {
      action: 'supplement',
      supplementContent: '원하시는 운영 시간을 적어 주십시오.',
      supplementDays: 1,
    });
    await untilOpenTask(instanceId, 'supply');
    await stack.skipTo(kst('2027-04-19T11:30:00'));
    await completeOk('petitioner1', instanceId, 'supply', { askMoreTime: false, supplementText: '09:00-13:00' });
    expect((await untilOpenTask(instanceId, 'review')).dueAt?.getTime()).toBe(kst('2027-04-19T14:30:00'));

    // A refusal without reasons is refused by the form; with them it goes to approval.
    await stack.skipTo(kst('2027-04-19T11:40:00'));
    const answer = { action: 'answer', outcome: 'REFUSED', answer: '토요일 운영은 어렵습니다.' };
    const noReasons = await complete('clerk1', instanceId, 'review', answer);
    expect(noReasons.status).toBe(400);
    expect(noReasons.body).toMatchObject({
      code: 'FORM_INVALID',
      fields: [expect.objectContaining({ key: 'refusalReasons' })],
    });
    await completeOk('clerk1', instanceId, 'review', { ...answer, refusalReasons: '근무 인력과 예산이 없습니다.' });
    // The approver rejects the first draft and the drafter closes it: 민원 검토 comes back to redraft.
    const first = await answerDocument(receiptNumber);
    expect(first.body).toContain('근무 인력과 예산이 없습니다.');
    await decideAs('director1', first.processInstanceId, { decision: 'reject', opinion: '대안을 안내하십시오.' });
    await decideAs('clerk1', first.processInstanceId, { next: 'close' });
    await completeOk('clerk1', instanceId, 'review', {
      ...answer,
      answer: '토요일 운영은 어렵습니다. 평일 야간(20시까지) 민원실을 이용해 주십시오.',
      refusalReasons: '근무 인력과 예산이 없습니다.',
    });
    const second = await answerDocument(receiptNumber, first.id);
    expect(second.body).toContain('평일 야간');
    await decideAs('director1', second.processInstanceId, { decision: 'approve', opinion: '적정' });

    await expect(finished(instanceId)).resolves.toMatchObject({ endElementId: 'decided' });
    const result = await mailWith(email, '처리결과 통지', receiptNumber);
    expect(result.to).toEqual([email]);
    expect(result.text).toContain('처리결과: 거부');
    expect(result.text).toContain('거부 사유: 근무 인력과 예산이 없습니다.');
    for (const remedy of REMEDIES) expect(result.text).toContain(remedy);
    // Receipt 09:00 to decision 11:40 is 160 working minutes, 90 of them stopped.
    expect(await stack.prisma.petition.findUniqueOrThrow({ where: { id: petition.id } })).toMatchObject({
      state: 'DECIDED',
      outcome: 'REFUSED',
      workingMinutesTaken: 70,
    });
  });

  it('shows petitions within reach: the petitioner their own, the unit its petitions, the manager their subtree; 404 to others', async () => {
    const mine = await request(stack.app).get('/api/petitions').set(as('petitioner1')).expect(200);
    const items = (mine.body as { items: Array<{ id: string; title: string }> }).items;
    expect(items.map((item) => item.title).sort()).toEqual(['도로 파손 민원', '민원실 운영시간 확대 요청']);
    const own = items.find((item) => item.title === '민원실 운영시간 확대 요청');
    const detail = await request(stack.app).get(`/api/petitions/${own?.id}`).set(as('petitioner1')).expect(200);
    expect(detail.body).toMatchObject({
      receiptNumber: expect.stringMatching(/^civil-affairs-\d+$/),
      state: 'DECIDED',
      dueAt: '2027-04-19T14:30:00+09:00',
    });
    expect((detail.body as { history: Array<{ event: string }> }).history.map((entry) => entry.event)).toEqual(
      expect.arrayContaining(['received', 'consulted', 'supplement-requested', 'supplemented', 'decided']),
    );

    const counter = await request(stack.app).get('/api/petitions').set(as('clerk1')).expect(200);
    expect((counter.body as { items: unknown[] }).items).toHaveLength(6);
    const manager = await request(stack.app).get('/api/petitions').set(as('manager1')).expect(200);
    expect((manager.body as { items: unknown[] }).items).toHaveLength(6);
    const filing = {
      typeCode: 'proposal',
      title: '제목',
      content: '내용',
      petitioner: { name: '이름', email: 'a@example.kr' },
    };
    // A petitioner cannot backdate a filing; a unit without the start permission cannot register one.
    await request(stack.app)
      .post('/api/petitions')
      .set(as('petitioner1'))
      .send({ ...filing, receivedAt: '2027-01-04T09:00:00+09:00' })
      .expect(403);
    const outside = await request(stack.app).post('/api/petitions').set(as('clerk2')).send(filing);
    expect([403, 404]).toContain(outside.status);
    const invalid = await request(stack.app)
      .post('/api/petitions')
      .set(as('petitioner1'))
      .send({ ...filing, typeCode: 'no-such-type', petitioner: { name: '이름', email: 'not-an-address' } })
      .expect(400);
    expect((invalid.body as { fields: Array<{ key: string }> }).fields.map((field) => field.key).sort()).toEqual([
      'petitioner.email',
      'typeCode',
    ]);
    expect(await stack.prisma.petition.count()).toBe(6);

    for (const outsider of ['clerk2', 'inspector1']) {
      await request(stack.app).get(`/api/petitions/${own?.id}`).set(as(outsider)).expect(404);
      const list = await request(stack.app).get('/api/petitions').set(as(outsider)).expect(200);
      expect((list.body as { items: unknown[] }).items).toHaveLength(0);
    }
  });
});
