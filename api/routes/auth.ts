import { Router, type Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { authenticate, caller, requestToken } from '../auth/authenticate';
import { logIn } from '../auth/login';
import { logOut, logOutEverywhere, SESSION_COOKIE } from '../auth/sessions';
import type { VerificationSlots } from '../auth/verification-slots';
import { parseInput } from '../validation';

export const loginBody = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(1000) });

/** `slots` bounds this process's password checks (docs/security.md), shared with HTTP Basic on the Camunda API. */
export function authRoutes(deps: AppDeps, slots: VerificationSlots): Router {
  const router = Router();

  router.post('/login', async (req, res) => {
    const credentials = parseInput(loginBody, req.body);
    const { token, expiresAt, user } = await logIn(deps, slots, { ...credentials, sourceAddress: req.ip });
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
    answerLoggedOut(res);
  });

  router.post('/logout-all', authenticate(deps), async (req, res) => {
    await logOutEverywhere(deps.prisma, caller(req));
    answerLoggedOut(res);
  });

  router.get('/me', authenticate(deps), (req, res) => {
    res.json({ user: caller(req).principal });
  });

  return router;
}

function answerLoggedOut(res: Response): void {
  res.clearCookie(SESSION_COOKIE, { path: '/' });
  res.status(204).end();
}
