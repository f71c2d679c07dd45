import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../shared/app-error';
import type { AppDeps } from '../deps';
import { authenticate, caller, requestToken } from '../auth/authenticate';
import { decoyHash, verifyPassword } from '../auth/passwords';
import { createSession, endSession, SESSION_COOKIE, toPrincipal } from '../auth/sessions';
import { parseInput } from '../validation';

export const loginBody = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(1000) });

export function authRoutes(deps: AppDeps): Router {
  const router = Router();

  router.post('/login', async (req, res) => {
    const { username, password } = parseInput(loginBody, req.body);
    const user = await deps.prisma.user.findUnique({ where: { username }, include: { roles: true, groups: true } });
    const valid = user?.active
      ? await verifyPassword(user.passwordHash, password)
      : await verifyPassword(await decoyHash, password).then(() => false);
    if (!user || !valid) throw new AppError('UNAUTHENTICATED', 'The username or password is wrong.');
    const { token, expiresAt } = await createSession(deps.prisma, user.id, deps.config.SESSION_TTL_HOURS);
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: deps.config.COOKIE_SECURE,
      expires: expiresAt,
      path: '/',
    });
    await deps.prisma.auditLog.create({
      data: { actor: user.username, action: 'user.login', objectType: 'User', objectId: user.id },
    });
    res.json({ token, expiresAt, user: toPrincipal(user) });
  });

  router.post('/logout', async (req, res) => {
    const token = requestToken(req);
    if (token) await endSession(deps.prisma, token);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.get('/me', authenticate(deps), (req, res) => {
    res.json({ user: caller(req).principal });
  });

  return router;
}
