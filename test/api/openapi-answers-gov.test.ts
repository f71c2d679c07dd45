/**
 * Every operation of the government routes (org, approvals, petitions, e-court, procurement, classified handling,
 * records, calendar) driven to a success answer on the demo organisation, each answer checked against
 * /api/openapi.json: the document has to describe what these routes send.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { announceBidding } from '../../engine/procurement/announcement';
import { recordSingleSource } from '../../engine/procurement/award';
import { closeBidding, openBidding } from '../../engine/procurement/opening';
import { bidSealingKey } from '../../platform/config';
import { deployResource } from '../../engine/deployments';
import { deployReferenceProcesses, DEMO_ANALYST, seedStartPermissions } from '../../scripts/seed';
import { oneTaskProcess, uniqueProcessId } from '../support/bpmn';
import { expectDocumented, type Answer } from '../support/openapi-conformance';
import { PASSWORD, startTestStack, type TestStack } from '../support/stack';
import { eventuallyFound } from '../support/wait';

jest.setTimeout(120_000);

/** Civil servants of the demo organisation, then its external parties (a petitioner, litigants, a bidder). */
const PEOPLE = [
  'admin',
  'clerk1',
  'lead1',
  'director1',
  'manager1',
  'security1',
  'petitioner1',
  'plaintiff1',
  'defendant1',
  'bidder1',
];
const IN_A_YEAR = () => new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();
const bodyOf = <T>(response: { body: unknown }) => response.body as T;

describe('the government answers as /api/openapi.json describes them', () => {
  let stack: TestStack;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const api = () => request(stack.app);
  const as = (username: string) => ({ Authorization: `Bearer ${tokens[username]}` });

  /** Checks the answer has the status and is documented; answers it for the next step. */
  function documented<R extends Answer>(response: R, status: number): R {
    expect(response.status).toBe(status);
    expectDocumented(response);
    return response;
  }

  beforeAll(async () => {
    stack = await startTestStack();
    const analyst = await stack.prisma.user.findUniqueOrThrow({ where: { username: DEMO_ANALYST } });
    await deployReferenceProcesses(stack.deps, analyst);
    await seedStartPermissions(stack.prisma);
    for (const username of PEOPLE) {
      tokens[username] = await stack.login(username);
      ids[username] = (await stack.prisma.user.findUniqueOrThrow({ where: { username } })).id;
    }
  });
  afterAll(() => stack.stop());

  it('the org chart', async () => {
    const admin = as('admin');
    const units = documented(await api().get('/api/org/units').set(admin), 200);
    const parentId = bodyOf<{ items: Array<{ id: string; kind: string }> }>(units).items.find(
      (unit) => unit.kind === 'AGENCY',
    )?.id;
    const unit = documented(
      await api().post('/api/org/units').set(admin).send({ code: 'oas-team', name: '문서팀', kind: 'TEAM', parentId }),
      201,
    );
    const unitId = bodyOf<{ id: string }>(unit).id;
    documented(await api().patch(`/api/org/units/${unitId}`).set(admin).send({ headId: ids.clerk1 }), 200);
    documented(await api().get('/api/org/people').query({ q: 'clerk' }).set(admin), 200);
    const person = documented(
      await api()
        .post('/api/org/people')
        .set(admin)
        .send({ username: 'oas.person', displayName: '문서 담당', orgUnitId: unitId, password: PASSWORD }),
      201,
    );
    const personId = bodyOf<{ id: string }>(person).id;
    documented(await api().patch(`/api/org/people/${personId}`).set(admin).send({ displayName: '문서 담당자' }), 200);
    const newcomer = bodyOf<{ id: string }>(
      await api()
        .post('/api/org/people')
        .set(admin)
        .send({ username: 'oas.successor', displayName: '후임', orgUnitId: unitId, password: PASSWORD })
        .expect(201),
    ).id;
    documented(
      await api()
        .post(`/api/org/people/${personId}/handover`)
        .set(admin)
        .send({ successorId: newcomer, reason: '인사이동' }),
      200,
    );
    documented(
      await api()
        .post(`/api/org/people/${personId}/move`)
        .set(admin)
        .send({ orgUnitId: parentId, successorId: newcomer, handoverReason: '전보' }),
      200,
    );
    documented(await api().get(`/api/org/people/${personId}`).set(admin), 200);
    documented(await api().get('/api/org/positions').set(admin), 200);
    documented(
      await api().post('/api/org/positions').set(admin).send({ code: 'oas-lead', name: '문서담당관', level: 7 }),
      201,
    );
    documented(await api().get('/api/org/ranks').set(admin), 200);
    documented(
      await api().post('/api/org/ranks').set(admin).send({ code: 'oas-rank', name: '문서주사', grade: 6 }),
      201,
    );
    documented(await api().get('/api/org/groups').set(admin), 200);
    documented(
      await api().post('/api/org/groups').set(admin).send({ code: 'oas-group', name: '문서반', orgUnitId: unitId }),
      201,
    );
  });

  it('the calendar, petition types and deadlines, court fees and procurement rules', async () => {
    const clerk = as('clerk1');
    documented(
      await api()
        .get('/api/calendar/deadline')
        .query({ receivedAt: '2026-03-03T10:00:00+09:00', rule: 'civil-petition', days: 7 })
        .set(clerk),
      200,
    );
    // Counted in working hours from after hours, and in days around a clock-stop: the other shapes of the count.
    const hours = documented(
      await api()
        .get('/api/calendar/deadline')
        .query({ receivedAt: '2026-03-03T20:00:00+09:00', rule: 'working-hours', hours: 3 })
        .set(clerk),
      200,
    );
    expect(hours.body).toMatchObject({ unit: 'working-hours', dueAt: '2026-03-04T12:00:00+09:00' });
    documented(
      await api()
        .get('/api/calendar/deadline')
        .query({
          receivedAt: '2026-03-03T10:00:00+09:00',
          rule: 'civil-petition',
          days: 7,
          excluded: '2026-03-04/2026-03-05',
        })
        .set(clerk),
      200,
    );
    documented(await api().get('/api/calendar/holidays').query({ year: 2026 }).set(clerk), 200);
    documented(
      await api().post('/api/calendar/holidays').set(as('admin')).send({ date: '2026-11-20', name: '임시공휴일' }),
      201,
    );
    documented(await api().delete('/api/calendar/holidays/2026-11-20').set(as('admin')), 204);

    documented(await api().get('/api/petitions/types').set(clerk), 200);
    documented(await api().get('/api/petitions/types/proposal').set(clerk), 200);
    documented(
      await api()
        .post('/api/petitions/types')
        .set(as('admin'))
        .send({ code: 'oas-report', name: '문서신고', limit: { unit: 'days', amount: 3 }, basis: '문서법 제1조' }),
      201,
    );
    documented(
      await api()
        .get('/api/petitions/deadline')
        .query({ type: 'proposal', receivedAt: '2026-03-03T10:00:00+09:00' })
        .set(clerk),
      200,
    );

    documented(
      await api()
        .get('/api/e-court/fees')
        .query({ claimAmount: 12_000_000, level: 'first', electronic: 'true', parties: 2, track: 'civil' })
        .set(clerk),
      200,
    );
    documented(
      await api()
        .get('/api/procurement/announcement')
        .query({ kind: 'works', estimatedPrice: 2_000_000_000, bidDeadline: '2026-03-20T10:00:00+09:00' })
        .set(clerk),
      200,
    );
    documented(
      await api()
        .post('/api/procurement/reference-price')
        .set(clerk)
        .send({
          basePrice: 100_000_000,
          preliminaryPrices: Array.from({ length: 15 }, (_, i) => 98_500_000 + i * 200_000),
          picks: [
            [1, 2],
            [3, 4],
          ],
        }),
      200,
    );
  });

  it('approval documents, their files and settings, and the retention list', async () => {
    const clerk = as('clerk1');
    documented(
      await api()
        .put('/api/approvals/delegation-rules')
        .set(as('admin'))
        .send({ rules: [{ documentType: 'report', minAmount: 0, maxAmount: null, positionCode: 'division-head' }] }),
      200,
    );
    documented(await api().get('/api/approvals/delegation-rules').set(as('admin')), 200);
    const absence = documented(
      await api().post('/api/approvals/absences').set(as('director1')).send({
        proxyId: ids.lead1,
        startsAt: '2030-01-01T09:00:00+09:00',
        endsAt: '2030-01-02T18:00:00+09:00',
        reason: '연가',
      }),
      201,
    );
    documented(await api().get('/api/approvals/absences').set(as('director1')), 200);
    documented(
      await api()
        .delete(`/api/approvals/absences/${bodyOf<{ id: string }>(absence).id}`)
        .set(as('director1')),
      204,
    );

    const submitted = documented(
      await api()
        .post('/api/approvals')
        .set(clerk)
        .send({
          title: '민원실 안내판 교체',
          body: '노후 안내판을 교체하고자 합니다.',
          documentType: 'report',
          line: [
            { kind: 'review', userId: ids.lead1 },
            { kind: 'approve', userId: ids.director1 },
          ],
        }),
      201,
    );
    const documentId = bodyOf<{ id: string }>(submitted).id;
    const attached = documented(
      await api()
        .post(`/api/approvals/${documentId}/attachments`)
        .set(clerk)
        .attach('file', Buffer.from('세부 일정\n'), { filename: '일정.txt', contentType: 'text/plain' }),
      201,
    );
    const attachment = documented(
      await api()
        .get(`/api/approvals/${documentId}/attachments/${bodyOf<{ id: string }>(attached).id}`)
        .set(clerk),
      200,
    );
    expect(attachment.headers['content-type']).toMatch(/^text\/plain/);
    documented(await api().get(`/api/approvals/${documentId}`).set(clerk), 200);
    documented(await api().get('/api/approvals').query({ role: 'drafted' }).set(clerk), 200);
    documented(await api().post(`/api/approvals/${documentId}/withdraw`).set(clerk), 200);

    // A second document, approved and received by civil-affairs (set in the database: the line's tasks are another
    // suite's subject), shows its dispatch with the receipt, may be re-sent, and its receiving head manages it.
    const approved = bodyOf<{ id: string; processingUnit: { id: string } }>(
      await api()
        .post('/api/approvals')
        .set(clerk)
        .send({
          title: '민원 안내 개선',
          body: '안내문을 고칩니다.',
          documentType: 'report',
          line: [{ kind: 'approve', userId: ids.director1 }],
        })
        .expect(201),
    );
    const unitId = approved.processingUnit.id;
    await stack.prisma.approvalDocument.update({
      where: { id: approved.id },
      data: { state: 'APPROVED', closedAt: new Date(), retentionEndsAt: new Date('2036-12-31T00:00:00Z') },
    });
    const receipt = await stack.prisma.documentReceipt.create({
      data: {
        registration: {
          create: {
            kind: 'RECEIPT',
            unitId,
            year: 2026,
            serial: 901,
            number: 'civil-affairs-901',
            registeredAt: new Date(),
          },
        },
        receivedBy: 'clerk1',
        receivedAt: new Date(),
        dispatch: { create: { documentId: approved.id, unitId, state: 'SENT' as const, sentAt: new Date() } },
        readings: { create: { reader: 'clerk3' } },
      },
    });
    const card = documented(await api().get(`/api/approvals/${approved.id}`).set(as('manager1')), 200);
    expect(bodyOf<{ dispatches: Array<{ receipt: { mayManage: boolean } }> }>(card).dispatches).toEqual([
      expect.objectContaining({ receipt: expect.objectContaining({ mayManage: true }) }),
    ]);
    documented(await api().get('/api/approvals').query({ role: 'received' }).set(clerk), 200);
    documented(
      await api()
        .post(`/api/approvals/${approved.id}/resend`)
        .set(clerk)
        .send({ recipient: { agencyName: '행정안전부', email: 'mois@example.kr' }, reason: '관계기관 공유' }),
      202,
    );
    documented(
      await api()
        .patch(`/api/approvals/${approved.id}/receipts/${receipt.id}`)
        .set(as('manager1'))
        .send({ readingDueAt: '2026-12-31T18:00:00+09:00' }),
      200,
    );

    const expiring = documented(
      await api().get('/api/records/retention').query({ expiringBefore: '2100-01-01' }).set(as('admin')),
      200,
    );
    expect(expiring.body).toMatchObject({ items: [{ id: approved.id, retentionEndsAt: '2036-12-31' }] });
    const csv = documented(
      await api().get('/api/records/retention').query({ expiringBefore: '2100-01-01', format: 'csv' }).set(as('admin')),
      200,
    );
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
  });

  it('classified handling: clearances, the register, need-to-know and reading records', async () => {
    const officer = as('security1');
    documented(
      await api()
        .put(`/api/security/clearances/${ids.clerk1}`)
        .set(officer)
        .send({ grade: 'GRADE_III', expiresAt: IN_A_YEAR() }),
      200,
    );
    documented(await api().get('/api/security/clearances').set(officer), 200);
    documented(await api().delete(`/api/security/clearances/${ids.clerk1}`).set(officer), 204);

    const processId = uniqueProcessId('oas-classified');
    await deployResource(stack.deps, { xml: oneTaskProcess(processId), resourceName: `${processId}.bpmn` });
    const started = await api()
      .post('/api/process-instances')
      .set(as('lead1'))
      .send({
        processId,
        variables: {},
        classification: 'GRADE_II',
        reviewOn: '2031-12-31',
        reviewAction: 'declassify',
      })
      .expect(201);
    const instanceId = bodyOf<{ id: string }>(started).id;
    await eventuallyFound(
      () => stack.prisma.userTask.findFirst({ where: { processInstanceId: instanceId } }),
      'the classified task',
    );
    // Reading the instance is what the reading records record.
    await api().get(`/api/process-instances/${instanceId}`).set(as('lead1')).expect(200);
    documented(await api().get(`/api/security/register/${instanceId}`).set(officer), 200);
    documented(
      await api().post(`/api/security/register/${instanceId}/copies`).set(officer).send({ holderId: ids.director1 }),
      201,
    );
    documented(
      await api()
        .post(`/api/security/register/${instanceId}/dispatches`)
        .set(officer)
        .send({ copyNumber: 2, channel: 'SECRET_MAIL', recipient: '행정안전부 보안정책과' }),
      201,
    );
    documented(await api().post(`/api/security/register/${instanceId}/copy-permission`).set(as('lead1')), 200);
    const readings = documented(
      await api().get('/api/security/reading-records').query({ instanceId }).set(officer),
      200,
    );
    expect(bodyOf<{ items: unknown[] }>(readings).items.length).toBeGreaterThan(0);
    documented(
      await api()
        .post(`/api/process-instances/${instanceId}/need-to-know`)
        .set(officer)
        .send({ userId: ids.director1 }),
      201,
    );
    documented(await api().get(`/api/process-instances/${instanceId}/need-to-know`).set(officer), 200);
    documented(
      await api().delete(`/api/process-instances/${instanceId}/need-to-know/${ids.director1}`).set(officer),
      204,
    );
  });

  it('petitions and court cases', async () => {
    const filed = documented(
      await api()
        .post('/api/petitions')
        .set(as('petitioner1'))
        .send({
          typeCode: 'proposal',
          title: '민원실 운영시간 확대 요청',
          content: '평일 저녁에도 열어 주십시오.',
          petitioner: { name: '홍길동', email: 'petitioner1@example.kr' },
        }),
      201,
    );
    const instanceId = bodyOf<{ processInstanceId: string }>(filed).processInstanceId;
    const petition = await eventuallyFound(
      () => stack.prisma.petition.findFirst({ where: { processInstanceId: instanceId } }),
      'the petition received',
    );
    documented(await api().get('/api/petitions').set(as('petitioner1')), 200);
    documented(await api().get(`/api/petitions/${petition.id}`).set(as('petitioner1')), 200);
    // Refused (set in the database: the decision is the civil-petition suite's subject), so it may be objected to.
    await stack.prisma.petition.update({
      where: { id: petition.id },
      data: { state: 'DECIDED', outcome: 'REFUSED', decidedAt: new Date() },
    });
    documented(
      await api()
        .post(`/api/petitions/${petition.id}/objections`)
        .set(as('petitioner1'))
        .send({ reason: '운영시간 확대가 필요합니다.' }),
      202,
    );

    const filedCase = documented(
      await api().post('/api/e-court/cases').set(as('plaintiff1')).send({
        defendant: 'defendant1',
        claimAmount: 1_000_000,
        track: 'civil',
        claimText: '피고는 원고에게 대여금을 지급하라.',
        password: PASSWORD,
      }),
      201,
    );
    const caseId = bodyOf<{ id: string }>(filedCase).id;
    documented(await api().get('/api/e-court/cases').set(as('plaintiff1')), 200);
    documented(await api().get(`/api/e-court/cases/${caseId}`).set(as('plaintiff1')), 200);
    // The service notice is the process's step (the e-court-filing suite's subject); set here, the defendant opens.
    await stack.prisma.courtCase.update({ where: { id: caseId }, data: { serviceNoticedAt: new Date() } });
    const opened = documented(await api().post(`/api/e-court/cases/${caseId}/open`).set(as('defendant1')), 200);
    expect(bodyOf<{ claimText: string }>(opened).claimText).toBe('피고는 원고에게 대여금을 지급하라.');
  });

  it('biddings: a sealed bid, an objection to the award, the opening', async () => {
    // Announced as the process's activity does it; the process's own run is the procurement-bidding suite's subject.
    const day = 24 * 3600 * 1000;
    const deadline = new Date(Date.now() + 60 * day).toISOString();
    const announced = await announceBidding(stack.prisma, bidSealingKey(stack.config), {
      processInstanceId: randomUUID(),
      round: 1,
      announcedBy: 'buyer1',
      announcedAt: new Date(),
      draft: {
        title: '청사 냉난방 설비 교체 공사',
        kind: 'works',
        estimatedPrice: 2_000_000_000,
        basePrice: 2_000_000_000,
        siteBriefing: false,
        urgent: false,
        bidDeadline: deadline,
        openingAt: deadline,
      },
    });
    if (!announced.accepted) throw new Error(announced.refusal);
    const biddingId = announced.bidding.id;
    const bidder = as('bidder1');

    documented(await api().get('/api/procurement/biddings').set(bidder), 200);
    const bid = documented(
      await api()
        .post(`/api/procurement/biddings/${biddingId}/bids`)
        .set(bidder)
        .send({ price: 1_900_000_000, bond: 95_000_000, picks: [3, 11] }),
      201,
    );
    const bidId = bodyOf<{ id: string }>(bid).id;
    documented(await api().get(`/api/procurement/biddings/${biddingId}/bids/${bidId}`).set(bidder), 200);
    await stack.prisma.bidding.update({
      where: { id: biddingId },
      data: { awardedAt: new Date(), objectionsCloseAt: new Date(Date.now() + 7 * day) },
    });
    documented(
      await api()
        .post(`/api/procurement/biddings/${biddingId}/objections`)
        .set(bidder)
        .send({ text: '적격심사 점수 산정에 이의가 있습니다.' }),
      201,
    );
    const seen = documented(await api().get(`/api/procurement/biddings/${biddingId}`).set(bidder), 200);
    expect(bodyOf<{ bids: Array<{ sealed: boolean; price: null }> }>(seen).bids).toEqual([
      expect.objectContaining({ sealed: true, price: null }),
    ]);

    // Opened (one bid is too few: 유찰) and contracted single-source, as the process's steps record them.
    await closeBidding(stack.prisma, biddingId, new Date());
    await openBidding(stack.prisma, bidSealingKey(stack.config), biddingId, new Date());
    await recordSingleSource(stack.prisma, {
      biddingId,
      contractor: 'bidder1',
      price: 1_900_000_000,
      reason: '2회 유찰',
      decidedBy: 'buyer1',
      at: new Date(),
    });
    const opened = documented(await api().get(`/api/procurement/biddings/${biddingId}`).set(bidder), 200);
    expect(opened.body).toMatchObject({
      opening: { failed: true, bidCount: 1 },
      singleSource: { contractor: 'bidder1' },
      bids: [{ sealed: false, price: 1_900_000_000, picks: [3, 11] }],
    });
  });
});
