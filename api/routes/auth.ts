import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { authenticate, caller, requestToken } from '../auth/authenticate';
import { logIn, logOut, SESSION_COOKIE } from '../auth/sessions';
import { parseInput } from '../validation';

export const loginBody = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(1000) });

export function authRoutes(deps: AppDeps): Router {
  const router = Router();

  router.post('/login', async (req, res) => {
    const { token, expiresAt, user } = await logIn(deps, parseInput(loginBody, req.body));
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: deps.config.COOKIE_SECURE,
      expires: expiresAt,
      path: '/',
    });
    res.json({ token, expiresAt, user });
  });

  router.post('/logout', async (req, res) => {
    const token = requestToken(req);
    if (token) await logOut(deps, token);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.get('/me', authenticate(deps), (req, res) => {
    res.json({ user: caller(req).principal });
  });

  return router;
}
