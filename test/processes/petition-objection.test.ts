/**
 * 이의신청 (민원처리법 §35) end to end over the HTTP API on the time-skipping server: an objection on the 60th day
 * is taken and one on the 61st is 각하 (to the day), the decision is due 10 working days after filing (to the minute),
 * the one extension moves it to 20 and a second is refused, and each notice reaches the petitioner with what the law
 * says it must state. The decided petitions are seeded rows: the civil-petition process is another part's.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DEMO_ANALYST, deployReferenceProcesses, seedStartPermissions } from '../../scripts/seed';
import { insertProcessInstance } from '../support/tasks';
import { openTask } from '../support/instances';
import { mailTo } from '../support/mail';
import { addUser } from '../support/users';
import { startTimeSkippingStack, type TimeSkippingStack } from '../support/time-skipping';
import { eventually, eventuallyFound } from '../support/wait';

jest.setTimeout(180_000);

const kst = (text: string) => new Date(`${text}+09:00`);
const DAY_MS = 86_400_000;

describe('petition objection (이의신청)', () => {
  let stack: TimeSkippingStack;
  let tokens: Record<'petitioner' | 'clerk', string>;

  beforeAll(async () => {
    stack = await startTimeSkippingStack();
    const analyst = await stack.prisma.user.findUniqueOrThrow({ where: { username: DEMO_ANALYST } });
    const deployed = await deployReferenceProcesses(stack.deps, analyst);
    expect(deployed.map(({ processId }) => processId)).toContain('petition-objection');
    await seedStartPermissions(stack.prisma);
    tokens = { petitioner: await stack.login('petitioner1'), clerk: await stack.login('clerk1') };
  });
  afterAll(() => stack.stop());

  /** A petition filed by `petitioner` and decided against them at `decidedAt`, as the civil-petition process leaves it. */
  async function decidedPetition(
    decidedAt: Date,
    options: { outcome?: 'REFUSED' | 'PARTIALLY_ACCEPTED' | 'ACCEPTED'; petitioner?: string } = {},
  ) {
    const filer = await stack.prisma.user.findUniqueOrThrow({
      where: { username: options.petitioner ?? 'petitioner1' },
    });
    const processInstanceId = await insertProcessInstance(stack, 'civil-petition');
    await stack.prisma.processInstance.update({ where: { id: processInstanceId }, data: { startedById: filer.id } });
    const tag = randomUUID().slice(0, 8);
    return stack.prisma.petition.create({
      data: {
        processInstanceId,
        receiptNumber: `민원봉사과-${tag}`,
        typeCode: 'grievance',
        title: '도로 파손 보수 요청',
        petitionerName: '홍민원',
        petitionerEmail: `hong-${tag}@example.kr`,
        receivedAt: new Date(decidedAt.getTime() - 7 * DAY_MS),
        state: 'DECIDED',
        decidedAt,
        outcome: options.outcome ?? 'REFUSED',
      },
    });
  }

  /** An objection handed in at the counter, registered by a civil-affairs clerk with the instant it arrived. */
  async function fileAtCounter(petition: { petitionId: string } | { receiptNumber: string }, filedAt: string) {
    const response = await request(stack.app)
      .post('/api/process-instances')
      .set('authorization', `Bearer ${tokens.clerk}`)
      .send({
        processId: 'petition-objection',
        variables: { ...petition, objectionReason: '보수 대상이 아니라는 판단에 동의하지 않습니다.', filedAt },
      })
      .expect(201);
    return (response.body as { id: string }).id;
  }

  async function decide(instanceId: string, elementId: string, variables: Record<string, string>) {
    const task = await openTask(stack, instanceId, elementId);
    const auth = { authorization: `Bearer ${tokens.clerk}` };
    await request(stack.app).post(`/api/tasks/${task.id}/claim`).set(auth).expect(200);
    await request(stack.app).post(`/api/tasks/${task.id}/complete`).set(auth).send({ variables }).expect(200);
    return task;
  }

  /** The mail to the address whose subject has `subject`, once it has arrived. */
  const mailWith = (address: string, subject: string) =>
    eventually(
      async () => {
        const mails = (await mailTo(address)).filter((mail) => mail.subject.includes(subject));
        return mails.length > 0 ? mails : undefined;
      },
      { what: `mail "${subject}" to ${address}` },
    );

  it('takes an objection on the 60th day, decides by 10 working days, extends once, refuses a second, and dismisses', async () => {
    // Decided on Thursday 2026-12-17: the 60 days (the notice day not counted) end on Monday 2027-02-15.
    const petition = await decidedPetition(kst('2026-12-17T15:00:00'));
    await stack.skipTo(kst('2027-02-15T10:00:00').getTime());
    const instanceId = await fileAtCounter({ petitionId: petition.id }, '2027-02-15T10:00:00+09:00');

    // 10 working days, the filing day counted: 15-19 and 22-26 February, due Friday 26 February at 18:00.
    const first = await openTask(stack, instanceId, 'review');
    expect(first.dueAt?.toISOString()).toBe(kst('2027-02-26T18:00:00').toISOString());
    expect(first.candidateGroups).toEqual(['civil-affairs']);
    const [receipt] = await mailWith(petition.petitionerEmail, '이의신청 접수 안내');
    expect(receipt?.text).toContain('처리기한: 2027-02-26(금) 18:00');
    expect(receipt?.text).toContain(petition.receiptNumber);

    await decide(instanceId, 'review', { decision: 'extend', decisionReason: '현장 확인이 필요합니다.' });
    // Ten more working days after 26 February, 1 March (삼일절) skipped: Monday 15 March at 18:00.
    const extended = await eventuallyFound(
      () => stack.prisma.userTask.findFirst({ where: { processInstanceId: instanceId, state: 'CREATED' } }),
      'the review after the extension',
    );
    expect(extended.dueAt?.toISOString()).toBe(kst('2027-03-15T18:00:00').toISOString());
    const [notice] = await mailWith(petition.petitionerEmail, '처리기간 연장 통지');
    expect(notice?.text).toContain('연장 사유: 현장 확인이 필요합니다.');
    expect(notice?.text).toContain('연장된 처리기한: 2027-03-15(월) 18:00');

    await decide(instanceId, 'review', { decision: 'extend', decisionReason: '한 번 더 연장합니다.' });
    const again = await eventuallyFound(
      () =>
        stack.prisma.userTask.findFirst({
          where: { processInstanceId: instanceId, state: 'CREATED', id: { not: extended.id } },
        }),
      'the review after the refused second extension',
    );
    expect(again.dueAt?.toISOString()).toBe(kst('2027-03-15T18:00:00').toISOString());
    expect(
      await stack.prisma.petitionObjection.findUniqueOrThrow({ where: { processInstanceId: instanceId } }),
    ).toMatchObject({ extensions: 1, extensionReason: '현장 확인이 필요합니다.' });

    await decide(instanceId, 'review', { decision: 'dismiss', decisionReason: '보수 기준에 해당하지 않습니다.' });
    const [dismissal] = await mailWith(petition.petitionerEmail, '기각 결정 통지');
    expect(dismissal?.text).toContain('사유: 보수 기준에 해당하지 않습니다.');
    expect(dismissal?.text).toContain('행정심판');
    expect(dismissal?.text).toContain('행정소송');
    expect(dismissal?.text).toContain('90일');
    expect(await mailTo(petition.petitionerEmail)).toHaveLength(3); // receipt, one extension, the decision

    const objection = await stack.prisma.petitionObjection.findUniqueOrThrow({
      where: { processInstanceId: instanceId },
    });
    expect(objection).toMatchObject({
      petitionId: petition.id,
      outcome: 'DISMISSED',
      decidedBy: 'clerk1',
      extensions: 1,
      dueAt: kst('2027-03-15T18:00:00'),
      lastDayToObject: new Date('2027-02-15T00:00:00Z'),
    });
    const audit = await stack.prisma.auditLog.findMany({ where: { objectId: objection.id }, orderBy: { id: 'asc' } });
    expect(audit.map((row) => row.action)).toEqual([
      'petition-objection.filed',
      'petition-objection.extended',
      'petition-objection.decided',
    ]);
    const instance = await eventuallyFound(
      () => stack.prisma.processInstance.findFirst({ where: { id: instanceId, state: 'COMPLETED' } }),
      'the objection instance completed',
    );
    expect(instance.id).toBe(instanceId);
  });

  it('refuses an objection handed in by receipt number on the 61st day with a notice that names the last day', async () => {
    // Decided on Friday 2027-01-15: the 60th day is Tuesday 2027-03-16, a working day; filed Wednesday the 17th.
    const petition = await decidedPetition(kst('2027-01-15T11:00:00'));
    await stack.skipTo(kst('2027-03-17T09:30:00').getTime());
    const instanceId = await fileAtCounter(
      { receiptNumber: petition.receiptNumber ?? '' },
      '2027-03-17T09:30:00+09:00',
    );

    const [notice] = await mailWith(petition.petitionerEmail, '각하 통지');
    expect(notice?.to).toEqual([petition.petitionerEmail]);
    expect(notice?.text).toContain('이의신청 기간의 마지막 날: 2027-03-16(화)');
    expect(notice?.text).toContain('행정심판');
    const objection = await eventuallyFound(
      () =>
        stack.prisma.petitionObjection.findFirst({ where: { processInstanceId: instanceId, outcome: 'OUT_OF_TIME' } }),
      'the objection recorded as out of time',
    );
    expect(objection.dueAt).toBeNull();
    expect(await stack.prisma.userTask.count({ where: { processInstanceId: instanceId } })).toBe(0);
  });

  it('upholds an objection: the petition goes back to civil affairs and the new result is sent', async () => {
    const petition = await decidedPetition(kst('2027-03-10T14:00:00'), { outcome: 'PARTIALLY_ACCEPTED' });
    await stack.skipTo(kst('2027-04-12T10:00:00').getTime());
    const instanceId = await fileAtCounter({ petitionId: petition.id }, '2027-04-12T10:00:00+09:00');
    const review = await openTask(stack, instanceId, 'review');
    expect(review.dueAt?.toISOString()).toBe(kst('2027-04-23T18:00:00').toISOString());

    await decide(instanceId, 'review', { decision: 'uphold', decisionReason: '현장 사진으로 파손이 확인됩니다.' });
    const [upheld] = await mailWith(petition.petitionerEmail, '인용 결정 통지');
    expect(upheld?.text).toContain('사유: 현장 사진으로 파손이 확인됩니다.');
    const reexamination = await openTask(stack, instanceId, 'reexamine');
    expect(reexamination.candidateGroups).toEqual(['civil-affairs']);

    await decide(instanceId, 'reexamine', { reexaminationResult: '4월 30일까지 보수하겠습니다.' });
    const [result] = await mailWith(petition.petitionerEmail, '재처리 결과 통지');
    expect(result?.text).toContain('4월 30일까지 보수하겠습니다.');
    expect(
      await stack.prisma.petitionObjection.findUniqueOrThrow({ where: { processInstanceId: instanceId } }),
    ).toMatchObject({ outcome: 'UPHELD', decidedBy: 'clerk1', extensions: 0 });
  });

  it('stops at an incident that says why when the counter registers an objection to an accepted petition', async () => {
    const petition = await decidedPetition(kst('2027-04-01T10:00:00'), { outcome: 'ACCEPTED' });
    const instanceId = await fileAtCounter({ petitionId: petition.id }, '2027-04-13T10:00:00+09:00');
    const incident = await eventuallyFound(
      () => stack.prisma.incident.findFirst({ where: { processInstanceId: instanceId, state: 'OPEN' } }),
      'the incident at the registration',
    );
    expect(incident.elementId).toBe('register');
    expect(incident.message).toContain('was not refused or partly accepted');
    expect(await stack.prisma.petitionObjection.count({ where: { petitionId: petition.id } })).toBe(0);
    expect(await mailTo(petition.petitionerEmail)).toHaveLength(0);
  });

  describe('POST /api/petitions/:id/objections', () => {
    const file = (token: string, petitionId: string) =>
      request(stack.app)
        .post(`/api/petitions/${petitionId}/objections`)
        .set('authorization', `Bearer ${token}`)
        .send({ reason: '결정에 동의하지 않습니다.' });
    const koreaToday = () => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
    const daysBefore = (date: string, days: number) => new Date(Date.parse(date) - days * DAY_MS);

    it('starts the objection for the petitioner on the 60th day after the decision', async () => {
      const petition = await decidedPetition(
        kst(`${daysBefore(koreaToday(), 60).toISOString().slice(0, 10)}T16:00:00`),
      );
      const response = await file(tokens.petitioner, petition.id).expect(202);
      const { processInstanceId } = response.body as { processInstanceId: string };
      const instance = await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: processInstanceId } });
      const petitioner = await stack.prisma.user.findUniqueOrThrow({ where: { username: 'petitioner1' } });
      expect(instance).toMatchObject({ bpmnProcessId: 'petition-objection', startedById: petitioner.id });
      await openTask(stack, processInstanceId, 'review');
      await mailWith(petition.petitionerEmail, '이의신청 접수 안내');

      // One objection per decision.
      const second = await file(tokens.petitioner, petition.id).expect(409);
      expect((second.body as { code: string }).code).toBe('OBJECTION_NOT_ALLOWED');
    });

    it('refuses an objection after the last day with a 422 that names it', async () => {
      // The decision 90 days ago: whatever today is, its 60 days have run out.
      const decided = daysBefore(koreaToday(), 90);
      const petition = await decidedPetition(kst(`${decided.toISOString().slice(0, 10)}T16:00:00`));
      const response = await file(tokens.petitioner, petition.id).expect(422);
      expect((response.body as { code: string }).code).toBe('OBJECTION_PERIOD_ENDED');
      expect((response.body as { message: string }).message).toMatch(/ended on \d{4}-\d{2}-\d{2}\(.\)/);
      expect(await stack.prisma.petitionObjection.count({ where: { petitionId: petition.id } })).toBe(0);
    });

    it('refuses an objection to an accepted petition (409)', async () => {
      const petition = await decidedPetition(new Date(Date.now() - 5 * DAY_MS), { outcome: 'ACCEPTED' });
      const response = await file(tokens.petitioner, petition.id).expect(409);
      expect((response.body as { code: string }).code).toBe('OBJECTION_NOT_ALLOWED');
    });

    it('answers 404 to anyone but the petitioner, and starts nothing', async () => {
      await addUser(stack.prisma, 'petitioner2', 'external-party');
      const petition = await decidedPetition(new Date(Date.now() - 5 * DAY_MS));
      for (const token of [await stack.login('petitioner2'), tokens.clerk, await stack.login('admin')]) {
        const response = await file(token, petition.id).expect(404);
        expect((response.body as { code: string }).code).toBe('NOT_FOUND');
      }
      await file(tokens.petitioner, randomUUID()).expect(404);
      expect(await stack.prisma.petitionObjection.count({ where: { petitionId: petition.id } })).toBe(0);
      expect(await stack.prisma.processInstance.count({ where: { businessKey: petition.receiptNumber } })).toBe(0);
    });
  });
});
