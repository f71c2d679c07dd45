/**
 * Authentication for API clients that are programs (the Camunda REST API, docs/camunda-api.md): a session token as
 * `Authorization: Bearer`, or a username and password as `Authorization: Basic`, checked on every request against
 * the same password store and login throttle as logging in, opening no session. Cookies are not read, so a page of
 * another site cannot act with a browser's session here, and no CSRF check is needed.
 */
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../../shared/app-error';
import type { AppDeps } from '../deps';
import { defineAbilityFor, type Principal } from './ability';
import { bearerToken } from './authenticate';
import { checkCredentials } from './login';
import { loadPrincipal, principalForToken } from './sessions';
import type { VerificationSlots } from './verification-slots';

export function authenticateClient(deps: AppDeps, slots: VerificationSlots) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const principal = await clientPrincipal(deps, slots, req);
    if (!principal) {
      throw new AppError(
        'UNAUTHENTICATED',
        'Authenticate with `Authorization: Bearer <session token>` (POST /api/auth/login) or `Authorization: Basic`.',
      );
    }
    req.principal = principal;
    req.ability = defineAbilityFor(principal);
    next();
  };
}

async function clientPrincipal(deps: AppDeps, slots: VerificationSlots, req: Request): Promise<Principal | undefined> {
  const token = bearerToken(req);
  if (token) return principalForToken(deps.prisma, token, deps.config.SESSION_IDLE_MINUTES);
  const credentials = basicCredentials(req.get('authorization'));
  if (!credentials) return undefined;
  const user = await checkCredentials(deps, slots, { ...credentials, sourceAddress: req.ip });
  return loadPrincipal(deps.prisma, user);
}

/** RFC 7617: base64 of `user:password`; the password may itself contain colons. */
function basicCredentials(header: string | undefined): { username: string; password: string } | undefined {
  const encoded = header?.match(/^Basic\s+([A-Za-z0-9+/=]+)\s*$/i)?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) return undefined;
  const username = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  // The bounds of the login form (api/routes/auth.ts), so Basic cannot send a password longer than a login may.
  if (username.length > 100 || password.length === 0 || password.length > 1000) return undefined;
  return { username, password };
}
