/**
 * Classified handling end to end on the real stack (docs/classified.md): a II급 instance is out of reach of an
 * uncleared colleague (list, detail, claim, assignment, approval line); a cleared reader on the need-to-know list
 * reads it and the signed reading record is committed before the content is returned, or no content is returned;
 * a clearance ends at its expiry; the security officer keeps clearances, lists, copies and dispatches.
 */
import request from 'supertest';
import { deployResource } from '../../engine/deployments';
import { readingSignatureValid } from '../../engine/classified/reading-record';
import { recordSigningKey } from '../../platform/config';
import { deployReferenceProcesses } from '../../scripts/seed';
import { oneTaskProcess, uniqueProcessId } from '../support/bpmn';
import { startTestStack, type TestStack } from '../support/stack';
import { eventuallyFound } from '../support/wait';

const PEOPLE = ['clerk1', 'clerk3', 'lead1', 'director1', 'security1', 'admin'] as const;
type Username = (typeof PEOPLE)[number];

interface InstanceDto {
  id: string;
  classification: string | null;
  variables: Record<string, unknown>;
}
interface TaskDto {
  id: string;
  processInstanceId: string;
  assignee: string | null;
  classification: string | null;
  variables: Record<string, unknown>;
}

/** The parts of a response body a test reads, typed. */
const errorOf = (response: { body: unknown }) => response.body as { code: string; message: string };
const itemsOf = <T>(response: { body: unknown }) => (response.body as { items: T[] }).items;

const IN_A_YEAR = () => new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();
const REVIEW = { reviewOn: '2031-12-31', reviewAction: 'regrade:GRADE_III' };

describe('classified handling', () => {
  let stack: TestStack;
  let processId: string;
  const tokens = {} as Record<Username, string>;
  const ids = {} as Record<Username, string>;
  const api = () => request(stack.app);
  const as = (username: Username) => ({ Authorization: `Bearer ${tokens[username]}` });

  beforeAll(async () => {
    stack = await startTestStack();
    await deployReferenceProcesses(stack.deps);
    processId = uniqueProcessId('classified');
    await deployResource(stack.deps, { xml: oneTaskProcess(processId), resourceName: `${processId}.bpmn` });
    for (const username of PEOPLE) {
      tokens[username] = await stack.login(username);
      ids[username] = (await stack.prisma.user.findUniqueOrThrow({ where: { username } })).id;
    }
  });
  afterAll(() => stack.stop());

  /** A II급 instance lead1 started, once its task (offered to civil-affairs: lead1 and clerk1) is open. */
  async function startSecret(variables: Record<string, unknown> = { petitioner: '홍길동' }): Promise<InstanceDto> {
    const response = await api()
      .post('/api/process-instances')
      .set(as('lead1'))
      .send({ processId, variables, classification: 'GRADE_II', ...REVIEW })
      .expect(201);
    const instance = response.body as InstanceDto;
    await openTask(instance.id);
    return instance;
  }

  function openTask(instanceId: string): Promise<{ id: string }> {
    return eventuallyFound(
      () => stack.prisma.userTask.findFirst({ where: { processInstanceId: instanceId } }),
      `the task of ${instanceId}`,
    );
  }

  const readingsOf = (instanceId: string) =>
    stack.prisma.readingRecord.findMany({ where: { instanceId }, orderBy: { id: 'asc' } });

  describe('classifying at the start', () => {
    it('registers the instance with copy 1 held by the starter, who is on its need-to-know list', async () => {
      const instance = await startSecret();

      expect(instance.classification).toBe('GRADE_II');
      const entry = await api().get(`/api/security/register/${instance.id}`).set(as('security1')).expect(200);
      expect(entry.body).toMatchObject({
        grade: 'GRADE_II',
        originatorId: ids.lead1,
        reviewAction: 'REGRADE',
        reviewGrade: 'GRADE_III',
        copies: [{ number: 1, holderId: ids.lead1, state: 'HELD' }],
      });
      const list = await api().get(`/api/process-instances/${instance.id}/need-to-know`).set(as('lead1')).expect(200);
      expect((list.body as { items: Array<{ username: string }> }).items.map((row) => row.username)).toEqual(['lead1']);
    });

    it('refuses a starter who is not cleared for the grade, and starts nothing', async () => {
      const before = await stack.prisma.processInstance.count({ where: { bpmnProcessId: processId } });

      const refused = await api()
        .post('/api/process-instances')
        .set(as('clerk1'))
        .send({ processId, variables: {}, classification: 'GRADE_II', ...REVIEW })
        .expect(403);

      expect(errorOf(refused).code).toBe('FORBIDDEN');
      expect(await stack.prisma.processInstance.count({ where: { bpmnProcessId: processId } })).toBe(before);
    });

    it('refuses a classification without its 예고문, or with one that does not lower the grade', async () => {
      for (const review of [{}, { reviewOn: '2031-12-31', reviewAction: 'regrade:GRADE_I' }]) {
        await api()
          .post('/api/process-instances')
          .set(as('lead1'))
          .send({ processId, variables: {}, classification: 'GRADE_II', ...review })
          .expect(400);
      }
    });
  });

  describe('an uncleared colleague', () => {
    it('does not find a II급 instance offered to their own group, nor its task', async () => {
      const instance = await startSecret();
      const task = await openTask(instance.id);

      const instances = await api().get('/api/process-instances').set(as('clerk1')).expect(200);
      expect((instances.body as { items: InstanceDto[] }).items.map((row) => row.id)).not.toContain(instance.id);
      const queue = await api().get('/api/tasks').set(as('clerk1')).expect(200);
      expect((queue.body as { items: TaskDto[] }).items.map((row) => row.id)).not.toContain(task.id);
    });

    it('cannot open, claim or be assigned a II급 instance offered to their own group', async () => {
      const instance = await startSecret();
      const task = await openTask(instance.id);

      await api().get(`/api/process-instances/${instance.id}`).set(as('clerk1')).expect(404);
      await api().get(`/api/process-instances/${instance.id}/variables/history`).set(as('clerk1')).expect(404);
      await api().get(`/api/tasks/${task.id}`).set(as('clerk1')).expect(404);
      await api().post(`/api/tasks/${task.id}/claim`).set(as('clerk1')).expect(404);

      await api().post(`/api/tasks/${task.id}/claim`).set(as('lead1')).expect(200);
      const assigned = await api()
        .post(`/api/tasks/${task.id}/assign`)
        .set(as('lead1'))
        .send({ userId: 'clerk1' })
        .expect(422);
      expect(errorOf(assigned).code).toBe('CLEARANCE_INSUFFICIENT');
      expect(errorOf(assigned).message).toContain('clerk1');
      const delegated = await api()
        .post(`/api/tasks/${task.id}/delegate`)
        .set(as('lead1'))
        .send({ userId: 'clerk1' })
        .expect(422);
      expect(errorOf(delegated).message).toContain('clerk1');
      const row = await stack.prisma.userTask.findUniqueOrThrow({ where: { id: task.id } });
      expect(row).toMatchObject({ assignee: 'lead1', delegationState: 'NONE' });
      // Only lead1 read it: the task as their claim returned it.
      expect((await readingsOf(instance.id)).map((reading) => reading.reader)).toEqual(['lead1']);
    });

    it('once cleared, may be assigned the task and is put on the need-to-know list', async () => {
      const instance = await startSecret();
      const task = await openTask(instance.id);
      await api()
        .put(`/api/security/clearances/${ids.clerk3}`)
        .set(as('security1'))
        .send({ grade: 'GRADE_II', expiresAt: IN_A_YEAR() })
        .expect(200);
      try {
        await api().post(`/api/tasks/${task.id}/claim`).set(as('lead1')).expect(200);
        await api().post(`/api/tasks/${task.id}/assign`).set(as('lead1')).send({ userId: 'clerk3' }).expect(200);

        const listed = await stack.prisma.needToKnow.findMany({ where: { instanceId: instance.id } });
        expect(listed.map((row) => row.userId).sort()).toEqual([ids.clerk3, ids.lead1].sort());
        await api().get(`/api/tasks/${task.id}`).set(as('clerk3')).expect(200);
      } finally {
        await api().delete(`/api/security/clearances/${ids.clerk3}`).set(as('security1')).expect(204);
      }
    });

    it('sees a classified task in a list without its content', async () => {
      const instance = await startSecret({ petitioner: '홍길동' });
      const task = await openTask(instance.id);

      const queue = await api().get('/api/tasks').set(as('lead1')).expect(200);
      const listed = (queue.body as { items: TaskDto[] }).items.find((row) => row.id === task.id);

      expect(listed).toMatchObject({ classification: 'GRADE_II', variables: {} });
      expect(await readingsOf(instance.id)).toHaveLength(0);
    });

    it('cannot be put on the line of a II급 document: refused when the line is built, naming them', async () => {
      const before = await stack.prisma.approvalDocument.count();

      const refused = await api()
        .post('/api/approvals')
        .set(as('lead1'))
        .send({
          title: '보안 점검 결과 보고',
          body: '비밀 본문',
          documentType: 'report',
          line: [
            { kind: 'review', userId: ids.clerk1 },
            { kind: 'approve', userId: ids.director1 },
          ],
          classification: 'GRADE_II',
          ...REVIEW,
        })
        .expect(422);

      expect(errorOf(refused).code).toBe('APPROVAL_LINE_UNCLEARED');
      expect(errorOf(refused).message).toContain('clerk1');
      expect(errorOf(refused).message).not.toContain('director1');
      expect(await stack.prisma.approvalDocument.count()).toBe(before);
    });

    it('cannot be put on a need-to-know list (422 naming them); a cleared person can', async () => {
      const instance = await startSecret();

      const refused = await api()
        .post(`/api/process-instances/${instance.id}/need-to-know`)
        .set(as('security1'))
        .send({ userId: ids.clerk1 })
        .expect(422);
      expect(errorOf(refused).message).toContain('clerk1');
      await api()
        .post(`/api/process-instances/${instance.id}/need-to-know`)
        .set(as('security1'))
        .send({ userId: ids.director1 })
        .expect(201);
      await api()
        .post(`/api/process-instances/${instance.id}/need-to-know`)
        .set(as('clerk1'))
        .send({ userId: ids.clerk1 })
        .expect(404);

      const rows = await stack.prisma.needToKnow.findMany({ where: { instanceId: instance.id } });
      expect(rows.map((row) => row.userId).sort()).toEqual([ids.director1, ids.lead1].sort());
    });
  });

  describe('the reading record', () => {
    it('holds a signed entry of a cleared reader’s view, committed before the content was returned', async () => {
      const instance = await startSecret({ petitioner: '홍길동' });

      const response = await api().get(`/api/process-instances/${instance.id}`).set(as('lead1')).expect(200);
      const answeredAt = new Date();

      expect((response.body as InstanceDto).variables).toEqual({ petitioner: '홍길동' });
      const [reading] = await readingsOf(instance.id);
      expect(reading).toMatchObject({ reader: 'lead1', itemType: 'instance', itemId: instance.id, grade: 'GRADE_II' });
      expect(reading!.sourceAddress).toBeTruthy();
      expect(reading!.readAt.getTime()).toBeLessThanOrEqual(answeredAt.getTime());
      expect(readingSignatureValid(recordSigningKey(stack.config), reading!)).toBe(true);
      expect(readingSignatureValid(recordSigningKey(stack.config), { ...reading!, reader: 'clerk1' })).toBe(false);

      const records = await api()
        .get(`/api/security/reading-records?instanceId=${instance.id}`)
        .set(as('security1'))
        .expect(200);
      expect(itemsOf(records)).toEqual([expect.objectContaining({ reader: 'lead1', signatureValid: true })]);
      await api().get(`/api/security/reading-records?instanceId=${instance.id}`).set(as('admin')).expect(403);
    });

    it('records a document read by someone on its line, who was put on the need-to-know list', async () => {
      const submitted = await api()
        .post('/api/approvals')
        .set(as('lead1'))
        .send({
          title: '보안 점검 결과 보고',
          body: '비밀 본문',
          documentType: 'report',
          line: [{ kind: 'approve', userId: ids.director1 }],
          classification: 'GRADE_II',
          ...REVIEW,
        })
        .expect(201);
      const { id, processInstanceId } = submitted.body as { id: string; processInstanceId: string };

      const read = await api().get(`/api/approvals/${id}`).set(as('director1')).expect(200);

      expect((read.body as { body: string }).body).toBe('비밀 본문');
      const readers = (await readingsOf(processInstanceId)).map((reading) => `${reading.reader}:${reading.itemType}`);
      expect(readers).toEqual(['lead1:approval-document', 'director1:approval-document']);
      const listed = await api().get('/api/approvals?role=on-line').set(as('director1')).expect(200);
      expect(itemsOf<{ id: string; body: string }>(listed).find((doc) => doc.id === id)?.body).toBe('');
    });

    it('returns no content when the record cannot be written', async () => {
      const instance = await startSecret({ petitioner: '홍길동' });
      await stack.prisma.$executeRawUnsafe(`
        CREATE FUNCTION refuse_reading() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'reading records are unavailable'; END $$`);
      await stack.prisma.$executeRawUnsafe(
        'CREATE TRIGGER refuse_reading BEFORE INSERT ON "ReadingRecord" FOR EACH ROW EXECUTE FUNCTION refuse_reading()',
      );
      try {
        const response = await api().get(`/api/process-instances/${instance.id}`).set(as('lead1')).expect(503);

        expect(errorOf(response).code).toBe('READING_RECORD_UNAVAILABLE');
        expect(JSON.stringify(response.body)).not.toContain('홍길동');
      } finally {
        await stack.prisma.$executeRawUnsafe('DROP TRIGGER refuse_reading ON "ReadingRecord"');
        await stack.prisma.$executeRawUnsafe('DROP FUNCTION refuse_reading()');
      }
      expect(await readingsOf(instance.id)).toHaveLength(0);
    });
  });

  describe('clearances', () => {
    it('are granted and revoked by the security officer only, audited', async () => {
      await api().get('/api/security/clearances').set(as('admin')).expect(403);
      await api().get('/api/security/clearances').set(as('clerk1')).expect(403);
      await api()
        .put(`/api/security/clearances/${ids.clerk1}`)
        .set(as('security1'))
        .send({ grade: 'GRADE_III', expiresAt: new Date(Date.now() - 1000).toISOString() })
        .expect(400);

      await api()
        .put(`/api/security/clearances/${ids.clerk1}`)
        .set(as('security1'))
        .send({ grade: 'GRADE_III', expiresAt: IN_A_YEAR() })
        .expect(200);
      const listed = await api().get('/api/security/clearances').set(as('security1')).expect(200);
      expect(itemsOf(listed)).toContainEqual(expect.objectContaining({ username: 'clerk1', grade: 'GRADE_III' }));
      await api().delete(`/api/security/clearances/${ids.clerk1}`).set(as('security1')).expect(204);

      expect(await stack.prisma.clearance.findUnique({ where: { userId: ids.clerk1 } })).toBeNull();
      const audit = await stack.prisma.auditLog.findMany({
        where: { objectType: 'Clearance', objectId: ids.clerk1 },
        orderBy: { id: 'asc' },
      });
      expect(audit.map((row) => row.action)).toEqual(['clearance.granted', 'clearance.revoked']);
    });

    it('ends at its expiry: the next request of the same session no longer opens the instance', async () => {
      const instance = await startSecret();
      await api().get(`/api/process-instances/${instance.id}`).set(as('lead1')).expect(200);

      await stack.prisma.clearance.update({
        where: { userId: ids.lead1 },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      try {
        await api().get(`/api/process-instances/${instance.id}`).set(as('lead1')).expect(404);
      } finally {
        await stack.prisma.clearance.update({ where: { userId: ids.lead1 }, data: { expiresAt: IN_A_YEAR() } });
      }
      await api().get(`/api/process-instances/${instance.id}`).set(as('lead1')).expect(200);
    });
  });

  describe('copies and dispatch', () => {
    it('numbers copies 1..n and dispatches a II급 copy by secret mail', async () => {
      const instance = await startSecret();

      const copy = await api()
        .post(`/api/security/register/${instance.id}/copies`)
        .set(as('security1'))
        .send({ holderId: ids.director1 })
        .expect(201);
      expect(copy.body).toMatchObject({ number: 2, holderId: ids.director1 });
      await api()
        .post(`/api/security/register/${instance.id}/copies`)
        .set(as('security1'))
        .send({ holderId: ids.clerk1 })
        .expect(422);
      await api()
        .post(`/api/security/register/${instance.id}/dispatches`)
        .set(as('security1'))
        .send({ copyNumber: 2, channel: 'SECRET_MAIL', recipient: '행정안전부 보안정책과' })
        .expect(201);

      const entry = await api().get(`/api/security/register/${instance.id}`).set(as('security1')).expect(200);
      const { copies } = entry.body as { copies: Array<{ number: number; state: string }> };
      expect(copies.map((row) => `${row.number}:${row.state}`)).toEqual(['1:HELD', '2:DISPATCHED']);
    });

    it('sends an I급 copy only encrypted or by a cleared carrier, and copies it only with the originator’s leave', async () => {
      const instance = await startSecret();
      // An I급 item: only security1 is cleared that high in the demo organisation, and re-grading up is a register
      // correction the officer makes by hand, as here.
      await stack.prisma.classifiedItem.update({ where: { instanceId: instance.id }, data: { grade: 'GRADE_I' } });
      const dispatch = (body: Record<string, unknown>) =>
        api()
          .post(`/api/security/register/${instance.id}/dispatches`)
          .set(as('security1'))
          .send({ copyNumber: 1, recipient: '국가정보원', ...body });

      expect(errorOf(await dispatch({ channel: 'REGISTERED_MAIL' }).expect(422)).code).toBe('DISPATCH_CHANNEL_REFUSED');
      expect(errorOf(await dispatch({ channel: 'SECRET_MAIL' }).expect(422)).code).toBe('DISPATCH_CHANNEL_REFUSED');
      await dispatch({ channel: 'HAND_DELIVERY', carrierId: ids.director1 }).expect(422);
      const copyBySomeoneElse = () =>
        api()
          .post(`/api/security/register/${instance.id}/copies`)
          .set(as('security1'))
          .send({ holderId: ids.security1 });
      expect(errorOf(await copyBySomeoneElse().expect(403)).code).toBe('COPY_NOT_PERMITTED');
      await api().post(`/api/security/register/${instance.id}/copy-permission`).set(as('security1')).expect(404);
      await api().post(`/api/security/register/${instance.id}/copy-permission`).set(as('lead1')).expect(200);
      await copyBySomeoneElse().expect(201);
      await dispatch({ channel: 'HAND_DELIVERY', carrierId: ids.security1 }).expect(201);

      const dispatches = await stack.prisma.classifiedDispatch.findMany({ where: { instanceId: instance.id } });
      expect(dispatches.map((row) => row.channel)).toEqual(['HAND_DELIVERY']);
    });
  });
});
