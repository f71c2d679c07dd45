/**
 * The 예고문 scan (engine/classified/review.ts) against the database, at chosen instants: at its review date an item
 * is re-graded, declassified or destroyed as its notice says, once, and audited; destruction removes the content,
 * keeps a DestructionRecord and leaves the register entry and the reading records in place.
 */
import { randomUUID } from 'node:crypto';
import { carryOutReviewNotices, DESTROYED_BODY } from '../../engine/classified/review';
import { CLASSIFIED_REVIEW_WORKFLOW } from '../../shared/workflow-contract';
import type { ReviewAction, SecurityGrade } from '../../prisma/generated/client';
import { recordHistory } from '../support/histories';
import { startTestStack, type TestStack } from '../support/stack';
import { insertProcessInstance } from '../support/tasks';

const REVIEW_ON = new Date('2027-03-01T00:00:00Z');
const BEFORE = new Date('2027-02-28T23:59:59Z');
const ON_THE_DAY = new Date('2027-03-01T09:00:00Z');

describe('the 예고문 scan', () => {
  let stack: TestStack;
  let lead1: string;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    lead1 = (await stack.prisma.user.findUniqueOrThrow({ where: { username: 'lead1' } })).id;
  });
  afterAll(() => stack.stop());

  /** A II급 instance (rows only) with the given notice, due on REVIEW_ON. */
  async function classified(action: ReviewAction, reviewGrade: SecurityGrade | null = null): Promise<string> {
    const instanceId = await insertProcessInstance(stack, `review-${randomUUID()}`, { petitioner: '홍길동' });
    await stack.prisma.processInstance.update({ where: { id: instanceId }, data: { classification: 'GRADE_II' } });
    await stack.prisma.variableChange.create({
      data: { processInstanceId: instanceId, name: 'petitioner', value: '홍길동', at: new Date(), source: 'start' },
    });
    await stack.prisma.classifiedItem.create({
      data: {
        instanceId,
        grade: 'GRADE_II',
        originatorId: lead1,
        reviewOn: REVIEW_ON,
        reviewAction: action,
        reviewGrade,
        copies: { create: [{ number: 1, holderId: lead1 }] },
      },
    });
    return instanceId;
  }

  it('does nothing before the review date, and each notice once on it', async () => {
    const regraded = await classified('REGRADE', 'GRADE_III');
    const declassified = await classified('DECLASSIFY');

    const early = await carryOutReviewNotices(stack.prisma, BEFORE);
    expect(early.map((done) => done.instanceId)).not.toContain(regraded);
    expect(early.map((done) => done.instanceId)).not.toContain(declassified);
    expect((await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: regraded } })).classification).toBe(
      'GRADE_II',
    );

    const done = await carryOutReviewNotices(stack.prisma, ON_THE_DAY);
    expect(done).toEqual(
      expect.arrayContaining([
        { instanceId: regraded, action: 'REGRADE' },
        { instanceId: declassified, action: 'DECLASSIFY' },
      ]),
    );
    const instance = (id: string) => stack.prisma.processInstance.findUniqueOrThrow({ where: { id } });
    expect((await instance(regraded)).classification).toBe('GRADE_III');
    expect((await stack.prisma.classifiedItem.findUniqueOrThrow({ where: { instanceId: regraded } })).grade).toBe(
      'GRADE_III',
    );
    expect((await instance(declassified)).classification).toBeNull();
    expect((await instance(declassified)).variables).toEqual({ petitioner: '홍길동' });
    const audit = await stack.prisma.auditLog.findMany({ where: { objectId: { in: [regraded, declassified] } } });
    expect(audit.map((row) => row.action).sort()).toEqual(['classified.declassify', 'classified.regrade']);

    const again = await carryOutReviewNotices(stack.prisma, new Date('2027-06-01T00:00:00Z'));
    expect(again.map((row) => row.instanceId)).not.toContain(regraded);
  });

  it('destroys the content of an instance and its document, recording who, when and what', async () => {
    const instanceId = await classified('DESTROY');
    const document = await stack.prisma.approvalDocument.create({
      data: {
        title: '비밀 보고',
        body: '비밀 본문',
        documentType: 'report',
        drafterId: lead1,
        requestedLine: [],
        cooperation: 'sequential',
        processInstanceId: instanceId,
        classification: 'GRADE_II',
      },
    });
    await stack.prisma.classifiedItem.update({ where: { instanceId }, data: { documentId: document.id } });
    await stack.prisma.readingRecord.create({
      data: {
        instanceId,
        itemType: 'instance',
        itemId: instanceId,
        grade: 'GRADE_II',
        readerId: lead1,
        reader: 'lead1',
        readAt: new Date(),
        signature: 'kept',
      },
    });

    await carryOutReviewNotices(stack.prisma, ON_THE_DAY);

    const instance = await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } });
    expect(instance.variables).toEqual({});
    const history = await stack.prisma.variableChange.findMany({ where: { processInstanceId: instanceId } });
    expect(history.map((row) => row.value)).toEqual([null]);
    const destroyed = await stack.prisma.approvalDocument.findUniqueOrThrow({ where: { id: document.id } });
    expect(destroyed.body).toBe(DESTROYED_BODY);
    const [record] = await stack.prisma.destructionRecord.findMany({ where: { instanceId } });
    expect(record).toMatchObject({
      documentId: document.id,
      grade: 'GRADE_II',
      destroyedBy: null,
      destroyedAt: ON_THE_DAY,
      removed: { variables: ['petitioner'], documentBody: true },
    });
    const copies = await stack.prisma.classifiedCopy.findMany({ where: { instanceId } });
    expect(copies.map((copy) => copy.state)).toEqual(['DESTROYED']);
    expect(await stack.prisma.readingRecord.count({ where: { instanceId } })).toBe(1);
    expect(await stack.prisma.auditLog.count({ where: { objectId: instanceId, action: 'classified.destroy' } })).toBe(
      1,
    );
  });
});

describe('the scheduled scan on Temporal', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.stop());

  it('one run of the scan workflow carries out a notice whose date has passed', async () => {
    const lead1 = (await stack.prisma.user.findUniqueOrThrow({ where: { username: 'lead1' } })).id;
    const instanceId = await insertProcessInstance(stack, `review-${randomUUID()}`, {});
    await stack.prisma.processInstance.update({ where: { id: instanceId }, data: { classification: 'GRADE_III' } });
    await stack.prisma.classifiedItem.create({
      data: {
        instanceId,
        grade: 'GRADE_III',
        originatorId: lead1,
        reviewOn: new Date(Date.now() - 86_400_000),
        reviewAction: 'DECLASSIFY',
        copies: { create: [{ number: 1, holderId: lead1 }] },
      },
    });

    const workflowId = `classified-review-${randomUUID()}`;
    await stack.temporal.workflow.execute(CLASSIFIED_REVIEW_WORKFLOW, {
      workflowId,
      taskQueue: stack.config.TEMPORAL_TASK_QUEUE,
      args: [],
    });

    const instance = await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } });
    expect(instance.classification).toBeNull();
    await recordHistory(stack.temporal, workflowId, 'classified-review-scan');
  });
});
