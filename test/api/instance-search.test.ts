/** GET /api/process-instances: filters, bad input, keyset paging, counts, CSV, and who sees what. */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Prisma } from '../../platform/db';
import { startTestStack, type TestStack } from '../support/stack';
import { insertTask, orgUnitId, rowsOnlyGraph } from '../support/tasks';

type Row = Partial<Omit<Prisma.ProcessInstanceUncheckedCreateInput, 'id' | 'definitionId' | 'bpmnProcessId'>> & {
  processId?: string;
};
interface Item {
  id: string;
  processId: string;
  version: number;
  businessKey: string | null;
  state: string;
  startedBy: string | null;
  openTasks: number;
  openIncidents: number;
}

describe('searching process instances', () => {
  let stack: TestStack;
  let admin: string;
  const api = () => request(stack.app);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const definitions = new Map<string, string>();

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    admin = await stack.login('admin');
  });
  afterAll(() => stack.stop());

  /** An index row without a workflow: the search reads only PostgreSQL. */
  async function instance({ processId = 'search-a', version = 1, ...fields }: Row = {}): Promise<string> {
    const key = `${processId}@${version}`;
    if (!definitions.has(key)) {
      const definition = await stack.prisma.processDefinition.create({
        data: {
          bpmnProcessId: processId,
          version,
          xml: '<definitions />',
          graph: rowsOnlyGraph(processId),
          contentHash: key,
        },
      });
      definitions.set(key, definition.id);
    }
    const id = randomUUID();
    await stack.prisma.processInstance.create({
      data: { id, definitionId: definitions.get(key)!, bpmnProcessId: processId, version, ...fields },
    });
    return id;
  }

  async function search(query: string, token = admin): Promise<Item[]> {
    const response = await api().get(`/api/process-instances?${query}`).set(as(token)).expect(200);
    return (response.body as { items: Item[] }).items;
  }
  const ids = (items: Item[]) => items.map((item) => item.id).sort();
  const userId = async (username: string) => (await stack.prisma.user.findUniqueOrThrow({ where: { username } })).id;

  it('filters by process and version, state, business key, windows, variables, overdue, incident and department', async () => {
    const p = 'filters';
    const v1 = await instance({
      processId: p,
      businessKey: '2026-민원-001',
      startedAt: new Date('2026-03-02T01:00:00Z'),
      variables: { amount: 5, applicant: { name: '김민원' }, channel: 'web' },
      startedById: await userId('clerk2'),
    });
    const v2 = await instance({
      processId: p,
      version: 2,
      businessKey: '2026-민원-002',
      startedAt: new Date('2026-03-05T01:00:00Z'),
      variables: { amount: '5', channel: 'visit' },
      startedById: await userId('planner1'),
    });
    const done = await instance({
      processId: p,
      businessKey: '2025-민원-100',
      state: 'COMPLETED',
      startedAt: new Date('2025-12-01T01:00:00Z'),
      endedAt: new Date('2025-12-03T01:00:00Z'),
    });
    const stuck = await instance({ processId: p, state: 'INCIDENT', startedAt: new Date('2026-03-06T01:00:00Z') });
    await stack.prisma.incident.create({
      data: {
        id: randomUUID(),
        processInstanceId: stuck,
        elementId: 'call',
        elementInstanceId: 'call#1',
        message: 'x',
      },
    });
    const civilAffairs = await orgUnitId(stack, 'civil-affairs');
    await insertTask(stack, stuck, { dueAt: new Date('2026-01-01T00:00:00Z'), orgUnitId: civilAffairs });
    await insertTask(stack, v2, { dueAt: new Date(Date.now() + 86_400_000) });

    expect(ids(await search(`processId=${p}`))).toEqual([v1, v2, done, stuck].sort());
    expect(ids(await search(`processId=${p}&version=2`))).toEqual([v2]);
    expect(ids(await search(`processId=${p}&state=COMPLETED,INCIDENT`))).toEqual([done, stuck].sort());
    expect(ids(await search(`processId=${p}&state=COMPLETED&state=ACTIVE`))).toEqual([v1, v2, done].sort());
    expect(ids(await search(`businessKey=${encodeURIComponent('2026-민원-001')}`))).toEqual([v1]);
    expect(ids(await search(`businessKeyPrefix=${encodeURIComponent('2026-민원')}`))).toEqual([v1, v2].sort());
    expect(ids(await search(`processId=${p}&startedAfter=2026-03-01&startedBefore=2026-03-06`))).toEqual(
      [v1, v2].sort(),
    );
    expect(ids(await search(`processId=${p}&endedAfter=2025-12-02&endedBefore=2025-12-04`))).toEqual([done]);
    // A number matches the number only; quoted, the text only; a nested name is a path.
    expect(ids(await search(`processId=${p}&var.amount=5`))).toEqual([v1]);
    expect(ids(await search(`processId=${p}&var.amount=%225%22`))).toEqual([v2]);
    expect(ids(await search(`processId=${p}&var.applicant.name=${encodeURIComponent('김민원')}`))).toEqual([v1]);
    expect(ids(await search(`processId=${p}&var.channel=visit&var.amount=%225%22`))).toEqual([v2]);
    expect(ids(await search(`processId=${p}&overdue=true`))).toEqual([stuck]);
    expect(ids(await search(`processId=${p}&incident=true`))).toEqual([stuck]);
    expect(ids(await search(`processId=${p}&incident=false&overdue=false`))).toEqual([v1, v2, done].sort());
    // The admin bureau holds general affairs (clerk2 started v1) and civil affairs (the stuck one's task).
    expect(ids(await search(`processId=${p}&orgUnitId=${await orgUnitId(stack, 'admin-bureau')}`))).toEqual(
      [v1, stuck].sort(),
    );

    const [row] = await search(`processId=${p}&incident=true`);
    expect(row).toMatchObject({ processId: p, version: 1, state: 'INCIDENT', openTasks: 1, openIncidents: 1 });
    expect((await search(`businessKey=${encodeURIComponent('2026-민원-001')}`))[0]).toMatchObject({
      startedBy: 'clerk2',
      openTasks: 0,
    });

    const count = await api().get(`/api/process-instances/count?processId=${p}`).set(as(admin)).expect(200);
    expect(count.body).toEqual({ total: 4, byState: { ACTIVE: 2, COMPLETED: 1, CANCELED: 0, INCIDENT: 1 } });
  });

  it.each([
    ['unknown fields, named', 'processId=x&colour=red&sortBy=x', /colour, sortBy/],
    [
      'an end before the start',
      'startedAfter=2026-03-02&startedBefore=2026-03-01',
      /startedBefore: is before startedAfter/,
    ],
    [
      'a window of more than ten years',
      'endedAfter=2000-01-01&endedBefore=2026-01-01',
      /endedBefore: is more than 10 years/,
    ],
    ['an unparseable date', 'startedAfter=yesterday', /startedAfter: must be an ISO 8601/],
    ['an injection in a variable name', "var.a')--=1", /var\.a'\)--: is no variable name/],
    ['SQL in a variable name', 'var.a%3BDROP%20TABLE%20x=1', /is no variable name/],
    ['a repeated variable', 'var.a=1&var.a=2', /var\.a: give one value/],
    ['an unknown state', 'state=RUNNING', /state/],
    ['a page too large', 'limit=201', /limit/],
    ['a forged cursor', 'cursor=bm90LWEtY3Vyc29y', /cursor/],
    ['an unknown sort', 'sort=variables', /sort/],
  ])('refuses %s with 400 naming the problem', async (_what, query, message) => {
    const response = await api().get(`/api/process-instances?${query}`).set(as(admin)).expect(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(message) });
  });

  it('treats SQL in a variable value as a value: nothing matches and nothing breaks', async () => {
    const p = 'injection';
    await instance({ processId: p, variables: { name: 'x' } });
    expect(await search(`processId=${p}&var.name=${encodeURIComponent("x' OR '1'='1")}`)).toEqual([]);
    expect(await search(`processId=${p}&var.name=${encodeURIComponent('x"}') + '%27)--'}`)).toEqual([]);
    expect(await search(`processId=${p}&var.name=x`)).toHaveLength(1);
  });

  it('pages by keyset: every row once, in order, even with equal sort keys and rows added meanwhile', async () => {
    const p = 'paging';
    const sameInstant = new Date('2026-04-01T00:00:00Z');
    const rows = [];
    for (let i = 0; i < 7; i++)
      rows.push(await instance({ processId: p, startedAt: sameInstant, businessKey: `k${i % 3}` }));
    rows.push(await instance({ processId: p, startedAt: new Date('2026-04-02T00:00:00Z') }));

    const walk = async (query: string, onPage?: () => Promise<void>) => {
      const seen: Item[] = [];
      let cursor: string | null = null;
      do {
        const response = await api()
          .get(`/api/process-instances?processId=${p}&limit=3&${query}${cursor ? `&cursor=${cursor}` : ''}`)
          .set(as(admin))
          .expect(200);
        const page = response.body as { items: Item[]; nextCursor: string | null };
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.items);
        cursor = page.nextCursor;
        await onPage?.();
      } while (cursor);
      return seen;
    };

    const byStart = await walk('sort=startedAt&order=desc');
    expect(byStart.map((item) => item.id)).toHaveLength(8);
    expect(ids(byStart)).toEqual([...rows].sort());
    expect(byStart[0]?.id).toBe(rows[7]);

    // Business keys ascending, the one without a key last; a row started meanwhile does not disturb the walk.
    let added = false;
    const byKey = await walk('sort=businessKey&order=asc', async () => {
      if (!added) await instance({ processId: p, businessKey: 'a-first', startedAt: sameInstant });
      added = true;
    });
    const keys = byKey.map((item) => item.businessKey);
    expect(keys).toEqual(['k0', 'k0', 'k0', 'k1', 'k1', 'k2', 'k2', null]);
    expect(new Set(byKey.map((item) => item.id)).size).toBe(8);

    const cursor = (await api().get(`/api/process-instances?processId=${p}&limit=2`).set(as(admin))).body as {
      nextCursor: string;
    };
    await api()
      .get(`/api/process-instances?processId=${p}&limit=2&sort=endedAt&cursor=${cursor.nextCursor}`)
      .set(as(admin))
      .expect(400);
  });

  it('exports the whole result as CSV: a header, every page, RFC 4180 quoting and no formulas', async () => {
    const p = 'export';
    await stack.prisma.processDefinition.create({
      data: { bpmnProcessId: p, version: 1, xml: '<definitions />', graph: rowsOnlyGraph(p), contentHash: p },
    });
    const definition = await stack.prisma.processDefinition.findFirstOrThrow({ where: { bpmnProcessId: p } });
    await stack.prisma.processInstance.createMany({
      data: Array.from({ length: 205 }, (_, i) => ({
        id: randomUUID(),
        definitionId: definition.id,
        bpmnProcessId: p,
        version: 1,
        businessKey: i === 0 ? 'a,"quoted"\nkey' : i === 1 ? '=HYPERLINK("http://x")' : i === 2 ? '-2+3' : `bulk-${i}`,
      })),
    });

    const response = await api()
      .get(`/api/process-instances?processId=${p}&sort=businessKey&order=asc`)
      .set({ ...as(admin), Accept: 'text/csv' })
      .expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const text = response.text;
    expect(text.split('\r\n')[0]).toBe(
      'id,processId,version,businessKey,state,startedAt,endedAt,startedBy,openTasks,openIncidents',
    );
    expect(text).toContain(`,${p},1,'-2+3,ACTIVE,`);
    expect(text).toContain(`,"'=HYPERLINK(""http://x"")",ACTIVE,`);
    expect(text).toContain(`,"a,""quoted""\nkey",ACTIVE,`);
    // 205 rows and the header, each ended by CRLF (one row's key holds a bare LF inside its quotes).
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(206);

    const viaFormat = await api().get(`/api/process-instances?processId=${p}&format=csv`).set(as(admin)).expect(200);
    expect(viaFormat.text.split('\r\n').filter(Boolean)).toHaveLength(206);
  });

  it('shows a clerk only the instances of their tasks, and answers 404 for the others', async () => {
    const p = 'visibility';
    const clerk = await stack.login('clerk1');
    const mine = await instance({ processId: p });
    const theirs = await instance({ processId: p });
    await insertTask(stack, mine, { candidateGroups: ['civil-affairs'] });
    await insertTask(stack, theirs, { candidateGroups: ['planning-budget'] });

    expect(ids(await search(`processId=${p}`, clerk))).toEqual([mine]);
    const count = await api().get(`/api/process-instances/count?processId=${p}`).set(as(clerk)).expect(200);
    expect(count.body).toMatchObject({ total: 1 });
    const csv = await api().get(`/api/process-instances?processId=${p}&format=csv`).set(as(clerk)).expect(200);
    expect(csv.text).toContain(mine);
    expect(csv.text).not.toContain(theirs);
    for (const path of ['', '/variables/history', '/tasks', '/audit'])
      await api().get(`/api/process-instances/${theirs}${path}`).set(as(clerk)).expect(404);
    await api().get(`/api/process-instances/${mine}/tasks`).set(as(clerk)).expect(200);
  });
});
