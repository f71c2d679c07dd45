/**
 * Garbage a schema-based fuzzer found (docs/reliability.md, "Load and fuzzing"): each was a 500 and is now a 400 with
 * a code, and nothing was stored.
 */
import request from 'supertest';
import { startTestStack, type TestStack } from '../support/stack';

describe('garbage input', () => {
  let stack: TestStack;
  let admin: string;
  const api = () => request(stack.app);

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    admin = `Bearer ${await stack.login('admin')}`;
  });
  afterAll(() => stack?.stop());

  const expectBadRequest = (response: request.Response, code = 'BAD_REQUEST') => {
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code });
  };

  it('answers a number PostgreSQL cannot store with 400, and creates nothing', async () => {
    const before = await stack.prisma.rank.count();
    const response = await api()
      .post('/api/org/ranks')
      .set('Authorization', admin)
      .send({ code: 'huge', name: '거대', grade: 9007199254740990 });
    expectBadRequest(response);
    expect((response.body as { message: string }).message).toMatch(/out of range/);
    expect(await stack.prisma.rank.count()).toBe(before);
  });

  it('answers an id that is not a UUID, and a NUL byte in text, with 400', async () => {
    expectBadRequest(
      await api()
        .get('/api/procurement/biddings/null,null/bids/e3e70682-c209-1cac-a29f-6fbed82c07cd')
        .set('Authorization', admin),
    );
    expectBadRequest(
      await api().put('/api/drafts/nul-byte').set('Authorization', admin).send({ xml: '<bpmn\u0000/>', forms: {} }),
    );
  });

  it('answers a multipart body without its boundary with 400 on every upload route', async () => {
    for (const path of ['/api/deployments', '/v2/deployments']) {
      const response = await api()
        .post(path)
        .set('Authorization', admin)
        .set('Content-Type', 'multipart/form-data')
        .send('not really multipart');
      expect(response.status).toBe(400);
      expect(response.text).toMatch(/multipart\/form-data body cannot be read/);
    }
  });

  it('refuses a message time to live beyond a century, and a /v2 message id that is not a UUID', async () => {
    expectBadRequest(
      await api()
        .post('/api/messages')
        .set('Authorization', admin)
        .send({ name: 'm', correlationKey: 'k', timeToLive: 8.64e15 }),
      'VALIDATION_FAILED',
    );
    for (const body of [{ timeToLive: 8.64e15 }, { messageId: '0'.repeat(200) }]) {
      const response = await api()
        .post('/v2/messages/publication')
        .set('Authorization', admin)
        .send({ name: 'm', correlationKey: 'k', ...body });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(await stack.prisma.bufferedMessage.count()).toBe(0);
  });

  it('refuses a /v2 job lock past a year, which no date could hold, with 400', async () => {
    const response = await api()
      .post('/v2/jobs/activation')
      .set('Authorization', admin)
      .send({ type: 'a', worker: '', timeout: 9007199254740990, maxJobsToActivate: 1, requestTimeout: -1 });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', detail: expect.stringMatching(/at most a year/) });
  });
});
