/**
 * The classified distribution process (processes/classified-distribution) over the HTTP API on the time-skipping
 * server: a II급 document drafted by a cleared drafter, approved on a cleared line, registered with a copy per
 * recipient unit, dispatched by an allowed channel, received, handed to a cleared handler within the working hour,
 * read (the reading record) and signed; the refusals (uncleared line, I급 by mail, uncleared handler, signing unread);
 * the late hand-over escalated at the working-hour instant; and the 예고문 carried out over the distributed copies.
 * Dates are in 2027 and ascend through the file: the test server's clock only moves forward.
 */
import request from 'supertest';
import { carryOutReviewNotices, DESTROYED_BODY } from '../../engine/classified/review';
import { deployReferenceProcesses, seedStartPermissions } from '../../scripts/seed';
import { mailTo } from '../support/mail';
import { startTimeSkippingStack, type TimeSkippingStack } from '../support/time-skipping';
import { eventually, eventuallyFound } from '../support/wait';

jest.setTimeout(240_000);

const kst = (text: string) => Date.parse(`${text}+09:00`);
const PEOPLE = ['lead1', 'director1', 'clerk1', 'docclerk1', 'docclerk2', 'planner1', 'inspector1'];

describe('classified document distribution', () => {
  let stack: TimeSkippingStack;
  let tokens: Record<string, string>;
  const api = () => request(stack.app);
  const as = (username: string) => ({ Authorization: `Bearer ${tokens[username]}` });

  beforeAll(async () => {
    stack = await startTimeSkippingStack();
    const deployed = await deployReferenceProcesses(stack.deps);
    expect(deployed.map((process) => process.processId)).toContain('classified-distribution');
    await seedStartPermissions(stack.prisma);
    tokens = Object.fromEntries(await Promise.all(PEOPLE.map(async (name) => [name, await stack.login(name)])));
  });
  afterAll(() => stack.stop());

  async function draft(
    drafter: string,
    fields: { grade: string; reviewOn: string; reviewAction: string; variables: Record<string, unknown> },
  ): Promise<string> {
    const response = await api()
      .post('/api/process-instances')
      .set(as(drafter))
      .send({
        processId: 'classified-distribution',
        classification: fields.grade,
        reviewOn: fields.reviewOn,
        reviewAction: fields.reviewAction,
        variables: {
          title: '대테러 대비 보안 점검 계획',
          body: '점검 일정과 대상 시설은 다음과 같다.',
          ...fields.variables,
        },
      })
      .expect(201);
    return (response.body as { id: string }).id;
  }

  /** The open task at an element as its worker sees it in their queue. */
  function taskOf(username: string, instanceId: string, elementId: string) {
    return eventually(
      async () => {
        const queue = await api().get('/api/tasks').set(as(username)).expect(200);
        const items = (queue.body as { items: Array<{ id: string; processInstanceId: string; elementId: string }> })
          .items;
        return items.find((task) => task.processInstanceId === instanceId && task.elementId === elementId);
      },
      { what: `${username}'s ${elementId} task of ${instanceId}` },
    );
  }

  /** Opens the task (the reading is recorded) and completes it with the form's values. */
  async function work(username: string, instanceId: string, elementId: string, variables: Record<string, unknown>) {
    const task = await taskOf(username, instanceId, elementId);
    await api().get(`/api/tasks/${task.id}`).set(as(username)).expect(200);
    await api().post(`/api/tasks/${task.id}/complete`).set(as(username)).send({ variables }).expect(200);
    return task;
  }

  /** The approver signs the document the process submitted (document-approval, replying approval-decided). */
  async function approve(instanceId: string, approver = 'director1') {
    const document = await eventuallyFound(
      () => stack.prisma.approvalDocument.findFirst({ where: { replyKey: instanceId } }),
      `the approval document of ${instanceId}`,
    );
    await work(approver, document.processInstanceId!, 'approve', { decision: 'approve', opinion: '배부 승인' });
    return document;
  }

  const receipts = (instanceId: string) =>
    stack.prisma.classifiedReceipt.findMany({ where: { instanceId }, orderBy: { copyNumber: 'asc' } });
  const copies = (instanceId: string) =>
    stack.prisma.classifiedCopy.findMany({ where: { instanceId }, orderBy: { number: 'asc' } });
  const userId = async (username: string) => (await stack.prisma.user.findUniqueOrThrow({ where: { username } })).id;
  const audits = (instanceId: string, action: string) =>
    stack.prisma.auditLog.findMany({ where: { objectId: instanceId, action }, orderBy: { id: 'asc' } });
  const instanceEnded = (instanceId: string) =>
    eventually(
      async () => {
        const row = await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } });
        return row.state === 'COMPLETED' ? row : undefined;
      },
      { what: `instance ${instanceId} to complete` },
    );

  let distributedId: string;

  it('distributes a II급 document: cleared line, a numbered copy per unit, secret mail, hand-over within the hour, read and signed', async () => {
    await stack.skipTo(kst('2027-02-16T09:00:00'));
    distributedId = await draft('lead1', {
      grade: 'GRADE_II',
      reviewOn: '2031-12-31',
      reviewAction: 'regrade:GRADE_III',
      variables: { recipientUnits: ['planning-budget', 'audit-office'], approver: 'director1', reviewers: [] },
    });
    const document = await approve(distributedId);
    await taskOf('lead1', distributedId, 'choose-channel');
    const registration = await stack.prisma.registration.findFirstOrThrow({
      where: { documentId: document.id, kind: 'PRODUCTION' },
    });
    const [clerk1, clerk2, planner, inspector] = await Promise.all(
      ['docclerk1', 'docclerk2', 'planner1', 'inspector1'].map(userId),
    );
    // 비밀관리기록부: copy 1 stays with the drafter, one numbered copy per recipient unit held by its clerk.
    expect((await copies(distributedId)).map((copy) => [copy.number, copy.holderId])).toEqual([
      [1, await userId('lead1')],
      [2, clerk1],
      [3, clerk2],
    ]);
    expect((await receipts(distributedId)).map((receipt) => [receipt.copyNumber, receipt.clerkIds])).toEqual([
      [2, [clerk1]],
      [3, [clerk2]],
    ]);

    await work('lead1', distributedId, 'choose-channel', { channel: 'SECRET_MAIL' });
    const dispatches = await eventually(async () => {
      const rows = await stack.prisma.classifiedDispatch.findMany({
        where: { instanceId: distributedId },
        orderBy: { copyNumber: 'asc' },
      });
      return rows.length === 2 ? rows : undefined;
    });
    expect(dispatches.map((row) => [row.copyNumber, row.channel, row.recipient, row.dispatchedBy])).toEqual([
      [2, 'SECRET_MAIL', '기획예산과 (Planning and Budget)', 'lead1'],
      [3, 'SECRET_MAIL', '감사담당관 (Audit Office)', 'lead1'],
    ]);

    // Tuesday 10:00: both units log the receipt; the hand-over is due at 11:00, one working hour later.
    await stack.skipTo(kst('2027-02-16T10:00:00'));
    await work('docclerk1', distributedId, 'receive', { received: true });
    await work('docclerk2', distributedId, 'receive', { received: true });
    const handOver = await taskOf('docclerk1', distributedId, 'hand-over');
    const due = await stack.prisma.userTask.findUniqueOrThrow({ where: { id: handOver.id } });
    expect(due.dueAt?.getTime()).toBe(kst('2027-02-16T11:00:00'));
    await work('docclerk1', distributedId, 'hand-over', { handler: 'planner1' });
    await work('docclerk2', distributedId, 'hand-over', { handler: 'inspector1' });

    await work('planner1', distributedId, 'read', { signed: true });
    await work('inspector1', distributedId, 'read', { signed: true });
    const ended = await instanceEnded(distributedId);
    expect(ended.endElementId).toBe('distributed');
    expect((ended.variables as { approval: { productionNumber: string } }).approval.productionNumber).toBe(
      registration.number,
    );

    const kept = await receipts(distributedId);
    expect(kept.map((receipt) => [receipt.copyNumber, receipt.handlerId, receipt.escalatedAt])).toEqual([
      [2, planner, null],
      [3, inspector, null],
    ]);
    for (const receipt of kept) {
      expect(receipt.receivedAt?.getTime()).toBe(kst('2027-02-16T10:00:00'));
      expect(receipt.handoverDueAt?.getTime()).toBe(kst('2027-02-16T11:00:00'));
      expect(receipt.handedAt!.getTime()).toBeLessThan(kst('2027-02-16T11:00:00'));
      expect(receipt.signedAt).not.toBeNull();
    }
    expect((await copies(distributedId)).map((copy) => [copy.number, copy.holderId, copy.state])).toEqual([
      [1, await userId('lead1'), 'HELD'],
      [2, planner, 'HELD'],
      [3, inspector, 'HELD'],
    ]);
    // 비밀열람기록전: each handler's reading was recorded before the content reached them.
    const readers = await stack.prisma.readingRecord.findMany({ where: { instanceId: distributedId } });
    expect(readers.map((row) => row.reader)).toEqual(expect.arrayContaining(['planner1', 'inspector1']));
    expect(await audits(distributedId, 'classified.handover-late')).toHaveLength(0);
  });

  it('refuses a drafter without clearance, and a line naming someone not cleared until the drafter fixes it', async () => {
    await api()
      .post('/api/process-instances')
      .set(as('clerk1'))
      .send({
        processId: 'classified-distribution',
        classification: 'GRADE_II',
        reviewOn: '2032-12-31',
        reviewAction: 'declassify',
        variables: { title: 't', body: 'b', recipientUnits: ['planning-budget'] },
      })
      .expect(403);

    const instanceId = await draft('lead1', {
      grade: 'GRADE_II',
      reviewOn: '2032-12-31',
      reviewAction: 'declassify',
      variables: { recipientUnits: ['planning-budget'], approver: 'director1', reviewers: ['clerk1'] },
    });
    await taskOf('lead1', instanceId, 'fix-line');
    const [refused] = await audits(instanceId, 'classified.line-refused');
    expect(refused?.details).toEqual({
      reason: expect.stringMatching(/cleared for GRADE_II.*김민원 \(Clerk One\) \(clerk1\)/),
    });
    expect(await stack.prisma.approvalDocument.count({ where: { replyKey: instanceId } })).toBe(0);

    await work('lead1', instanceId, 'fix-line', { approver: 'director1', reviewerList: '' });
    const document = await eventuallyFound(
      () => stack.prisma.approvalDocument.findFirst({ where: { replyKey: instanceId }, include: { steps: true } }),
      'the document once the line is cleared',
    );
    expect(document.steps.map((step) => step.assigneeId)).toEqual([await userId('director1')]);
  });

  it('refuses I급 by registered mail and by an uncleared hand carrier, with the reason, and sends it encrypted', async () => {
    const raised = ['lead1', 'director1', 'docclerk1'];
    await stack.prisma.clearance.updateMany({
      where: { user: { username: { in: raised } } },
      data: { grade: 'GRADE_I' },
    });
    try {
      const instanceId = await draft('lead1', {
        grade: 'GRADE_I',
        reviewOn: '2032-12-31',
        reviewAction: 'regrade:GRADE_II',
        variables: { recipientUnits: ['planning-budget'], approver: 'director1' },
      });
      await approve(instanceId);

      await work('lead1', instanceId, 'choose-channel', { channel: 'REGISTERED_MAIL' });
      await taskOf('lead1', instanceId, 'choose-channel');
      await work('lead1', instanceId, 'choose-channel', { channel: 'HAND_DELIVERY', carrier: 'clerk1' });
      await taskOf('lead1', instanceId, 'choose-channel');
      const refusals = await audits(instanceId, 'classified.dispatch-refused');
      expect(refusals.map((row) => row.details)).toEqual([
        { reason: 'A GRADE_I item may go only by ENCRYPTED_NETWORK or HAND_DELIVERY, not by REGISTERED_MAIL.' },
        { reason: 'A hand delivery of a GRADE_I item needs a carrier cleared for GRADE_I.' },
      ]);
      expect(await stack.prisma.classifiedDispatch.count({ where: { instanceId } })).toBe(0);
      expect((await copies(instanceId)).map((copy) => copy.state)).toEqual(['HELD', 'HELD']);

      await work('lead1', instanceId, 'choose-channel', { channel: 'ENCRYPTED_NETWORK' });
      await taskOf('docclerk1', instanceId, 'receive');
      const dispatches = await stack.prisma.classifiedDispatch.findMany({ where: { instanceId } });
      expect(dispatches.map((row) => [row.copyNumber, row.channel])).toEqual([[2, 'ENCRYPTED_NETWORK']]);
    } finally {
      await stack.prisma.clearance.updateMany({
        where: { user: { username: { in: raised } } },
        data: { grade: 'GRADE_II' },
      });
    }
  });

  let lateId: string;

  it('escalates to the security officer at Monday 09:30 for a Friday 17:30 receipt not handed over', async () => {
    lateId = await draft('lead1', {
      grade: 'GRADE_II',
      reviewOn: '2030-06-30',
      reviewAction: 'destroy',
      variables: { recipientUnits: ['planning-budget'], approver: 'director1' },
    });
    await approve(lateId);
    await work('lead1', lateId, 'choose-channel', { channel: 'REGISTERED_MAIL' });

    await stack.skipTo(kst('2027-03-05T17:30:00'));
    await work('docclerk1', lateId, 'receive', { received: true });
    const mondayNineThirty = kst('2027-03-08T09:30:00');
    const handOver = await taskOf('docclerk1', lateId, 'hand-over');
    const due = await stack.prisma.userTask.findUniqueOrThrow({ where: { id: handOver.id } });
    expect(due.dueAt?.getTime()).toBe(mondayNineThirty);
    expect((await receipts(lateId))[0]?.receivedAt?.getTime()).toBe(kst('2027-03-05T17:30:00'));

    await stack.skipTo(mondayNineThirty - 60_000);
    expect((await receipts(lateId))[0]?.escalatedAt).toBeNull();
    await stack.skipTo(mondayNineThirty + 60_000);
    const escalated = await eventually(async () => (await receipts(lateId))[0]?.escalatedAt ?? undefined, {
      what: 'the late hand-over to be escalated',
    });
    expect(Math.floor(escalated.getTime() / 60_000) * 60_000).toBe(mondayNineThirty);
    const notices = await eventually(async () => {
      const mails = (await mailTo('security1@onnara.local')).filter((mail) => mail.text.includes(lateId));
      return mails.length ? mails : undefined;
    });
    expect(notices).toHaveLength(1);
    expect(notices[0]?.subject).toBe('[비밀 인계 지연] 사본 2번 — 기획예산과 (Planning and Budget)');
    // The notice names the register entry, not the document.
    expect(notices[0]?.text).not.toContain('대테러');
  });

  it('refuses to hand the late copy to an uncleared handler, and refuses a signature before the reading', async () => {
    await work('docclerk1', lateId, 'hand-over', { handler: 'clerk1' });
    await taskOf('docclerk1', lateId, 'hand-over');
    const [refused] = await audits(lateId, 'classified.handover-refused');
    expect(refused?.details).toEqual({
      reason: expect.stringMatching(/cleared for GRADE_II.*김민원 \(Clerk One\) \(clerk1\)/),
    });
    expect((await copies(lateId))[1]?.holderId).toBe(await userId('docclerk1'));

    await work('docclerk1', lateId, 'hand-over', { handler: 'planner1' });
    // The task came back past its hour; the security officer was told once, not again.
    expect(await audits(lateId, 'classified.handover-late')).toHaveLength(1);
    const handed = await eventually(async () => (await audits(lateId, 'classified.handed-over'))[0], {
      what: 'the late hand-over to be recorded',
    });
    expect(handed.details).toMatchObject({ copy: 2, late: true });

    // Completing without opening the task: no reading on record, so no signature.
    const read = await taskOf('planner1', lateId, 'read');
    const readsBefore = await stack.prisma.readingRecord.count({ where: { instanceId: lateId, reader: 'planner1' } });
    expect(readsBefore).toBe(0);
    await api()
      .post(`/api/tasks/${read.id}/complete`)
      .set(as('planner1'))
      .send({ variables: { signed: true } })
      .expect(200);
    await eventually(async () => ((await audits(lateId, 'classified.sign-refused')).length ? true : undefined));
    await work('planner1', lateId, 'read', { signed: true });
    await instanceEnded(lateId);
    expect((await mailTo('security1@onnara.local')).filter((mail) => mail.text.includes(lateId))).toHaveLength(1);
    const [receipt] = await receipts(lateId);
    expect(receipt?.signedAt).not.toBeNull();
    expect(await stack.prisma.readingRecord.count({ where: { instanceId: lateId, reader: 'planner1' } })).toBe(1);
  });

  it('carries out the 예고문 over the distributed copies: destroyed everywhere, or re-graded with the register', async () => {
    await carryOutReviewNotices(stack.prisma, new Date('2030-06-30T00:00:00Z'));
    expect((await copies(lateId)).map((copy) => copy.state)).toEqual(['DESTROYED', 'DESTROYED']);
    const destruction = await stack.prisma.destructionRecord.findFirstOrThrow({ where: { instanceId: lateId } });
    expect(destruction.removed).toMatchObject({ variables: expect.arrayContaining(['title', 'body']) as string[] });
    // The register entry, its receipts and the reading records stay.
    expect((await receipts(lateId)).map((receipt) => receipt.copyNumber)).toEqual([2]);
    // The approval document has its own entry with the same 예고문: its text goes too.
    const document = await stack.prisma.approvalDocument.findFirstOrThrow({ where: { replyKey: lateId } });
    expect(document.body).toBe(DESTROYED_BODY);
    expect(await stack.prisma.readingRecord.count({ where: { instanceId: lateId } })).toBeGreaterThan(0);

    await carryOutReviewNotices(stack.prisma, new Date('2031-12-31T00:00:00Z'));
    const entry = await stack.prisma.classifiedItem.findUniqueOrThrow({
      where: { instanceId: distributedId },
      include: { copies: true },
    });
    // Copies carry no grade of their own: every distributed copy is now III급 with its entry.
    expect(entry.grade).toBe('GRADE_III');
    expect(entry.copies.map((copy) => copy.state)).toEqual(['HELD', 'HELD', 'HELD']);
    const instance = await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: distributedId } });
    expect(instance.classification).toBe('GRADE_III');
  });
});
