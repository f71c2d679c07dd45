/** Resolves the caller from `Authorization: Bearer <token>` or the session cookie, and builds their ability. */
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../../shared/app-error';
import type { AppDeps } from '../deps';
import { defineAbilityFor, type AppAbility, type Caller, type Principal } from './ability';
import { principalForToken, SESSION_COOKIE } from './sessions';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
    ability?: AppAbility;
  }
}

export function requestToken(req: Request): string | undefined {
  return bearerToken(req) ?? sessionCookie(req);
}

export function bearerToken(req: Request): string | undefined {
  const header = req.get('authorization');
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() || undefined : undefined;
}

export function sessionCookie(req: Request): string | undefined {
  const cookies = req.cookies as Record<string, string> | undefined;
  return cookies?.[SESSION_COOKIE];
}

export function authenticate({ prisma, config }: AppDeps) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const token = requestToken(req);
    const principal = token ? await principalForToken(prisma, token, config.SESSION_IDLE_MINUTES) : undefined;
    if (!principal) throw new AppError('UNAUTHENTICATED', 'Log in first: send a bearer token or the session cookie.');
    req.principal = principal;
    req.ability = defineAbilityFor(principal);
    next();
  };
}

/** The authenticated caller; routes behind authenticate() can rely on it. */
export function caller(req: Request): Caller {
  if (!req.principal || !req.ability) throw new AppError('UNAUTHENTICATED', 'Log in first.');
  return { principal: req.principal, ability: req.ability, sourceAddress: req.ip };
}
