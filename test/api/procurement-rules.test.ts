/**
 * The procurement rules over HTTP: the announcement period answers what the unit tests count by hand, with its
 * article in the explanation; every bad field gets a 400 naming it; signed-in users only.
 */
import request from 'supertest';
import { startTestStack, type TestStack } from '../support/stack';

describe('procurement rules API', () => {
  let stack: TestStack;
  let clerk: string;
  const api = () => request(stack.app);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const announcementUrl = (params: Record<string, string>) =>
    `/api/procurement/announcement?${new URLSearchParams(params).toString()}`;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    clerk = await stack.login('clerk1');
  });
  afterAll(() => stack.stop());

  const works = { kind: 'works', siteBriefing: 'false', urgent: 'false', bidDeadline: '2026-03-20T10:00:00+09:00' };

  it.each([
    {
      what: 'goods',
      params: { ...works, kind: 'goods', estimatedPrice: '50000000' },
      days: 7,
      announceBy: '2026-03-12',
    },
    {
      what: 'works of 1 billion',
      params: { ...works, estimatedPrice: '1000000000' },
      days: 15,
      announceBy: '2026-03-04',
    },
    {
      what: 'works of 5 billion',
      params: { ...works, estimatedPrice: '5000000000' },
      days: 40,
      announceBy: '2026-02-07',
    },
    {
      what: 'urgent works of 5 billion',
      params: { ...works, estimatedPrice: '5000000000', urgent: 'true' },
      days: 5,
      announceBy: '2026-03-14',
    },
    {
      what: 'works with a briefing on 3/10',
      params: { ...works, siteBriefing: 'true', siteBriefingDate: '2026-03-10' },
      days: 7,
      announceBy: '2026-03-02',
    },
    {
      what: 'a negotiated contract',
      params: { ...works, kind: 'services', negotiated: 'true' },
      days: 40,
      announceBy: '2026-02-07',
    },
  ])('answers $what: $days days, publish by $announceBy', async ({ params, days, announceBy }) => {
    const response = await api().get(announcementUrl(params)).set(as(clerk)).expect(200);
    expect(response.body).toMatchObject({ days, announceBy });
  });

  it('explains the count in Korean, citing §35 and calendar days', async () => {
    const response = await api()
      .get(announcementUrl({ ...works, kind: 'goods', bidDeadline: '2026-03-20' }))
      .set(as(clerk))
      .expect(200);
    expect(response.body).toEqual({
      announceBy: '2026-03-12',
      days: 7,
      article: '국가계약법 시행령 §35①',
      countedFrom: '2026-03-19',
      lastDayOfPeriod: '2026-03-13',
      explanation: {
        text: expect.arrayContaining([expect.stringContaining('입찰서 제출 마감일 전일부터 기산하여 7일')]),
      },
    });
    expect((response.body as { explanation: { text: string[] } }).explanation.text[0]).toMatch(
      /^국가계약법 시행령 §35①: /,
    );
  });

  it.each<{ what: string; params: Record<string, string>; parameter: string }>([
    { what: 'an unknown kind', params: { ...works, kind: 'furniture' }, parameter: 'kind' },
    { what: 'no kind', params: { bidDeadline: works.bidDeadline }, parameter: 'kind' },
    { what: 'a negative price', params: { ...works, estimatedPrice: '-1' }, parameter: 'estimatedPrice' },
    { what: 'a price with separators', params: { ...works, estimatedPrice: '1,000' }, parameter: 'estimatedPrice' },
    { what: 'works without a price', params: works, parameter: 'estimatedPrice' },
    { what: 'a flag that is no boolean', params: { ...works, urgent: 'yes' }, parameter: 'urgent' },
    { what: 'no bid deadline', params: { kind: 'goods' }, parameter: 'bidDeadline' },
    {
      what: 'a bid deadline that is not ISO',
      params: { ...works, kind: 'goods', bidDeadline: '20.03.2026' },
      parameter: 'bidDeadline',
    },
    {
      what: 'a bid deadline without an offset',
      params: { ...works, kind: 'goods', bidDeadline: '2026-03-20T10:00' },
      parameter: 'bidDeadline',
    },
    {
      what: 'a briefing day with an urgent announcement',
      params: { ...works, urgent: 'true', siteBriefing: 'true', siteBriefingDate: '2026-03-10' },
      parameter: 'siteBriefingDate',
    },
    {
      what: 'a briefing after the deadline',
      params: { ...works, siteBriefing: 'true', siteBriefingDate: '2026-03-21' },
      parameter: 'siteBriefingDate',
    },
  ])('refuses $what with 400 naming $parameter', async ({ params, parameter }) => {
    const response = await api().get(announcementUrl(params)).set(as(clerk)).expect(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining(parameter) });
  });

  it('computes the reference price from the preliminary prices and the picks', async () => {
    const preliminaryPrices = Array.from({ length: 15 }, (_, index) => 98_000_000 + (index + 1) * 250_000);
    const response = await api()
      .post('/api/procurement/reference-price')
      .set(as(clerk))
      .send({
        basePrice: 100_000_000,
        preliminaryPrices,
        picks: [
          [3, 7],
          [3, 7],
          [3, 12],
          [7, 12],
          [12, 1],
          [5, 9],
        ],
      })
      .expect(200);
    expect(response.body).toMatchObject({ referencePrice: 99_437_500, averaged: [3, 7, 12, 1] });
    const outside = await api()
      .post('/api/procurement/reference-price')
      .set(as(clerk))
      .send({ basePrice: 100_000_000, preliminaryPrices: [...preliminaryPrices.slice(1), 97_000_000], picks: [[1, 2]] })
      .expect(400);
    expect(outside.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('preliminaryPrices'),
    });
  });

  it('documents both endpoints in the OpenAPI document', async () => {
    const response = await api().get('/api/openapi.json').expect(200);
    const paths = (response.body as { paths: Record<string, unknown> }).paths;
    expect(paths['/api/procurement/announcement']).toHaveProperty('get');
    expect(paths['/api/procurement/reference-price']).toHaveProperty('post');
  });

  it('asks for a login', async () => {
    await api()
      .get(announcementUrl({ ...works, kind: 'goods' }))
      .expect(401);
    await api().post('/api/procurement/reference-price').send({}).expect(401);
  });
});
