/**
 * Overload (docs/reliability.md): beyond its admitted requests the API refuses at once with 503 OVERLOADED and
 * Retry-After, on /api as JSON and on /v2 as a problem; health checks and logins are not counted; a dry connection
 * pool answers 503 quickly instead of hanging.
 */
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createApp } from '../../api/app';
import type { AppDeps } from '../../api/deps';
import { createPrisma, type PrismaClient } from '../../platform/db';
import { PASSWORD, startTestStack, type TestStack } from '../support/stack';

describe('overload', () => {
  let stack: TestStack;
  let token: string;
  const servers: Server[] = [];

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    token = await stack.login('clerk1');
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    await stack?.stop();
  });

  /** The API with its own limits (and database client), listening on a loopback port. */
  async function serve(overrides: Partial<AppDeps['config']>, prisma: PrismaClient = stack.prisma): Promise<string> {
    const deps: AppDeps = {
      config: { ...stack.config, ...overrides },
      prisma,
      temporal: stack.temporal,
      logger: stack.deps.logger,
      probes: { temporal: async () => {}, database: async () => {}, smtp: async () => {} },
    };
    const server = createApp(deps).listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** A request that takes its slot and keeps it: its body never finishes arriving. Returns the way to end it. */
  async function holdSlot(baseUrl: string): Promise<() => void> {
    const held = http.request(`${baseUrl}/api/messages`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Length': '100' },
    });
    held.on('error', () => undefined);
    held.write('{"name":');
    await new Promise((resolve) => setTimeout(resolve, 200)); // admitted and waiting for the rest of its body
    return () => held.destroy();
  }

  it('refuses requests beyond the limit with 503, Retry-After and a code, but not health checks or logins', async () => {
    const baseUrl = await serve({ API_MAX_IN_FLIGHT: 1, API_MAX_QUEUED: 0 });
    const release = await holdSlot(baseUrl);
    try {
      const refused = await request(baseUrl).get('/api/tasks').set('Authorization', `Bearer ${token}`);
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.body).toMatchObject({ code: 'OVERLOADED' });

      const problem = await request(baseUrl).get('/v2/topology').set('Authorization', `Bearer ${token}`);
      expect(problem.status).toBe(503);
      expect(problem.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(problem.headers['retry-after']).toBe('1');
      expect(JSON.parse(problem.text)).toMatchObject({ status: 503, title: 'UNAVAILABLE', code: 'OVERLOADED' });

      await request(baseUrl).get('/api/health').expect(200);
      // Logins have their own bound on password checks, not a general slot.
      await request(baseUrl).post('/api/auth/login').send({ username: 'clerk2', password: PASSWORD }).expect(200);
    } finally {
      release();
    }
    // The slot of the caller that went away is free again.
    await waitFor(
      async () => (await request(baseUrl).get('/api/tasks').set('Authorization', `Bearer ${token}`)).status === 200,
    );
  });

  it('lets a request wait its turn in the queue, and refuses it once its wait runs out', async () => {
    const baseUrl = await serve({ API_MAX_IN_FLIGHT: 1, API_MAX_QUEUED: 1, API_QUEUE_WAIT_MS: 300 });
    const release = await holdSlot(baseUrl);
    const started = performance.now();
    const timedOut = await request(baseUrl).get('/api/tasks').set('Authorization', `Bearer ${token}`);
    expect(timedOut.status).toBe(503);
    expect(performance.now() - started).toBeGreaterThanOrEqual(280);

    const waiting = request(baseUrl)
      .get('/api/tasks')
      .set('Authorization', `Bearer ${token}`)
      .then((r) => r.status);
    setTimeout(release, 100);
    expect(await waiting).toBe(200);
  });

  it('answers 503 quickly when no database connection is free', async () => {
    const dryPool = createPrisma(stack.databaseUrl, { size: 1, waitMs: 200 });
    try {
      const baseUrl = await serve({}, dryPool);
      let endHold = () => {};
      const holding = dryPool.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        await new Promise<void>((resolve) => (endHold = resolve));
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = performance.now();
      const answer = await request(baseUrl).get('/api/tasks').set('Authorization', `Bearer ${token}`);
      const elapsed = performance.now() - started;
      endHold();
      await holding;
      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({ code: 'OVERLOADED' });
      expect(answer.headers['retry-after']).toBe('1');
      expect(elapsed).toBeLessThan(2000);
    } finally {
      await dryPool.$disconnect();
    }
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
