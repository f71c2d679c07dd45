/**
 * Login hardening (docs/security.md): throttled logins with lockout and their audit rows, the CSRF origin check,
 * idle sessions, logging out everywhere and the purge, security headers, the public health answer and the
 * administrator bootstrap. Each login test sends its own X-Forwarded-For (the API trusts a loopback proxy), so the
 * per-address counters of one test do not lock another.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import request from 'supertest';
import { createApp } from '../../api/app';
import { purgeStaleCounters } from '../../api/auth/login-throttle';
import { hashToken, purgeSessions } from '../../api/auth/sessions';
import { securityHeaders } from '../../api/security-headers';
import { createLogger } from '../../platform/logger';
import { administratorInput, bootstrapAdministrator } from '../../scripts/admin-bootstrap';
import { DEFAULT_DEMO_PASSWORD } from '../../scripts/demo-org';
import { PASSWORD, startTestStack, type TestStack } from '../support/stack';

describe('login hardening', () => {
  let stack: TestStack;
  let server: Server;
  let baseUrl: string;
  const api = () => request(baseUrl);
  let nextAddress = 1;
  /** A source address no other test has used. */
  const freshAddress = () => `198.51.100.${nextAddress++}`;

  const logIn = (username: string, password: string, address: string) =>
    api().post('/api/auth/login').set('X-Forwarded-For', address).send({ username, password });

  async function userId(username: string): Promise<string> {
    return (await stack.prisma.user.findUniqueOrThrow({ where: { username } })).id;
  }
  const auditCount = (action: string, objectId: string) => stack.prisma.auditLog.count({ where: { action, objectId } });

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    // One listening server for all requests: a burst of a hundred logins must not open a hundred servers.
    server = stack.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await stack?.stop();
  });

  describe('throttling', () => {
    it('locks an account after a burst of 100 wrong passwords, audits every one, and keeps answering other users', async () => {
      const victim = await userId('clerk1');
      const otherUser = `Bearer ${await stack.login('clerk2')}`;
      const otherUsersRequest = async () => {
        const started = performance.now();
        await api().get('/api/tasks').set('Authorization', otherUser).expect(200);
        return performance.now() - started;
      };
      const baseline = median(await sequentially(15, otherUsersRequest));

      const address = freshAddress();
      const burst = Promise.all(Array.from({ length: 100 }, () => logIn('clerk1', 'wrong-password', address)));
      let burstDone = false;
      void burst.finally(() => (burstDone = true));
      const during: number[] = [];
      while (!burstDone || during.length < 5) during.push(await otherUsersRequest());
      const answers = await burst;

      const statuses = answers.map((answer) => answer.status);
      expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
      // The lock is checked before the password is: after it, attempts cost no argon2 work. Only the checks already
      // in their slot when the lock fell still finish.
      const verified = statuses.filter((status) => status === 401).length;
      expect(verified).toBeGreaterThanOrEqual(stack.config.LOGIN_MAX_FAILURES_PER_ACCOUNT);
      expect(verified).toBeLessThanOrEqual(
        stack.config.LOGIN_MAX_FAILURES_PER_ACCOUNT + stack.config.LOGIN_CONCURRENT_VERIFICATIONS - 1,
      );
      const refused = answers.find((answer) => answer.status === 429)!;
      expect(refused.body).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(stack.config.LOGIN_LOCKOUT_MINUTES * 60);

      // Every attempt is in the audit trail: checked and failed, or refused while locked; the lockout once.
      expect((await auditCount('user.login-failed', victim)) + (await auditCount('user.login-refused', victim))).toBe(
        100,
      );
      expect(await auditCount('user.login-locked', victim)).toBe(1);

      // The right password does not open a locked account, from any address.
      const locked = await logIn('clerk1', PASSWORD, freshAddress()).expect(429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);

      // Meanwhile the other user's requests answered within their usual time (a generous factor: CI machines vary).
      expect(median(during)).toBeLessThan(baseline * 10);
    });

    it('opens the account again when the lockout is over, and a success clears its counter', async () => {
      const address = freshAddress();
      for (let attempt = 0; attempt < stack.config.LOGIN_MAX_FAILURES_PER_ACCOUNT; attempt++) {
        await logIn('clerk3', 'wrong-password', address).expect(401);
      }
      await logIn('clerk3', PASSWORD, address).expect(429);

      await stack.prisma.loginThrottle.update({
        where: { key: 'account:clerk3' },
        data: { lockedUntil: new Date(Date.now() - 1000) },
      });
      const success = await logIn('clerk3', PASSWORD, address).expect(200);
      expect(success.body).toMatchObject({ user: { username: 'clerk3' } });
      expect(await stack.prisma.loginThrottle.findUnique({ where: { key: 'account:clerk3' } })).toBeNull();
      expect(await auditCount('user.login', await userId('clerk3'))).toBeGreaterThanOrEqual(1);
    });

    it('locks a source address that tries many accounts, while other addresses still log in', async () => {
      const flooding = freshAddress();
      const limit = stack.config.LOGIN_MAX_FAILURES_PER_ADDRESS;
      // Unknown usernames cost the same decoy check and count on the address all the same.
      await Promise.all(Array.from({ length: limit }, (_, n) => logIn(`nobody${n}`, 'guess', flooding).expect(401)));

      const refused = await logIn('lead1', PASSWORD, flooding).expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      await logIn('lead1', PASSWORD, freshAddress()).expect(200);
      expect(await auditCount('user.login-locked', flooding)).toBe(1);
    });

    it('records the source address of a failed login', async () => {
      const address = freshAddress();
      await logIn('planner1', 'wrong-password', address).expect(401);
      const row = await stack.prisma.auditLog.findFirstOrThrow({
        where: { action: 'user.login-failed', objectId: await userId('planner1') },
      });
      expect(row).toMatchObject({ actor: 'planner1', objectType: 'User' });
      expect(await stack.prisma.loginThrottle.findUnique({ where: { key: `address:${address}` } })).toMatchObject({
        failures: 1,
      });
    });

    it('forgets counters whose window and lock are over', async () => {
      const old = new Date(Date.now() - (stack.config.LOGIN_WINDOW_MINUTES + 1) * 60_000);
      await stack.prisma.loginThrottle.create({ data: { key: 'account:stale', failures: 3, windowStartedAt: old } });
      await stack.prisma.loginThrottle.create({
        data: {
          key: 'account:still-locked',
          failures: 9,
          windowStartedAt: old,
          lockedUntil: new Date(Date.now() + 60_000),
        },
      });
      await purgeStaleCounters(stack.prisma, stack.config);
      expect(await stack.prisma.loginThrottle.findUnique({ where: { key: 'account:stale' } })).toBeNull();
      expect(await stack.prisma.loginThrottle.findUnique({ where: { key: 'account:still-locked' } })).not.toBeNull();
    });
  });

  describe('cross-site request forgery', () => {
    async function cookieSession(username: string): Promise<string> {
      const response = await logIn(username, PASSWORD, freshAddress()).expect(200);
      const cookie = (response.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('bps_session='));
      expect(cookie).toBeDefined();
      return cookie?.split(';')[0] ?? '';
    }

    it('refuses a change with the session cookie from another origin or from nowhere, and takes it from our own', async () => {
      const cookie = await cookieSession('inspector1');

      const foreign = await api()
        .post('/api/auth/logout-all')
        .set('Cookie', cookie)
        .set('Origin', 'https://evil.example')
        .expect(403);
      expect(foreign.body).toMatchObject({ code: 'CSRF_REJECTED' });
      await api()
        .post('/api/auth/logout-all')
        .set('Cookie', cookie)
        .set('Referer', 'https://evil.example/page')
        .expect(403);
      await api().post('/api/auth/logout-all').set('Cookie', cookie).expect(403);
      await api().get('/api/auth/me').set('Cookie', cookie).expect(200); // nothing happened

      await api().post('/api/auth/logout-all').set('Cookie', cookie).set('Origin', baseUrl).expect(204);
      await api().get('/api/auth/me').set('Cookie', cookie).expect(401);
    });

    it('exempts bearer-token requests, which a browser never sends by itself', async () => {
      const token = await stack.login('director1');
      await api()
        .post('/api/task-filters')
        .set('Authorization', `Bearer ${token}`)
        .set('Origin', 'https://evil.example')
        .send({ name: 'mine', criteria: {} })
        .expect(201);
    });

    it('refuses a login posted by another site, so it cannot sign a browser into its own account', async () => {
      const response = await api()
        .post('/api/auth/login')
        .set('Origin', 'https://evil.example')
        .send({ username: 'mayor1', password: PASSWORD })
        .expect(403);
      expect(response.body).toMatchObject({ code: 'CSRF_REJECTED' });
      expect(response.headers['set-cookie']).toBeUndefined();
    });
  });

  describe('sessions', () => {
    const sessionOf = (token: string) =>
      stack.prisma.session.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    const setLastSeen = (token: string, minutesAgo: number) =>
      stack.prisma.session.update({
        where: { tokenHash: hashToken(token) },
        data: { lastSeenAt: new Date(Date.now() - minutesAgo * 60_000) },
      });

    it('ends a session left idle longer than SESSION_IDLE_MINUTES', async () => {
      const token = await stack.login('manager1');
      await setLastSeen(token, stack.config.SESSION_IDLE_MINUTES + 1);
      await api().get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
      expect(await stack.prisma.session.findUnique({ where: { tokenHash: hashToken(token) } })).toBeNull();
    });

    it('keeps a used session alive, writing its last activity at most once a minute', async () => {
      const token = await stack.login('analyst1');
      await setLastSeen(token, stack.config.SESSION_IDLE_MINUTES - 1);
      await api().get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
      const touched = (await sessionOf(token)).lastSeenAt;
      expect(Date.now() - touched.getTime()).toBeLessThan(10_000);

      await api().get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
      expect((await sessionOf(token)).lastSeenAt).toEqual(touched);
    });

    it('logs out everywhere: every session of the caller ends, other people keep theirs, and it is audited', async () => {
      const first = await stack.login('auditor1');
      const second = await stack.login('auditor1');
      const someoneElse = await stack.login('security1');
      await api().post('/api/auth/logout-all').set('Authorization', `Bearer ${first}`).expect(204);
      await api().get('/api/auth/me').set('Authorization', `Bearer ${first}`).expect(401);
      await api().get('/api/auth/me').set('Authorization', `Bearer ${second}`).expect(401);
      await api().get('/api/auth/me').set('Authorization', `Bearer ${someoneElse}`).expect(200);
      expect(await auditCount('user.logout-all', await userId('auditor1'))).toBe(1);
    });

    it('purges expired and idle sessions and keeps live ones', async () => {
      const live = await stack.login('clerk2');
      const idle = await stack.login('clerk2');
      const expired = await stack.login('clerk2');
      await setLastSeen(idle, stack.config.SESSION_IDLE_MINUTES + 5);
      await stack.prisma.session.update({
        where: { tokenHash: hashToken(expired) },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      expect(await purgeSessions(stack.prisma, stack.config.SESSION_IDLE_MINUTES)).toBeGreaterThanOrEqual(2);
      const left = await stack.prisma.session.findMany({
        where: { tokenHash: { in: [live, idle, expired].map(hashToken) } },
      });
      expect(left.map((session) => session.tokenHash)).toEqual([hashToken(live)]);
    });
  });

  describe('security headers', () => {
    it('sends a content security policy, no framing, no sniffing and a same-origin referrer; no HSTS on plain HTTP', async () => {
      const page = await api().get('/tasks').expect(200);
      const policy = page.headers['content-security-policy'];
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("object-src 'none'");
      expect(policy).not.toContain('upgrade-insecure-requests');
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect(page.headers['x-frame-options']).toBe('DENY');
      expect(page.headers['referrer-policy']).toBe('same-origin');
      expect(page.headers['strict-transport-security']).toBeUndefined();
      const answer = await api().get('/api/openapi.json').expect(200);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
    });

    it('sends HSTS and upgrades requests when served behind HTTPS (COOKIE_SECURE)', async () => {
      const secure = express()
        .use(securityHeaders({ COOKIE_SECURE: true }))
        .get('/', (_req, res) => res.end());
      const response = await request(secure).get('/').expect(200);
      expect(response.headers['strict-transport-security']).toMatch(/max-age=31536000/);
      expect(response.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    });
  });

  describe('health', () => {
    it('tells an anonymous caller only up or down per part, never why', async () => {
      const secret = 'connect ECONNREFUSED 10.1.2.3:5432 (user bps, password hunter2)';
      const app = createApp({
        config: stack.config,
        prisma: stack.prisma,
        temporal: stack.temporal,
        logger: createLogger('test', 'silent'),
        probes: {
          temporal: async () => {},
          smtp: async () => {},
          database: () => Promise.reject(new Error(secret)),
        },
      });
      const response = await request(app).get('/api/health').expect(503);
      expect(response.body).toEqual({
        status: 'degraded',
        checks: { temporal: { status: 'ok' }, database: { status: 'down' }, smtp: { status: 'ok' } },
      });
      expect(response.text).not.toContain('ECONNREFUSED');
    });
  });

  describe('administrator bootstrap', () => {
    it('refuses weak passwords', () => {
      const problems = (password: string) =>
        administratorInput.safeParse({ ADMIN_USERNAME: 'chief', ADMIN_PASSWORD: password });
      expect(problems('Sh0rt!').success).toBe(false);
      expect(problems('alllowercaseletters').success).toBe(false);
      expect(problems(DEFAULT_DEMO_PASSWORD).success).toBe(false);
      expect(problems('Chief-2026-Office').success).toBe(false); // contains the username
      expect(problems('Correct-Horse-42').success).toBe(true);
    });

    it('creates the administrator, then resets the password and ends the old sessions, audited', async () => {
      const input = { ADMIN_USERNAME: 'chief', ADMIN_PASSWORD: 'Correct-Horse-42' };
      expect(await bootstrapAdministrator(stack.prisma, input)).toBe('created');
      const first = await logIn('chief', input.ADMIN_PASSWORD, freshAddress()).expect(200);
      const { token, user } = first.body as { token: string; user: { roles: string[] } };
      expect(user.roles).toEqual(['admin']);

      expect(await bootstrapAdministrator(stack.prisma, { ...input, ADMIN_PASSWORD: 'Battery-Staple-77' })).toBe(
        'reset',
      );
      await api().get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
      await logIn('chief', input.ADMIN_PASSWORD, freshAddress()).expect(401);
      await logIn('chief', 'Battery-Staple-77', freshAddress()).expect(200);
      expect(await auditCount('user.admin-bootstrap', await userId('chief'))).toBe(2);
    });
  });
});

async function sequentially(times: number, work: () => Promise<number>): Promise<number[]> {
  const results = [];
  for (let n = 0; n < times; n++) results.push(await work());
  return results;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
