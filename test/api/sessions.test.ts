/**
 * A session's principal (api/auth/sessions.ts principalForToken, read in one query on every request) is the person
 * their login answered (loadPrincipal): roles, groups, units headed and under them, clearance, owned processes.
 */
import request from 'supertest';
import { PASSWORD, startTestStack, type TestStack } from '../support/stack';

describe('session principal', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
  });
  afterAll(() => stack.stop());

  /** Arrays in a stable order: neither read promises an order of roles, groups or units. */
  const sorted = (principal: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(principal).map(([key, value]) => [
        key,
        Array.isArray(value) ? [...(value as string[])].sort() : value,
      ]),
    );

  it('answers every request with the person the login answered, for every seeded person', async () => {
    // given a clearance in force, one expired, and a process owned
    const id = async (username: string) => (await stack.prisma.user.findUniqueOrThrow({ where: { username } })).id;
    const inAYear = new Date(Date.now() + 365 * 86_400_000);
    await stack.prisma.clearance.create({
      data: { userId: await id('clerk1'), grade: 'GRADE_II', expiresAt: inAYear },
    });
    await stack.prisma.clearance.create({
      data: { userId: await id('clerk2'), grade: 'GRADE_III', expiresAt: new Date(Date.now() - 86_400_000) },
    });
    await stack.prisma.processOwner.create({ data: { bpmnProcessId: 'owned-process', userId: await id('clerk1') } });
    const people = await stack.prisma.user.findMany({ where: { active: true }, select: { username: true } });
    expect(people.length).toBeGreaterThan(10);

    for (const { username } of people) {
      // when the person logs in, then asks who they are with the session
      const login = await request(stack.app).post('/api/auth/login').send({ username, password: PASSWORD }).expect(200);
      const { token, user } = login.body as { token: string; user: Record<string, unknown> };
      const me = await request(stack.app).get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);

      // then the session's principal is the login's
      expect(sorted((me.body as { user: Record<string, unknown> }).user)).toEqual(sorted(user));
    }
    const clerk1 = await stack.login('clerk1');
    const me = await request(stack.app).get('/api/auth/me').set('Authorization', `Bearer ${clerk1}`).expect(200);
    expect(me.body).toMatchObject({ user: { clearance: 'GRADE_II', ownedProcesses: ['owned-process'] } });
  });
});
