/**
 * Comments and attachments on a task: written by anyone who may read the open task, listed with it, kept after it
 * closes; attachments limited to the allow-list of media types, checked against their bytes, and downloaded as
 * attachments with their stored type.
 */
import { createHash } from 'node:crypto';
import request from 'supertest';
import { uniqueProcessId } from '../support/bpmn';
import { startTestStack, type TestStack } from '../support/stack';
import { insertProcessInstance, insertTask } from '../support/tasks';

interface Attachment {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploader: string;
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const OLE = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);

describe('task comments and attachments', () => {
  let stack: TestStack;
  const tokens: Record<string, string> = {};
  let instance: string;
  const api = () => request(stack.app);
  const as = (username: string) => ({ Authorization: `Bearer ${tokens[username]}` });
  const attach = (id: string, username: string, bytes: Buffer, fileName: string, contentType: string) =>
    api()
      .post(`/api/tasks/${id}/attachments`)
      .set(as(username))
      .attach('file', bytes, { filename: fileName, contentType });

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    for (const username of ['clerk1', 'clerk2', 'clerk3']) tokens[username] = await stack.login(username);
    instance = await insertProcessInstance(stack, uniqueProcessId('notes'));
  });
  afterAll(() => stack.stop());

  describe('comments', () => {
    it('are written by those who may read the task, listed in order and shown with the task', async () => {
      const id = await insertTask(stack, instance, { assignee: 'clerk1' });

      const first = await api().post(`/api/tasks/${id}/comments`).set(as('clerk1')).send({ text: '서류 보완 요청함' });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ author: 'clerk1', text: '서류 보완 요청함' });
      await api().post(`/api/tasks/${id}/comments`).set(as('clerk3')).send({ text: '  확인했습니다 ' }).expect(201);

      const listed = await api().get(`/api/tasks/${id}/comments`).set(as('clerk1')).expect(200);
      expect((listed.body as { items: Array<{ author: string; text: string }> }).items).toEqual([
        expect.objectContaining({ author: 'clerk1', text: '서류 보완 요청함' }),
        expect.objectContaining({ author: 'clerk3', text: '확인했습니다' }),
      ]);
      const task = await api().get(`/api/tasks/${id}`).set(as('clerk3')).expect(200);
      expect((task.body as { comments: unknown[] }).comments).toHaveLength(2);
      const audited = await stack.prisma.auditLog.count({ where: { objectId: id, action: 'task.commented' } });
      expect(audited).toBe(2);
    });

    it('refuses an empty or overlong text (400), an outsider (404), and a closed task (409), writing nothing', async () => {
      const id = await insertTask(stack, instance);
      await api().post(`/api/tasks/${id}/comments`).set(as('clerk1')).send({ text: '   ' }).expect(400);
      await api()
        .post(`/api/tasks/${id}/comments`)
        .set(as('clerk1'))
        .send({ text: '가'.repeat(2001) })
        .expect(400);
      await api().post(`/api/tasks/${id}/comments`).set(as('clerk2')).send({ text: '남의 업무' }).expect(404);
      await api().get(`/api/tasks/${id}/comments`).set(as('clerk2')).expect(404);
      await stack.prisma.userTask.update({ where: { id }, data: { state: 'COMPLETED' } });
      const closed = await api().post(`/api/tasks/${id}/comments`).set(as('clerk1')).send({ text: '늦은 의견' });
      expect(closed.status).toBe(409);
      expect(await stack.prisma.taskComment.count({ where: { taskId: id } })).toBe(0);
    });

    it('stay readable after the task closes', async () => {
      const id = await insertTask(stack, instance, { assignee: 'clerk1' });
      await api().post(`/api/tasks/${id}/comments`).set(as('clerk1')).send({ text: '처리 완료' }).expect(201);
      await stack.prisma.userTask.update({ where: { id }, data: { state: 'COMPLETED' } });
      const task = await api().get(`/api/tasks/${id}`).set(as('clerk1')).expect(200);
      expect((task.body as { comments: Array<{ text: string }> }).comments.map((c) => c.text)).toEqual(['처리 완료']);
    });
  });

  describe('attachments', () => {
    it('stores a PDF with its hash, lists it with the task and downloads it as an attachment of its stored type', async () => {
      const id = await insertTask(stack, instance, { assignee: 'clerk1' });

      const uploaded = await attach(id, 'clerk1', PDF, '민원 신청서.pdf', 'application/pdf');
      expect(uploaded.status).toBe(201);
      const attachment = uploaded.body as Attachment;
      expect(attachment).toMatchObject({
        fileName: '민원 신청서.pdf',
        mediaType: 'application/pdf',
        size: PDF.length,
        sha256: createHash('sha256').update(PDF).digest('hex'),
        uploader: 'clerk1',
      });
      const task = await api().get(`/api/tasks/${id}`).set(as('clerk3')).expect(200);
      expect((task.body as { attachments: Attachment[] }).attachments).toEqual([attachment]);
      expect(JSON.stringify(task.body)).not.toContain('bytes');

      const download = await api()
        .get(`/api/tasks/${id}/attachments/${attachment.id}`)
        .set(as('clerk3'))
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.headers['x-content-type-options']).toBe('nosniff');
      expect(download.headers['content-disposition']).toMatch(/^attachment;.*filename\*=UTF-8''%EB%AF%BC%EC%9B%90/);
      expect(Buffer.compare(download.body as Buffer, PDF)).toBe(0);

      await api().get(`/api/tasks/${id}/attachments/${attachment.id}`).set(as('clerk2')).expect(404);
      const listed = await api().get(`/api/tasks/${id}/attachments`).set(as('clerk1')).expect(200);
      expect((listed.body as { items: Attachment[] }).items).toEqual([attachment]);
    });

    it('names an HWP document sent without a useful type by its extension, after checking its bytes', async () => {
      const id = await insertTask(stack, instance, { assignee: 'clerk1' });
      const uploaded = await attach(id, 'clerk1', OLE, '공문.hwp', 'application/octet-stream').expect(201);
      expect((uploaded.body as Attachment).mediaType).toBe('application/x-hwp');
      await attach(id, 'clerk1', OLE, '공문.hwp', 'application/haansofthwp').expect(201);
    });

    it('refuses a type outside the allow-list, bytes that are not what they claim, and no file, storing nothing', async () => {
      const id = await insertTask(stack, instance, { assignee: 'clerk1' });
      const html = Buffer.from('<html><script>alert(1)</script></html>');

      const page = await attach(id, 'clerk1', html, 'page.html', 'text/html');
      expect(page.status).toBe(415);
      const disguised = await attach(id, 'clerk1', html, 'report.pdf', 'application/pdf');
      expect(disguised.status).toBe(415);
      expect(disguised.body).toMatchObject({
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: expect.stringContaining('report.pdf'),
      });
      await attach(id, 'clerk1', OLE, 'binary.txt', 'text/plain').expect(415);
      await api().post(`/api/tasks/${id}/attachments`).set(as('clerk1')).field('note', 'x').expect(400);
      expect(await stack.prisma.taskAttachment.count({ where: { taskId: id } })).toBe(0);
    });

    it('refuses a file over the size limit with 413', async () => {
      const id = await insertTask(stack, instance, { assignee: 'clerk1' });
      const tooBig = Buffer.concat([PDF, Buffer.alloc(stack.config.MAX_ATTACHMENT_BYTES)]);
      await attach(id, 'clerk1', tooBig, 'big.pdf', 'application/pdf').expect(413);
      expect(await stack.prisma.taskAttachment.count({ where: { taskId: id } })).toBe(0);
    });

    it('refuses an outsider (404) and a closed task (409), and keeps the files of a closed task', async () => {
      const id = await insertTask(stack, instance, { assignee: 'clerk1' });
      await attach(id, 'clerk2', PDF, 'a.pdf', 'application/pdf').expect(404);
      await attach(id, 'clerk1', PDF, 'a.pdf', 'application/pdf').expect(201);
      await stack.prisma.userTask.update({ where: { id }, data: { state: 'COMPLETED' } });
      await attach(id, 'clerk1', PDF, 'b.pdf', 'application/pdf').expect(409);
      const task = await api().get(`/api/tasks/${id}`).set(as('clerk1')).expect(200);
      expect((task.body as { attachments: Attachment[] }).attachments.map((a) => a.fileName)).toEqual(['a.pdf']);
    });
  });
});
