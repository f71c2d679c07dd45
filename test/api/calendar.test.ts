/**
 * The calendar API: deadlines answer the same dueAt as the calculator's unit tests for the same input (the same
 * hand-counted table), with the explanation; bad input gets a 4xx naming the parameter; only administrators
 * declare or withdraw holidays, and each change is audited.
 */
import request from 'supertest';
import { petitionCases, type PetitionCase } from '../gov/calendar/civil-petition-cases';
import { startTestStack, type TestStack } from '../support/stack';

describe('calendar API', () => {
  let stack: TestStack;
  let admin: string;
  let clerk: string;
  const api = () => request(stack.app);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const deadlineUrl = (params: Record<string, string | string[]>) => {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) for (const one of [value].flat()) search.append(name, one);
    return `/api/calendar/deadline?${search.toString()}`;
  };
  const caseParams = (given: PetitionCase) => ({
    rule: 'civil-petition',
    receivedAt: given.receivedAt,
    ...Object.fromEntries(Object.entries(given.period).map(([unit, amount]) => [unit, String(amount)])),
    ...(given.excluded ? { excluded: given.excluded } : {}),
  });
  const overrides = () => stack.prisma.holidayOverride.findMany({ orderBy: { date: 'asc' } });
  const holidayAudits = () =>
    stack.prisma.auditLog.findMany({ where: { objectType: 'Holiday' }, orderBy: { id: 'asc' } });

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    admin = await stack.login('admin');
    clerk = await stack.login('clerk1');
  });
  afterAll(() => stack.stop());

  it.each(petitionCases)("answers the unit tests' dueAt: $name", async (given) => {
    for (const day of given.declared ?? [])
      await api().post('/api/calendar/holidays').set(as(admin)).send(day).expect(201);
    try {
      const response = await api()
        .get(deadlineUrl(caseParams(given)))
        .set(as(clerk))
        .expect(200);
      expect(response.body).toMatchObject({ dueAt: given.dueAt, rule: 'civil-petition', unit: given.unit });
      const body = response.body as { explanation: { text: string[]; skipped: Array<{ date: string }> } };
      expect(body.explanation.skipped.map((day) => day.date)).toEqual(expect.arrayContaining(given.skips ?? []));
      expect(body.explanation.text.at(-1)).toMatch(/^처리기한: /);
    } finally {
      for (const day of given.declared ?? [])
        await api().delete(`/api/calendar/holidays/${day.date}`).set(as(admin)).expect(204);
    }
  });

  const valid = { rule: 'civil-petition', receivedAt: '2026-03-09T10:00:00+09:00', days: '3' };
  const badQueries: Array<{ what: string; params: Record<string, string | string[]>; parameter: string }> = [
    {
      what: 'a receipt without an offset',
      params: { ...valid, receivedAt: '2026-03-09T10:00:00' },
      parameter: 'receivedAt',
    },
    { what: 'a missing receipt', params: { rule: 'civil-petition', days: '3' }, parameter: 'receivedAt' },
    { what: 'a negative period', params: { ...valid, days: '-2' }, parameter: 'days' },
    { what: 'a period that is no number', params: { ...valid, days: 'three' }, parameter: 'days' },
    { what: 'a missing period', params: { rule: 'civil-petition', receivedAt: valid.receivedAt }, parameter: 'days' },
    { what: 'both days and hours', params: { ...valid, hours: '4' }, parameter: 'hours' },
    { what: 'an unknown rule', params: { ...valid, rule: 'tax-appeal' }, parameter: 'rule' },
    { what: 'a missing rule', params: { receivedAt: valid.receivedAt, days: '3' }, parameter: 'rule' },
    {
      what: 'an inverted excluded range',
      params: { ...valid, excluded: ['2026-03-10/2026-03-11', '2026-03-13/2026-03-12'] },
      parameter: 'excluded',
    },
    {
      what: 'an excluded range that is not a range',
      params: { ...valid, excluded: '2026-03-13' },
      parameter: 'excluded',
    },
  ];

  it.each(badQueries)('refuses $what with 400 naming $parameter', async ({ params, parameter }) => {
    const response = await api().get(deadlineUrl(params)).set(as(clerk)).expect(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining(parameter) });
  });

  it('refuses a deadline past the holiday data with 422 saying how far the data goes', async () => {
    const response = await api()
      .get(deadlineUrl({ ...valid, receivedAt: '2027-12-28T10:00:00+09:00', days: '6' }))
      .set(as(clerk))
      .expect(422);
    expect(response.body).toMatchObject({
      code: 'CALENDAR_OUT_OF_RANGE',
      message: expect.stringContaining('2027-12-31'),
    });
  });

  it('asks for a login', async () => {
    await api().get(deadlineUrl(valid)).expect(401);
    await api().get('/api/calendar/holidays?year=2026').expect(401);
  });

  it("lists a year's holidays, and refuses a year past the data or no year", async () => {
    const response = await api().get('/api/calendar/holidays?year=2027').set(as(clerk)).expect(200);
    const body = response.body as {
      year: number;
      source: string;
      items: Array<{ date: string; names: string[]; kind: string }>;
    };
    expect(body.items).toHaveLength(24);
    expect(body.items).toContainEqual({ date: '2027-02-09', names: ['대체공휴일(설날)'], kind: 'statutory' });
    expect(body.source).toBe('@hyunbinseo/holidays-kr 5.2027.1');
    const past = await api().get('/api/calendar/holidays?year=2028').set(as(clerk)).expect(422);
    expect(past.body).toMatchObject({ code: 'CALENDAR_OUT_OF_RANGE', message: expect.stringContaining('year') });
    const missing = await api().get('/api/calendar/holidays').set(as(clerk)).expect(400);
    expect(missing.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('year') });
  });

  it('lets only administrators declare or withdraw holidays: others get 403 and nothing changes', async () => {
    const before = { overrides: await overrides(), audits: await holidayAudits() };
    const declare = await api()
      .post('/api/calendar/holidays')
      .set(as(clerk))
      .send({ date: '2026-03-04', name: '임시공휴일' })
      .expect(403);
    expect(declare.body).toMatchObject({ code: 'FORBIDDEN' });
    const withdraw = await api().delete('/api/calendar/holidays/2026-06-03').set(as(clerk)).expect(403);
    expect(withdraw.body).toMatchObject({ code: 'FORBIDDEN' });
    expect({ overrides: await overrides(), audits: await holidayAudits() }).toEqual(before);
  });

  it('declares a temporary holiday, which moves deadlines, refuses it twice, and withdraws it, each change audited', async () => {
    // 8 h from Tue 2026-03-03 14:00: Wed 3/4 14:00; with 3/4 declared: Thu 3/5 14:00 (hand count in civil-petition-cases.ts).
    const oneDay = deadlineUrl({ rule: 'civil-petition', receivedAt: '2026-03-03T14:00:00+09:00', days: '1' });
    expect((await api().get(oneDay).set(as(clerk)).expect(200)).body).toMatchObject({
      dueAt: '2026-03-04T14:00:00+09:00',
    });

    const declared = await api()
      .post('/api/calendar/holidays')
      .set(as(admin))
      .send({ date: '2026-03-04', name: '임시공휴일' })
      .expect(201);
    expect(declared.body).toEqual({ date: '2026-03-04', names: ['임시공휴일'], kind: 'declared' });
    const moved = await api().get(oneDay).set(as(clerk)).expect(200);
    expect(moved.body).toMatchObject({ dueAt: '2026-03-05T14:00:00+09:00' });
    expect((moved.body as { explanation: { text: string[] } }).explanation.text.join('\n')).toContain(
      '2026-03-04(수) 지정 휴일(임시공휴일)',
    );

    const twice = await api()
      .post('/api/calendar/holidays')
      .set(as(admin))
      .send({ date: '2026-03-04', name: '또 임시공휴일' })
      .expect(409);
    expect(twice.body).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('2026-03-04') });
    const onAHoliday = await api()
      .post('/api/calendar/holidays')
      .set(as(admin))
      .send({ date: '2026-05-05', name: '임시공휴일' })
      .expect(409);
    expect(onAHoliday.body).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('어린이날') });

    await api().delete('/api/calendar/holidays/2026-03-04').set(as(admin)).expect(204);
    expect((await api().get(oneDay).set(as(clerk)).expect(200)).body).toMatchObject({
      dueAt: '2026-03-04T14:00:00+09:00',
    });
    expect(await overrides()).toEqual([]);
    expect(
      (await holidayAudits())
        .slice(-2)
        .map(({ actor, action, objectId, details }) => ({ actor, action, objectId, details })),
    ).toEqual([
      { actor: 'admin', action: 'holiday.declared', objectId: '2026-03-04', details: { name: '임시공휴일' } },
      {
        actor: 'admin',
        action: 'holiday.withdrawn',
        objectId: '2026-03-04',
        details: { kind: 'declared', name: '임시공휴일' },
      },
    ]);
  });

  it('withdraws a statutory holiday (전국동시지방선거 Wed 2026-06-03), which moves deadlines back, and restores it', async () => {
    // 16 h from Tue 6/2 10:00: Tue 7 h, (6/3), Thu 8 h, Fri 1 h → Fri 6/5 10:00; withdrawn: Wed 8 h, Thu 1 h → Thu 6/4 10:00.
    const twoDays = deadlineUrl({ rule: 'civil-petition', receivedAt: '2026-06-02T10:00:00+09:00', days: '2' });
    expect((await api().get(twoDays).set(as(clerk)).expect(200)).body).toMatchObject({
      dueAt: '2026-06-05T10:00:00+09:00',
    });

    await api().delete('/api/calendar/holidays/2026-06-03').set(as(admin)).expect(204);
    expect((await api().get(twoDays).set(as(clerk)).expect(200)).body).toMatchObject({
      dueAt: '2026-06-04T10:00:00+09:00',
    });
    const listed = await api().get('/api/calendar/holidays?year=2026').set(as(clerk)).expect(200);
    expect((listed.body as { items: unknown[] }).items).toContainEqual({
      date: '2026-06-03',
      names: ['전국동시지방선거'],
      kind: 'withdrawn',
    });
    const again = await api().delete('/api/calendar/holidays/2026-06-03').set(as(admin)).expect(409);
    expect(again.body).toMatchObject({ code: 'CONFLICT' });

    const restored = await api()
      .post('/api/calendar/holidays')
      .set(as(admin))
      .send({ date: '2026-06-03', name: '전국동시지방선거' })
      .expect(201);
    expect(restored.body).toEqual({ date: '2026-06-03', names: ['전국동시지방선거'], kind: 'statutory' });
    expect((await api().get(twoDays).set(as(clerk)).expect(200)).body).toMatchObject({
      dueAt: '2026-06-05T10:00:00+09:00',
    });
    expect((await holidayAudits()).slice(-2).map(({ action, details }) => ({ action, details }))).toEqual([
      { action: 'holiday.withdrawn', details: { kind: 'statutory', name: '전국동시지방선거' } },
      { action: 'holiday.restored', details: { name: '전국동시지방선거' } },
    ]);
  });

  it('refuses bad holiday changes with the parameter named, and a withdrawal of a day that is no holiday with 404', async () => {
    const noDate = await api()
      .post('/api/calendar/holidays')
      .set(as(admin))
      .send({ date: '2026-02-30', name: '임시공휴일' })
      .expect(400);
    expect(noDate.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('date') });
    const noName = await api().post('/api/calendar/holidays').set(as(admin)).send({ date: '2026-03-04' }).expect(400);
    expect(noName.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('name') });
    const past = await api()
      .post('/api/calendar/holidays')
      .set(as(admin))
      .send({ date: '2028-01-03', name: '임시공휴일' })
      .expect(422);
    expect(past.body).toMatchObject({ code: 'CALENDAR_OUT_OF_RANGE', message: expect.stringContaining('date') });
    const badPath = await api().delete('/api/calendar/holidays/next-monday').set(as(admin)).expect(400);
    expect(badPath.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('date') });
    const notAHoliday = await api().delete('/api/calendar/holidays/2026-03-09').set(as(admin)).expect(404);
    expect(notAHoliday.body).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('2026-03-09') });
    expect(await overrides()).toEqual([]);
  });

  it('describes the calendar routes in the OpenAPI document', async () => {
    const response = await api().get('/api/openapi.json').expect(200);
    expect(response.body).toMatchObject({
      paths: {
        '/api/calendar/deadline': { get: expect.any(Object) },
        '/api/calendar/holidays': { get: expect.any(Object), post: expect.any(Object) },
        '/api/calendar/holidays/{date}': { delete: expect.any(Object) },
      },
    });
  });
});
