/**
 * GET /api/audit and /api/audit/verify for auditors (everyone else gets 404), denials recorded in the trail, and
 * `npm run audit:verify` with its exit codes.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { createPrisma } from '../../platform/db';
import { cloneTemplateDatabase, startTestStack, type TestStack } from '../support/stack';
import { appendAudit } from '../../engine/audit';

jest.setTimeout(120_000);

interface AuditRow {
  id: string;
  at: string;
  actor: string | null;
  action: string;
  objectType: string;
  objectId: string;
  outcome: string;
  sourceAddress: string | null;
}

interface AuditPage {
  items: AuditRow[];
  nextCursor: string | null;
}

const ROOT = path.resolve(__dirname, '../..');

/** Runs `npm run audit:verify`'s script against a database; resolves its exit code and printed JSON. */
async function auditVerify(databaseUrl: string): Promise<{ code: number; verdict: Record<string, unknown> }> {
  const run = promisify(execFile)(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/audit-verify.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  const { stdout, code } = await run.then(
    ({ stdout }) => ({ stdout, code: 0 }),
    (error: { stdout: string; code: number }) => ({ stdout: error.stdout, code: error.code }),
  );
  return { code, verdict: JSON.parse(stdout) as Record<string, unknown> };
}

describe('the audit trail API', () => {
  let stack: TestStack;
  let auditor: string;
  let clerk: string;
  const api = () => request(stack.app);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const list = async (query: string) =>
    (await api().get(`/api/audit?${query}`).set(as(auditor)).expect(200)).body as AuditPage;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    auditor = await stack.login('auditor1');
    clerk = await stack.login('clerk1');
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('lets the auditor verify the chain: ok, with the rows checked and the head to note', async () => {
    const response = await api().get('/api/audit/verify').set(as(auditor)).expect(200);
    const count = await stack.prisma.auditLog.count();
    expect(response.body).toMatchObject({ ok: true, checked: count, head: { id: expect.any(String) } });
    expect(count).toBeGreaterThan(0);
  });

  it.each(['clerk1', 'manager1', 'analyst1', 'admin', 'security1'])(
    'answers %s 404 on the trail and on its verification, and records both attempts',
    async (username) => {
      const token = await stack.login(username);
      await api().get('/api/audit/verify').set(as(token)).expect(404);
      const list = await api().get('/api/audit').set(as(token)).expect(404);
      expect(list.body).toMatchObject({ code: 'NOT_FOUND' });
      const attempts = await stack.prisma.auditLog.count({
        where: { actor: username, objectType: 'AuditTrail', outcome: 'denied' },
      });
      expect(attempts).toBe(2);
    },
  );

  it('lists rows newest first, filtered by actor, action, object and time, a page at a time', async () => {
    const objectId = randomUUID();
    for (const action of ['test.first', 'test.second', 'test.third']) {
      await appendAudit(stack.prisma, { actor: 'clerk3', action, objectType: 'TestObject', objectId });
    }
    const actions = (page: AuditPage) => page.items.map((row) => row.action);
    expect(actions(await list(`objectType=TestObject&objectId=${objectId}`))).toEqual([
      'test.third',
      'test.second',
      'test.first',
    ]);

    const first = await list(`objectId=${objectId}&limit=2`);
    expect(actions(first)).toEqual(['test.third', 'test.second']);
    const second = await list(`objectId=${objectId}&limit=2&cursor=${first.nextCursor}`);
    expect(second).toMatchObject({ items: [{ action: 'test.first' }], nextCursor: null });

    const byAction = await list('actor=clerk3&action=test.second');
    expect(byAction.items).toEqual([expect.objectContaining({ objectId, actor: 'clerk3', outcome: 'success' })]);

    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await list(`objectId=${objectId}&from=${future}`)).items).toEqual([]);
    const bad = await api().get('/api/audit?from=yesterday').set(as(auditor)).expect(400);
    expect((bad.body as { message: string }).message).toContain('from');
  });

  it('records a 403 and a 404 of an authenticated caller as denied, from their address; not an anonymous 401', async () => {
    await api()
      .post('/api/calendar/holidays')
      .set(as(clerk))
      .send({ date: '2026-03-04', name: '임시공휴일' })
      .expect(403);
    const hidden = randomUUID();
    await api().get(`/api/process-instances/${hidden}`).set(as(clerk)).expect(404);
    const before = await stack.prisma.auditLog.count();
    await api().get(`/api/process-instances/${hidden}`).expect(401);
    expect(await stack.prisma.auditLog.count()).toBe(before);

    const rows = (await list('actor=clerk1&action=access.denied&limit=2')).items;
    expect(rows).toEqual([
      expect.objectContaining({ objectType: 'ProcessInstance', objectId: hidden, outcome: 'denied' }),
      expect.objectContaining({ objectType: 'Request', objectId: 'POST /api/calendar/holidays', outcome: 'denied' }),
    ]);
    expect(rows[0]?.sourceAddress).toMatch(/127\.0\.0\.1|::1/);
    const verified = await api().get('/api/audit/verify').set(as(auditor)).expect(200);
    expect(verified.body).toMatchObject({ ok: true });
  });

  it('npm run audit:verify prints the verdict and exits 0 on an intact chain, 1 on a broken one', async () => {
    const intact = await auditVerify(stack.databaseUrl);
    expect(intact).toMatchObject({ code: 0, verdict: { ok: true, checked: await stack.prisma.auditLog.count() } });

    // A second database, broken the way only its owner can: with the refusing trigger disabled for one UPDATE.
    const brokenUrl = await cloneTemplateDatabase();
    const broken = createPrisma(brokenUrl);
    try {
      for (let index = 0; index < 5; index++) {
        await appendAudit(broken, { actor: 'clerk1', action: 'test.row', objectType: 'Test', objectId: `${index}` });
      }
      const target = await broken.auditLog.findFirstOrThrow({ where: { objectId: '2' } });
      await broken.$transaction([
        broken.$executeRaw`ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_append_only"`,
        broken.$executeRaw`UPDATE "AuditLog" SET "actor" = 'mallory' WHERE "id" = ${target.id}`,
        broken.$executeRaw`ALTER TABLE "AuditLog" ENABLE TRIGGER "AuditLog_append_only"`,
      ]);
      const result = await auditVerify(brokenUrl);
      expect(result).toEqual({ code: 1, verdict: { ok: false, checked: 3, firstBrokenId: target.id.toString() } });
    } finally {
      await broken.$disconnect();
    }
  });
});
