/**
 * GET /api/e-court/fees over HTTP: a clerk gets the fees to the won with an explanation citing each article, the
 * filing date defaults to today in Korea, and every bad query is a 400 naming its parameter.
 */
import request from 'supertest';
import { kstDate } from '../../gov/calendar/local-date';
import { startTestStack, type TestStack } from '../support/stack';

describe('e-court rules API', () => {
  let stack: TestStack;
  let clerk: string;
  const api = () => request(stack.app);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const feesUrl = (params: Record<string, string>) => `/api/e-court/fees?${new URLSearchParams(params).toString()}`;
  const valid = {
    claimAmount: '12345678',
    level: 'appeal',
    electronic: 'true',
    parties: '2',
    track: 'civil',
    filedOn: '2026-12-07',
  };

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    clerk = await stack.login('clerk1');
  });
  afterAll(() => stack.stop());

  it('prices an electronic appeal to the won and explains each step with its article', async () => {
    const response = await api().get(feesUrl(valid)).set(as(clerk)).expect(200);
    // 60,555.551 → 60,500 (§2②) × 1.5 = 90,750 × 0.9 = 81,675 → 81,600; 2 × 5,640 × 12 = 135,360
    expect(response.body).toMatchObject({ stampFee: 81_600, serviceFee: 135_360 });
    const { text } = (response.body as { explanation: { text: string[] } }).explanation;
    expect(text).toEqual([
      expect.stringMatching(/^\[민사소송 등 인지법 §2①\] .*= 60,555\.551원$/),
      '[민사소송 등 인지법 §2②] 1천원 이상이므로 100원 미만은 계산하지 않아 60,500원',
      '[민사소송 등 인지법 §3] 항소장: 60,500원 × 1.5 = 90,750원',
      '[전자소송 인지 감액 규정] 전자소송으로 제출: 90,750원 × 10분의 9 = 81,675원',
      '[민사소송 등 인지법 §2②] 붙일 인지액도 100원 미만은 계산하지 않으므로 81,600원',
      '[송달료규칙] 송달료 1회분은 2026-07-01부터 5,640원 (접수일 2026-12-07 기준)',
      '[송달료규칙] 민사 항소심: 당사자 2명 × 5,640원 × 12회분 = 135,360원',
      '인지액 81,600원, 송달료 135,360원',
    ]);
  });

  it('takes the fee per round of the filing date: 5,500 won before 2026-07-01', async () => {
    const response = await api()
      .get(feesUrl({ ...valid, level: 'first', electronic: 'false', filedOn: '2026-06-30' }))
      .set(as(clerk))
      .expect(200);
    expect(response.body).toMatchObject({ stampFee: 60_500, serviceFee: 2 * 5_500 * 15 });
  });

  it('files today in Korea when no filing date is given', async () => {
    const { filedOn: _given, ...withoutDate } = valid;
    const today = kstDate(Date.now());
    const [implicit, explicit] = await Promise.all([
      api().get(feesUrl(withoutDate)).set(as(clerk)).expect(200),
      api()
        .get(feesUrl({ ...withoutDate, filedOn: today }))
        .set(as(clerk))
        .expect(200),
    ]);
    expect(implicit.body).toEqual(explicit.body);
    expect(JSON.stringify(implicit.body)).toContain(`접수일 ${today} 기준`);
  });

  const without = (name: keyof typeof valid) =>
    Object.fromEntries(Object.entries(valid).filter(([key]) => key !== name)) as Record<string, string>;
  const badQueries: Array<{ what: string; params: Record<string, string>; parameter: string }> = [
    { what: 'a missing claim', params: without('claimAmount'), parameter: 'claimAmount' },
    { what: 'a claim that is no number', params: { ...valid, claimAmount: 'many' }, parameter: 'claimAmount' },
    { what: 'a negative claim', params: { ...valid, claimAmount: '-1000' }, parameter: 'claimAmount' },
    { what: 'a claim in part won', params: { ...valid, claimAmount: '1000.5' }, parameter: 'claimAmount' },
    { what: 'an absurd claim', params: { ...valid, claimAmount: '1e20' }, parameter: 'claimAmount' },
    { what: 'a missing level', params: without('level'), parameter: 'level' },
    { what: 'an unknown level', params: { ...valid, level: 'supreme' }, parameter: 'level' },
    { what: 'electronic that is no boolean', params: { ...valid, electronic: 'yes' }, parameter: 'electronic' },
    { what: 'a missing electronic', params: without('electronic'), parameter: 'electronic' },
    { what: 'no parties', params: { ...valid, parties: '0' }, parameter: 'parties' },
    { what: 'half a party', params: { ...valid, parties: '1.5' }, parameter: 'parties' },
    { what: 'a missing parties', params: without('parties'), parameter: 'parties' },
    { what: 'an unknown track', params: { ...valid, track: 'criminal' }, parameter: 'track' },
    {
      what: 'a small claim on appeal',
      params: { ...valid, track: 'small-claims', claimAmount: '5000000' },
      parameter: 'track',
    },
    {
      what: 'a small claim above 30,000,000 won',
      params: { ...valid, track: 'small-claims', level: 'first', claimAmount: '30000001' },
      parameter: 'track',
    },
    { what: 'a filing date that is no date', params: { ...valid, filedOn: '2026-13-01' }, parameter: 'filedOn' },
    { what: 'a filing date before the fee table', params: { ...valid, filedOn: '2020-01-01' }, parameter: 'filedOn' },
  ];

  it.each(badQueries)('refuses $what with 400 naming $parameter', async ({ params, parameter }) => {
    const response = await api().get(feesUrl(params)).set(as(clerk)).expect(400);
    expect(response.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining(`${parameter}: `),
    });
  });

  it('names the refused filing date and where the fee table starts', async () => {
    const response = await api()
      .get(feesUrl({ ...valid, filedOn: '2020-01-01' }))
      .set(as(clerk))
      .expect(400);
    expect((response.body as { message: string }).message).toContain('2020-01-01 is before the fee table');
  });

  it('asks for a login', async () => {
    await api().get(feesUrl(valid)).expect(401);
  });

  it('is described in the OpenAPI document with each of its parameters', async () => {
    const response = await api().get('/api/openapi.json').expect(200);
    const body = response.body as { paths: Record<string, { get?: { parameters: Array<{ name: string }> } }> };
    const parameters = body.paths['/api/e-court/fees']?.get?.parameters.map((parameter) => parameter.name);
    expect(parameters).toEqual(['claimAmount', 'level', 'electronic', 'parties', 'track', 'filedOn']);
  });
});
