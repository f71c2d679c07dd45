/**
 * Records metadata through the API on the real stack: a drafter sets retention and disclosure, approval gives the
 * document its production registration number in the drafter's unit and the last day of its retention, and the
 * records officer (an administrator) lists what expires before a date, as pages or CSV.
 */
import request from 'supertest';
import { Role } from '../../api/auth/ability';
import { registrationYear } from '../../gov/records';
import { deployReferenceProcesses } from '../../scripts/seed';
import { startTestStack, type TestStack } from '../support/stack';
import { addUser } from '../support/users';
import { eventually } from '../support/wait';

const PEOPLE = ['clerk1', 'lead1', 'clerk2', 'manager1', 'admin', 'unitless1'] as const;
type Username = (typeof PEOPLE)[number];

interface DocumentDto {
  id: string;
  state: string;
  retention: string;
  disclosure: string;
  nonDisclosureGrounds: number[];
  retentionEndsAt: string | null;
  processingUnit: { code: string; name: string } | null;
  registrations: Array<{ kind: string; number: string; year: number; serial: number }>;
}

interface ExpiryPage {
  items: Array<{ id: string; productionNumber: string; retention: string; retentionEndsAt: string }>;
  nextCursor: string | null;
}

describe('records metadata', () => {
  let stack: TestStack;
  const tokens = {} as Record<Username, string>;
  let lead1Id: string;
  const api = () => request(stack.app);
  const as = (username: Username) => ({ Authorization: `Bearer ${tokens[username]}` });
  const year = registrationYear(new Date());

  beforeAll(async () => {
    stack = await startTestStack();
    await deployReferenceProcesses(stack.deps);
    await addUser(stack.prisma, 'unitless1', Role.CivilServant);
    for (const username of PEOPLE) tokens[username] = await stack.login(username);
    lead1Id = (await stack.prisma.user.findUniqueOrThrow({ where: { username: 'lead1' } })).id;
  });
  afterAll(() => stack.stop());

  function submit(records: Record<string, unknown>, drafter: Username = 'clerk1') {
    return api()
      .post('/api/approvals')
      .set(as(drafter))
      .send({
        title: '2027년 민원실 안내판 교체 계획',
        body: '노후 안내판을 교체하고자 합니다.',
        documentType: 'report',
        line: [{ kind: 'approve', userId: lead1Id }],
        ...records,
      });
  }

  const read = async (id: string, username: Username = 'clerk1') =>
    (await api().get(`/api/approvals/${id}`).set(as(username)).expect(200)).body as DocumentDto;

  /** Drafts with these records fields and has lead1 approve (or reject) it; answers the closed document. */
  async function decided(records: Record<string, unknown>, decision = 'approve'): Promise<DocumentDto> {
    const { id } = (await submit(records).expect(201)).body as DocumentDto;
    const task = await eventually(
      async () => {
        const queue = await api().get('/api/tasks').set(as('lead1')).expect(200);
        return (queue.body as { items: Array<{ id: string; variables: Record<string, unknown> }> }).items.find(
          (item) => item.variables.documentId === id,
        );
      },
      { what: `lead1's task on document ${id}` },
    );
    await api().post(`/api/tasks/${task.id}/complete`).set(as('lead1')).send({ variables: { decision } }).expect(200);
    return eventually(
      async () => {
        const document = await read(id);
        return document.state === 'IN_PROGRESS' ? undefined : document;
      },
      { what: `document ${id} decided` },
    );
  }

  const expiring = (username: Username, query: Record<string, string>) =>
    api().get('/api/records/retention').query(query).set(as(username));

  let fiveYears: DocumentDto;
  let oneYear: DocumentDto;

  it('keeps what the drafter set and, on approval, registers the document in the drafter’s unit', async () => {
    const drafted = (
      await submit({ retention: 'YEARS_5', disclosure: 'PARTIAL', nonDisclosureGrounds: [6] }).expect(201)
    ).body as DocumentDto;
    expect(drafted).toMatchObject({
      retention: 'YEARS_5',
      disclosure: 'PARTIAL',
      nonDisclosureGrounds: [6],
      processingUnit: { code: 'civil-affairs' },
      registrations: [],
      retentionEndsAt: null,
    });

    fiveYears = await decided({ retention: 'YEARS_5', disclosure: 'NON_PUBLIC', nonDisclosureGrounds: [1, 4] });
    expect(fiveYears.state).toBe('APPROVED');
    expect(fiveYears.registrations).toEqual([
      expect.objectContaining({ kind: 'PRODUCTION', number: 'civil-affairs-1', year, serial: 1 }),
    ]);
    expect(fiveYears.retentionEndsAt).toBe(`${year + 5}-12-31`);
    // The approver reads the same record; someone neither drafting nor on the line finds nothing (404, as before).
    expect((await read(fiveYears.id, 'lead1')).registrations[0]?.number).toBe('civil-affairs-1');
    await api().get(`/api/approvals/${fiveYears.id}`).set(as('clerk2')).expect(404);
  });

  it('numbers the next approval of the unit 2, keeps 영구 for good, and gives a rejected document no number', async () => {
    oneYear = await decided({ retention: 'YEARS_1' });
    expect(oneYear.registrations.map(({ number }) => number)).toEqual(['civil-affairs-2']);
    expect(oneYear.retentionEndsAt).toBe(`${year + 1}-12-31`);

    const permanent = await decided({ retention: 'PERMANENT' });
    expect(permanent.registrations.map(({ number }) => number)).toEqual(['civil-affairs-3']);
    expect(permanent.retentionEndsAt).toBeNull();

    const rejected = await decided({}, 'reject');
    expect(rejected).toMatchObject({ state: 'REJECTED', registrations: [], retentionEndsAt: null });
  });

  it('drafts with the defaults when the fields are left out: 10 years, public', async () => {
    const drafted = (await submit({}).expect(201)).body as DocumentDto;
    expect(drafted).toMatchObject({ retention: 'YEARS_10', disclosure: 'PUBLIC', nonDisclosureGrounds: [] });
  });

  it.each([
    [{ retention: 'YEARS_7' }, /retention: must be one of PERMANENT/],
    [{ disclosure: 'SECRET' }, /disclosure: must be one of PUBLIC/],
    [{ disclosure: 'NON_PUBLIC' }, /nonDisclosureGrounds: a wholly withheld document names the items/],
    [{ disclosure: 'PUBLIC', nonDisclosureGrounds: [2] }, /nonDisclosureGrounds: a public document/],
    [{ disclosure: 'PARTIAL', nonDisclosureGrounds: [9] }, /9 is no item of 정보공개법 §9①/],
  ])('refuses %j with 400 and stores nothing', async (records, message) => {
    const before = await stack.prisma.approvalDocument.count();
    const response = await submit(records).expect(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(message) });
    expect(await stack.prisma.approvalDocument.count()).toBe(before);
  });

  it('refuses a drafter in no unit, whose document could never be registered', async () => {
    const before = await stack.prisma.approvalDocument.count();
    const response = await submit({}, 'unitless1').expect(422);
    expect(response.body).toMatchObject({ code: 'NO_PROCESSING_UNIT' });
    expect(await stack.prisma.approvalDocument.count()).toBe(before);
  });

  it('lists for the records officer what expires before a date, soonest first, a page at a time and as CSV', async () => {
    const before = `${year + 6}-01-01`;
    const first = (await expiring('admin', { expiringBefore: before, limit: '1' }).expect(200)).body as ExpiryPage;
    expect(first.items).toEqual([
      expect.objectContaining({
        id: oneYear.id,
        productionNumber: 'civil-affairs-2',
        retention: 'YEARS_1',
        retentionEndsAt: `${year + 1}-12-31`,
      }),
    ]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (
      await expiring('admin', { expiringBefore: before, limit: '1', cursor: first.nextCursor ?? '' }).expect(200)
    ).body as ExpiryPage;
    expect(second.items.map(({ id }) => id)).toEqual([fiveYears.id]);
    expect(second.nextCursor).toBeNull();

    // The last day of retention is inclusive: a list of what expires before that day leaves the document out.
    const boundary = (await expiring('admin', { expiringBefore: `${year + 5}-12-31` }).expect(200)).body as ExpiryPage;
    expect(boundary.items.map(({ id }) => id)).toEqual([oneYear.id]);

    const csv = await expiring('admin', { expiringBefore: before, format: 'csv' }).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('civil-affairs-2');
    expect(lines[2]).toContain('civil-affairs-1');
  });

  it('leaves classified documents to the security officer’s register', async () => {
    await stack.prisma.approvalDocument.update({ where: { id: oneYear.id }, data: { classification: 'GRADE_III' } });
    const page = (await expiring('admin', { expiringBefore: `${year + 6}-01-01` }).expect(200)).body as ExpiryPage;
    expect(page.items.map(({ id }) => id)).toEqual([fiveYears.id]);
  });

  it('answers 403 to everyone but administrators and 400 to a bad query', async () => {
    for (const username of ['clerk1', 'manager1'] as const) {
      await expiring(username, { expiringBefore: '2040-01-01' }).expect(403);
    }
    await expiring('admin', {}).expect(400);
    await expiring('admin', { expiringBefore: '2040-02-30' }).expect(400);
    await expiring('admin', { expiringBefore: '2040-01-01', cursor: 'not-a-cursor' }).expect(400);
    await expiring('admin', { expiringBefore: '2040-01-01', limit: '0' }).expect(400);
  });
});
