/**
 * The civil-petition API: a petition's due instant by type answers the unit tests' hand-counted table (holidays
 * declared through the calendar API count), with an explanation that cites the type's article and §19; bad input
 * gets a 400 naming the parameter; only administrators add statutory types, each addition audited.
 */
import request from 'supertest';
import { petitionTypeCases } from '../gov/petition-type-cases';
import { startTestStack, type TestStack } from '../support/stack';

describe('civil-petition rules API', () => {
  let stack: TestStack;
  let admin: string;
  let clerk: string;
  const api = () => request(stack.app);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const deadlineUrl = (params: Record<string, string>) =>
    `/api/petitions/deadline?${new URLSearchParams(params).toString()}`;
  const petitionTypeRows = () => stack.prisma.petitionType.findMany({ orderBy: { code: 'asc' } });
  const petitionTypeAudits = () =>
    stack.prisma.auditLog.findMany({ where: { objectType: 'PetitionType' }, orderBy: { id: 'asc' } });
  const foodReport = {
    code: 'food-business-report',
    name: '영업신고',
    limit: { unit: 'days', amount: 3 },
    basis: '식품위생법 시행규칙 제42조',
  };

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    admin = await stack.login('admin');
    clerk = await stack.login('clerk1');
  });
  afterAll(() => stack.stop());

  it.each(petitionTypeCases)("answers the unit tests' dueAt: $name", async (given) => {
    for (const day of given.declared ?? [])
      await api().post('/api/calendar/holidays').set(as(admin)).send(day).expect(201);
    try {
      const response = await api()
        .get(deadlineUrl({ type: given.type, receivedAt: given.receivedAt }))
        .set(as(clerk))
        .expect(200);
      expect(response.body).toMatchObject({ dueAt: given.dueAt, rule: { code: given.type } });
      const text = (response.body as { explanation: { text: string[] } }).explanation.text;
      for (const day of given.declared ?? [])
        expect(text.join('\n')).toContain(`${day.date}(월) 지정 휴일(${day.name})`);
    } finally {
      for (const day of given.declared ?? [])
        await api().delete(`/api/calendar/holidays/${day.date}`).set(as(admin)).expect(204);
    }
  });

  it("explains the count: the type's limit and article first, then the §19 count with the declared day", async () => {
    await api()
      .post('/api/calendar/holidays')
      .set(as(admin))
      .send({ date: '2026-03-16', name: '임시공휴일' })
      .expect(201);
    try {
      const response = await api()
        .get(deadlineUrl({ type: 'grievance', receivedAt: '2026-03-13T18:30:00+09:00' }))
        .set(as(clerk))
        .expect(200);
      const body = response.body as { dueAt: string; rule: unknown; explanation: { text: string[] } };
      expect(body.dueAt).toBe('2026-03-25T18:00:00+09:00');
      expect(body.rule).toEqual({
        code: 'grievance',
        name: '고충',
        limit: { unit: 'days', amount: 7 },
        basis: '민원 처리에 관한 법률 시행령 제18조제1항',
      });
      expect(body.explanation.text[0]).toBe('민원 종류: 고충, 처리기간 7일 (민원 처리에 관한 법률 시행령 제18조제1항)');
      expect(body.explanation.text[1]).toContain('민원 처리에 관한 법률 시행령 제19조제2항');
      expect(body.explanation.text.join('\n')).toContain('2026-03-16(월) 지정 휴일(임시공휴일)');
    } finally {
      await api().delete('/api/calendar/holidays/2026-03-16').set(as(admin)).expect(204);
    }
  });

  const valid = { type: 'proposal', receivedAt: '2026-03-13T15:00:00+09:00' };
  it.each<{ what: string; params: Record<string, string>; parameter: string }>([
    { what: 'an unknown type', params: { ...valid, type: 'complaint' }, parameter: 'type' },
    { what: 'a missing type', params: { receivedAt: valid.receivedAt }, parameter: 'type' },
    {
      what: 'a receipt without an offset',
      params: { ...valid, receivedAt: '2026-03-13T15:00:00' },
      parameter: 'receivedAt',
    },
    {
      what: 'a receipt that is no instant',
      params: { ...valid, receivedAt: 'Friday afternoon' },
      parameter: 'receivedAt',
    },
    { what: 'a missing receipt', params: { type: valid.type }, parameter: 'receivedAt' },
  ])('refuses $what with 400 naming $parameter', async ({ params, parameter }) => {
    const response = await api().get(deadlineUrl(params)).set(as(clerk)).expect(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining(parameter) });
  });

  it('lists the known types when the type is unknown', async () => {
    const response = await api()
      .get(deadlineUrl({ ...valid, type: 'complaint' }))
      .set(as(clerk))
      .expect(400);
    expect((response.body as { message: string }).message).toContain(
      'known types: inquiry-law, inquiry-procedure, proposal, grievance, other-immediate',
    );
  });

  it('refuses a receipt past the holiday data with 422', async () => {
    const response = await api()
      .get(deadlineUrl({ ...valid, receivedAt: '2027-12-28T10:00:00+09:00' }))
      .set(as(clerk))
      .expect(422);
    expect(response.body).toMatchObject({ code: 'CALENDAR_OUT_OF_RANGE' });
  });

  it('asks for a login', async () => {
    await api().get(deadlineUrl(valid)).expect(401);
    await api().get('/api/petitions/types').expect(401);
  });

  it('lists the five general types with their limits and articles', async () => {
    const response = await api().get('/api/petitions/types').set(as(clerk)).expect(200);
    const items = (response.body as { items: Array<{ code: string; limit: unknown; basis: string; kind: string }> })
      .items;
    expect(items.map(({ code, limit, kind }) => ({ code, limit, kind }))).toEqual([
      { code: 'inquiry-law', limit: { unit: 'days', amount: 14 }, kind: 'general' },
      { code: 'inquiry-procedure', limit: { unit: 'days', amount: 7 }, kind: 'general' },
      { code: 'proposal', limit: { unit: 'days', amount: 14 }, kind: 'general' },
      { code: 'grievance', limit: { unit: 'days', amount: 7 }, kind: 'general' },
      { code: 'other-immediate', limit: { unit: 'immediately' }, kind: 'general' },
    ]);
    for (const item of items) expect(item.basis).toMatch(/^민원 처리에 관한 법률 시행령 제1[4-8]조/);
    await api().get('/api/petitions/types/no-such-type').set(as(clerk)).expect(404);
  });

  it.each(['clerk1', 'manager1', 'analyst1'])(
    'refuses %s adding a statutory type with 403, and nothing changes',
    async (username) => {
      const before = { rows: await petitionTypeRows(), audits: await petitionTypeAudits() };
      const response = await api()
        .post('/api/petitions/types')
        .set(as(await stack.login(username)))
        .send(foodReport)
        .expect(403);
      expect(response.body).toMatchObject({ code: 'FORBIDDEN' });
      await api().get(`/api/petitions/types/${foodReport.code}`).set(as(clerk)).expect(404);
      expect({ rows: await petitionTypeRows(), audits: await petitionTypeAudits() }).toEqual(before);
    },
  );

  it.each([
    { what: 'a code with capitals', body: { ...foodReport, code: 'FoodReport' }, field: 'code' },
    { what: 'no name', body: { ...foodReport, name: ' ' }, field: 'name' },
    { what: 'a limit of 0 days', body: { ...foodReport, limit: { unit: 'days', amount: 0 } }, field: 'limit' },
    { what: 'an unknown unit', body: { ...foodReport, limit: { unit: 'fortnights', amount: 1 } }, field: 'limit' },
    {
      what: 'an amount with immediately',
      body: { ...foodReport, limit: { unit: 'immediately', amount: 3 } },
      field: 'limit',
    },
    { what: 'no basis', body: { ...foodReport, basis: undefined }, field: 'basis' },
  ])('refuses a statutory type with $what: 400 naming $field', async ({ body, field }) => {
    const response = await api().post('/api/petitions/types').set(as(admin)).send(body).expect(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining(field) });
  });

  it('lets an administrator add a statutory type, which clerks then count by, audited; a taken code is a 409', async () => {
    const added = await api().post('/api/petitions/types').set(as(admin)).send(foodReport).expect(201);
    expect(added.body).toEqual({ ...foodReport, kind: 'statutory' });
    expect(await petitionTypeAudits()).toEqual([
      expect.objectContaining({
        actor: 'admin',
        action: 'petition-type.added',
        objectId: 'food-business-report',
        details: { name: '영업신고', limit: { unit: 'days', amount: 3 }, basis: '식품위생법 시행규칙 제42조' },
      }),
    ]);

    // 3 days = 24 working hours from Fri 3/13 15:00: Fri 3 h, Mon 8 h, Tue 8 h, Wed 09-12 and 13-15 → Wed 15:00.
    const deadline = await api()
      .get(deadlineUrl({ type: 'food-business-report', receivedAt: '2026-03-13T15:00:00+09:00' }))
      .set(as(clerk))
      .expect(200);
    expect(deadline.body).toMatchObject({
      dueAt: '2026-03-18T15:00:00+09:00',
      rule: { code: 'food-business-report', basis: '식품위생법 시행규칙 제42조' },
    });
    const text = (deadline.body as { explanation: { text: string[] } }).explanation.text;
    expect(text[0]).toBe('민원 종류: 영업신고, 처리기간 3일 (식품위생법 시행규칙 제42조)');
    expect(text[1]).toContain('민원 처리에 관한 법률 시행령 제19조제1항');
    const listed = await api().get('/api/petitions/types').set(as(clerk)).expect(200);
    expect((listed.body as { items: Array<{ code: string }> }).items.at(-1)).toMatchObject({
      code: 'food-business-report',
    });
    await api().get('/api/petitions/types/food-business-report').set(as(clerk)).expect(200);

    const again = await api().post('/api/petitions/types').set(as(admin)).send(foodReport).expect(409);
    expect(again.body).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('food-business-report') });
    const general = await api()
      .post('/api/petitions/types')
      .set(as(admin))
      .send({ ...foodReport, code: 'grievance', limit: { unit: 'days', amount: 30 } })
      .expect(409);
    expect(general.body).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('grievance') });
    expect((await petitionTypeAudits()).length).toBe(1);
  });

  it('describes the petition routes in the OpenAPI document', async () => {
    const response = await api().get('/api/openapi.json').expect(200);
    expect(response.body).toMatchObject({
      paths: {
        '/api/petitions/deadline': { get: expect.any(Object) },
        '/api/petitions/types': { get: expect.any(Object), post: expect.any(Object) },
        '/api/petitions/types/{code}': { get: expect.any(Object) },
      },
    });
  });
});
