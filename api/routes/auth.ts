import { Router, type Response } from 'express';
import { z } from 'zod';
import { SECURITY_GRADES } from '../../gov/security-grades';
import type { AppDeps } from '../deps';
import { authenticate, caller, requestToken } from '../auth/authenticate';
import { logIn } from '../auth/login';
import { logOut, logOutEverywhere, SESSION_COOKIE } from '../auth/sessions';
import type { VerificationSlots } from '../auth/verification-slots';
import { parseInput } from '../validation';

export const loginBody = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(1000) });

/** The caller as the login and /api/auth/me answer it: who they are, and the reach of their roles and units. */
export const principalAnswer = z.object({
  id: z.guid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  groups: z.array(z.string()),
  orgUnitId: z.guid().nullable().optional(),
  headOf: z.array(z.guid()).optional(),
  unitSubtree: z.array(z.guid()).optional(),
  clearance: z.enum(SECURITY_GRADES).nullable().optional(),
  ownedProcesses: z.array(z.string()).optional(),
});
export const loginAnswer = z.object({ token: z.string(), expiresAt: z.iso.datetime(), user: principalAnswer });
export const meAnswer = z.object({ user: principalAnswer });

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
    const answer: z.input<typeof loginAnswer> = { token, expiresAt: expiresAt.toISOString(), user };
    res.json(answer);
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
    const answer: z.input<typeof meAnswer> = { user: caller(req).principal };
    res.json(answer);
  });

  return router;
}

function answerLoggedOut(res: Response): void {
  res.clearCookie(SESSION_COOKIE, { path: '/' });
  res.status(204).end();
}
