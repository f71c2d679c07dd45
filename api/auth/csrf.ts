/**
 * Cross-site request forgery, beyond SameSite=Strict: a change (POST, PUT, PATCH, DELETE) must come from a page of
 * the app's own origin, told by the browser's Origin header (or Referer when a browser leaves Origin out). Requests
 * with a bearer token are exempt: a browser never adds that header by itself. A change that carries the session
 * cookie and neither header is refused; one without the cookie (a login from a script) may omit them, but a foreign
 * Origin is refused everywhere, login included, so another site cannot log a browser into its own account.
 */
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../../shared/app-error';
import type { Config } from '../../platform/config';
import { bearerToken, sessionCookie } from './authenticate';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function rejectCrossSiteChanges({ PUBLIC_ORIGIN }: Pick<Config, 'PUBLIC_ORIGIN'>) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(req.method) || bearerToken(req)) return next();
    const sender = senderOrigin(req);
    const ownOrigin = PUBLIC_ORIGIN ?? `${req.protocol}://${req.get('host')}`;
    // Without either header only a request without the cookie passes: it cannot be riding a browser's session.
    const allowed = sender === undefined ? sessionCookie(req) === undefined : sender === ownOrigin;
    if (allowed) return next();
    throw new AppError(
      'CSRF_REJECTED',
      sender === undefined
        ? 'A change with the session cookie must say where it comes from (Origin or Referer header).'
        : `A change from ${sender} is refused: only pages of ${ownOrigin} may send one with the session cookie.`,
    );
  };
}

/** The origin the browser says sent the request: Origin, else the Referer's origin; "null" (a sandboxed page) counts. */
function senderOrigin(req: Request): string | undefined {
  const origin = req.get('origin');
  if (origin) return origin;
  const referer = req.get('referer');
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return 'null';
  }
}
