/**
 * Drafts kept on the server between sessions: each is its owner's alone (another user, administrators included,
 * gets 404 and changes nothing), and only analysts and administrators keep them.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Role } from '../../api/auth/ability';
import { oneTaskProcess } from '../support/bpmn';
import { formSchema } from '../support/forms';
import { startTestStack, type TestStack } from '../support/stack';
import { addUser } from '../support/users';

interface Draft {
  key: string;
  xml: string;
  forms: Record<string, object>;
  updatedAt: string;
}

describe('drafts', () => {
  let stack: TestStack;
  let tokens: Record<'analyst1' | 'analyst2' | 'admin' | 'clerk1', string>;
  const api = () => request(stack.app);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const named = (xml: string, name: string) => xml.replace('isExecutable="true"', `name="${name}" isExecutable="true"`);
  const draftRow = (key: string) =>
    stack.prisma.draft.findFirstOrThrow({ where: { key, owner: { username: 'analyst1' } } });

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    await addUser(stack.prisma, 'analyst2', Role.BprAnalyst);
    tokens = {
      analyst1: await stack.login('analyst1'),
      analyst2: await stack.login('analyst2'),
      admin: await stack.login('admin'),
      clerk1: await stack.login('clerk1'),
    };
  });
  afterAll(() => stack.stop());

  it('saves, lists, reads, replaces and deletes the owner’s draft', async () => {
    const xml = named(oneTaskProcess('permit-draft'), '허가 신청 &amp; 검토');
    const forms = { 'permit-review': formSchema('permit-review') };
    const saved = await api().put('/api/drafts/permit-draft').set(as(tokens.analyst1)).send({ xml, forms }).expect(200);
    expect(saved.body).toEqual({ key: 'permit-draft', xml, forms, updatedAt: expect.any(String) });

    const listed = await api().get('/api/drafts').set(as(tokens.analyst1)).expect(200);
    expect(listed.body).toEqual([{ key: 'permit-draft', name: '허가 신청 & 검토', updatedAt: expect.any(String) }]);
    const read = await api().get('/api/drafts/permit-draft').set(as(tokens.analyst1)).expect(200);
    expect(read.body).toEqual(saved.body);

    const changed = oneTaskProcess('permit-draft', 'general-affairs');
    const replaced = await api()
      .put('/api/drafts/permit-draft')
      .set(as(tokens.analyst1))
      .send({ xml: changed })
      .expect(200);
    expect(replaced.body).toMatchObject({ xml: changed, forms: {} });
    expect(await stack.prisma.draft.count({ where: { key: 'permit-draft' } })).toBe(1);

    await api().delete('/api/drafts/permit-draft').set(as(tokens.analyst1)).expect(204);
    await api().get('/api/drafts/permit-draft').set(as(tokens.analyst1)).expect(404);
  });

  it('keeps a new diagram under new-<uuid>, and a draft larger than ordinary JSON bodies', async () => {
    const key = `new-${randomUUID()}`;
    const xml = oneTaskProcess('big').replace(
      '</bpmn:definitions>',
      `<!-- ${'x'.repeat(2 * 1024 * 1024)} --></bpmn:definitions>`,
    );
    await api().put(`/api/drafts/${key}`).set(as(tokens.analyst1)).send({ xml, forms: {} }).expect(200);
    expect((await draftRow(key)).xml).toBe(xml);
  });

  it('answers another analyst and an administrator 404 for the owner’s draft, and changes nothing', async () => {
    const xml = oneTaskProcess('private-draft');
    await api().put('/api/drafts/private-draft').set(as(tokens.analyst1)).send({ xml }).expect(200);
    const before = await draftRow('private-draft');
    for (const token of [tokens.analyst2, tokens.admin]) {
      await api().get('/api/drafts/private-draft').set(as(token)).expect(404);
      const deleted = await api().delete('/api/drafts/private-draft').set(as(token)).expect(404);
      expect(deleted.body).toMatchObject({ code: 'NOT_FOUND' });
      const listed = await api().get('/api/drafts').set(as(token)).expect(200);
      expect((listed.body as Array<{ key: string }>).map((draft) => draft.key)).not.toContain('private-draft');
    }
    // The same key saved by another analyst is their own draft beside the owner's.
    const theirs = oneTaskProcess('private-draft', 'general-affairs');
    await api().put('/api/drafts/private-draft').set(as(tokens.analyst2)).send({ xml: theirs }).expect(200);
    expect(await draftRow('private-draft')).toEqual(before);
    const own = await api().get('/api/drafts/private-draft').set(as(tokens.analyst1)).expect(200);
    expect((own.body as Draft).xml).toBe(xml);
  });

  it('lets a civil servant keep no drafts: 403 on saving, an empty list, 404 on reading', async () => {
    const refused = await api()
      .put('/api/drafts/clerk-draft')
      .set(as(tokens.clerk1))
      .send({ xml: oneTaskProcess('clerk-draft') })
      .expect(403);
    expect(refused.body).toMatchObject({ code: 'FORBIDDEN' });
    expect(await stack.prisma.draft.count({ where: { key: 'clerk-draft' } })).toBe(0);
    await api()
      .put('/api/drafts/private-draft')
      .set(as(tokens.analyst1))
      .send({ xml: oneTaskProcess('x') })
      .expect(200);
    expect((await api().get('/api/drafts').set(as(tokens.clerk1)).expect(200)).body).toEqual([]);
    await api().get('/api/drafts/private-draft').set(as(tokens.clerk1)).expect(404);
  });

  it('refuses a key that is no process id and a body without XML or with forms that are not schemas', async () => {
    const bad = [
      { key: 'has%20space', body: { xml: '<x/>' } },
      { key: 'ok-key', body: { forms: {} } },
      { key: 'ok-key', body: { xml: '<x/>', forms: { f: 'not a schema' } } },
    ];
    for (const { key, body } of bad) {
      const response = await api().put(`/api/drafts/${key}`).set(as(tokens.analyst1)).send(body).expect(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect(await stack.prisma.draft.count({ where: { key: 'ok-key' } })).toBe(0);
  });
});
